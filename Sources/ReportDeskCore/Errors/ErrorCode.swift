/// A JSON-RPC error code. The set is open: the standard codes plus the application's own
/// (README, JSON-RPC), each a named static member.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    package static let parseError = ErrorCode(rawValue: -32700)
    package static let invalidRequest = ErrorCode(rawValue: -32600)
    package static let methodNotFound = ErrorCode(rawValue: -32601)
    package static let invalidParams = ErrorCode(rawValue: -32602)
    package static let internalError = ErrorCode(rawValue: -32603)
    /// LSP's code for a request cancelled by `$/cancelRequest` before it ran.
    package static let requestCancelled = ErrorCode(rawValue: -32800)

    package static let notFound = ErrorCode(rawValue: -32001)
    package static let conflict = ErrorCode(rawValue: -32002)
    package static let ruleViolated = ErrorCode(rawValue: -32003)
    package static let storeUnavailable = ErrorCode(rawValue: -32004)

    /// Usage errors end one-shot and script mode with status 2; everything else with 1.
    package var isUsageError: Bool {
        [ErrorCode.parseError, .invalidRequest, .methodNotFound, .invalidParams].contains(self)
    }

    public var description: String { String(rawValue) }
}
