/// The one error type every layer throws: it becomes the JSON-RPC error object, the `--json` error
/// line, the readable stderr line and the exit status, all from the same value.
public struct DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: ErrorCode
    public let message: String
    public let data: JSONValue?

    package init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { message }

    /// The JSON-RPC `error` member: `{code, message, data?}`.
    package var json: JSONValue {
        var object = JSONObject([("code", .int(code.rawValue)), ("message", .string(message))])
        if let data { object["data"] = data }
        return .object(object)
    }
}

extension DeskError {
    package static func invalidParams(field: String, _ message: String, extra: [(String, JSONValue)] = []) -> DeskError {
        DeskError(.invalidParams, message, data: .object(JSONObject([("field", .string(field))] + extra)))
    }

    package static func notFound(_ message: String, data: JSONValue? = nil) -> DeskError {
        DeskError(.notFound, message, data: data)
    }

    /// A domain rule was broken; `rule` is its name (`R3`, `R5`, `erasure`).
    package static func rule(_ rule: String, _ message: String, extra: [(String, JSONValue)] = []) -> DeskError {
        DeskError(.ruleViolated, message, data: .object(JSONObject([("rule", .string(rule))] + extra)))
    }

    package static func conflict(_ message: String, currentVersion: Int, extra: [(String, JSONValue)] = []) -> DeskError {
        DeskError(.conflict, message, data: .object(JSONObject([("version", .int(currentVersion))] + extra)))
    }

    package static func storeUnavailable(_ message: String) -> DeskError {
        DeskError(.storeUnavailable, message)
    }

    /// A write found the disk full or a size limit reached, in the words the store uses for it.
    package static let diskFull = DeskError.storeUnavailable("the disk is full (or a file size limit was reached); nothing was changed")

    /// A person declined to confirm a change: nothing changed, and it is no failure of the
    /// command, so people see it without "error:" (a one-shot still exits 1: nothing was done).
    package static func declined(_ message: String) -> DeskError {
        DeskError(.requestCancelled, message, data: ["declined": true])
    }

    package var isDeclined: Bool { code == .requestCancelled && data?["declined"] == true }

    package static func internalError(_ message: String) -> DeskError {
        DeskError(.internalError, message)
    }
}
