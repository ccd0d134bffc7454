import ReportDeskCore
import ReportDeskInterpreter

/// Every command is a tool whose title, description, schemas and annotations come from its
/// declaration.
enum MCPTools {
    static func list(_ registry: CommandRegistry) -> JSONValue {
        .object(JSONObject([
            ("tools", .array(registry.specs.map { spec in
                var tool = JSONObject([
                    ("name", .string(spec.method)),
                    ("title", .string(spec.title)),
                    ("description", .string(spec.fullDescription)),
                    ("inputSchema", spec.parametersSchema),
                ])
                tool["outputSchema"] = outputSchema(spec)
                tool["annotations"] = annotations(spec)
                return .object(tool)
            })),
        ]))
    }

    /// Hints for the client: what only reads, what cannot be undone, what may be repeated safely.
    /// Nothing here reaches outside the store, so `openWorldHint` is false throughout.
    static func annotations(_ spec: CommandSpec) -> JSONValue {
        .object(JSONObject([
            ("title", .string(spec.title)),
            ("readOnlyHint", .bool(!spec.mutates)),
            ("destructiveHint", .bool(spec.irreversible)),
            ("idempotentHint", .bool(spec.idempotent)),
            ("openWorldHint", false),
        ]))
    }

    /// MCP requires an object-typed output schema; results that may take several shapes get none.
    private static func outputSchema(_ spec: CommandSpec) -> JSONValue? {
        guard spec.result.schema["type"] == .string("object") else { return nil }
        return spec.result.schema
    }

    /// The tool's name and arguments, or the protocol error an unknown or missing name is.
    static func target(_ params: JSONValue?, in registry: CommandRegistry) -> Result<(name: String, arguments: JSONValue), DeskError> {
        guard let name = params?["name"]?.stringValue else {
            return .failure(DeskError.invalidParams(field: "name", "tools/call needs the tool name"))
        }
        guard registry.command(method: name) != nil else {
            return .failure(DeskError.invalidParams(field: "name", "unknown tool \(quoted(name)); tools/list lists them"))
        }
        return .success((name, params?["arguments"] ?? .object(JSONObject())))
    }

    /// A command's outcome as a tool result: its JSON as text and, for objects, as structured content.
    static func result(_ outcome: Result<JSONValue, DeskError>) -> JSONValue {
        switch outcome {
        case .success(let value):
            var result = JSONObject([("content", text(JSONWriter.string(value)))])
            if case .object = value { result["structuredContent"] = value }
            result["isError"] = false
            return .object(result)
        case .failure(let error):
            // No structuredContent: it would have to fit the tool's outputSchema, and an error does not.
            let data = error.data.map { "\ndata: " + JSONWriter.string($0) } ?? ""
            return .object(JSONObject([("content", text("error \(error.code.rawValue): \(error.message)\(data)")), ("isError", true)]))
        }
    }

    private static func text(_ text: String) -> JSONValue {
        .array([.object(JSONObject([("type", "text"), ("text", .string(text))]))])
    }
}
