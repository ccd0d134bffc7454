import ReportDeskCore
import ReportDeskInterpreter

/// The Model Context Protocol over the same server: every command is a tool whose input schema
/// and description come from its declaration.
enum MCPTools {
    /// Newest first; an unknown requested version is answered with the newest (MCP lifecycle).
    static let supportedVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

    static func initializeResult(requestedVersion: String, serverVersion: String) -> JSONValue {
        let version = supportedVersions.contains(requestedVersion) ? requestedVersion : supportedVersions[0]
        return .object(JSONObject([
            ("protocolVersion", .string(version)),
            ("capabilities", .object(JSONObject([("tools", .object(JSONObject([("listChanged", false)])))]))),
            ("serverInfo", .object(JSONObject([("name", "reportdesk"), ("version", .string(serverVersion))]))),
            ("instructions", "ReportDesk handles user reports of a TikTok Minis mini app. Use list or search to find reports, show for one, then note, resolve or dismiss. Every change makes a store version; history and undo work on them."),
        ]))
    }

    static func list(_ registry: CommandRegistry) -> JSONValue {
        .object(JSONObject([
            ("tools", .array(registry.specs.map { spec in
                var tool = JSONObject([
                    ("name", .string(spec.method)),
                    ("title", .string(spec.summary)),
                    ("description", .string(spec.fullDescription)),
                    ("inputSchema", spec.parametersSchema),
                ])
                tool["outputSchema"] = outputSchema(spec)
                tool["annotations"] = .object(JSONObject([("readOnlyHint", .bool(!spec.mutates)), ("destructiveHint", .bool(spec.irreversible))]))
                return .object(tool)
            })),
        ]))
    }

    /// MCP requires an object-typed output schema; results that may take several shapes get none.
    private static func outputSchema(_ spec: CommandSpec) -> JSONValue? {
        guard spec.result.schema["type"] == .string("object") else { return nil }
        return spec.result.schema
    }

    static func call(_ params: JSONValue?, interpreter: Interpreter) -> Result<JSONValue, DeskError> {
        guard let name = params?["name"]?.stringValue else {
            return .failure(DeskError.invalidParams(field: "name", "tools/call needs the tool name"))
        }
        guard interpreter.registry.command(method: name) != nil else {
            return .failure(DeskError.invalidParams(field: "name", "unknown tool \(quoted(name)); tools/list lists them"))
        }
        let execution = interpreter.execute(method: name, params: params?["arguments"] ?? .object(JSONObject()))
        switch execution.outcome {
        case .success(let value):
            var result = JSONObject([
                ("content", .array([.object(JSONObject([("type", "text"), ("text", .string(JSONWriter.string(value)))]))])),
            ])
            if case .object = value { result["structuredContent"] = value }
            result["isError"] = false
            return .success(.object(result))
        case .failure(let error):
            // No structuredContent: it would have to fit the tool's outputSchema, and an error does not.
            let data = error.data.map { "\ndata: " + JSONWriter.string($0) } ?? ""
            return .success(.object(JSONObject([
                ("content", .array([.object(JSONObject([("type", "text"), ("text", .string("error \(error.code.rawValue): \(error.message)\(data)"))]))])),
                ("isError", true),
            ])))
        }
    }
}
