package import ReportDeskCore

extension ParameterSpec {
    /// The parameter's JSON Schema with its help and default, as `rpc.discover` and MCP show it.
    package var schema: JSONValue {
        var object = type.schema.objectValue ?? JSONObject()
        object["description"] = .string(help)
        if let defaultValue { object["default"] = defaultValue }
        return .object(object)
    }
}

extension CommandSpec {
    /// The params object's JSON Schema: every parameter by name, unknown ones refused.
    package var parametersSchema: JSONValue {
        .object(JSONObject([
            ("type", "object"),
            ("properties", .object(JSONObject(parameters.map { ($0.name, $0.schema) }))),
            ("required", .array(parameters.filter(\.isRequired).map { .string($0.name) })),
            ("additionalProperties", false),
        ]))
    }

    /// The command's description for machines: summary, discussion and first example.
    package var fullDescription: String {
        [summary, discussion, examples.first.map { "Example: \($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}

/// The OpenRPC document `rpc.discover` returns, generated from the declarations.
package enum OpenRPCDocument {
    package static func make(_ registry: CommandRegistry, version: String) -> JSONValue {
        .object(JSONObject([
            ("openrpc", "1.2.6"),
            ("info", .object(JSONObject([
                ("title", "ReportDesk"),
                ("version", .string(version)),
                ("description", "User reports of TikTok Minis mini apps: one command interpreter over one versioned store."),
            ]))),
            ("methods", .array(registry.specs.map(method))),
        ]))
    }

    private static func method(_ spec: CommandSpec) -> JSONValue {
        .object(JSONObject([
            ("name", .string(spec.method)),
            ("summary", .string(spec.summary)),
            ("description", .string(spec.fullDescription)),
            ("paramStructure", "either"),
            ("params", .array(parameterOrder(spec).map { parameter in
                .object(JSONObject([
                    ("name", .string(parameter.name)),
                    ("required", .bool(parameter.isRequired)),
                    ("description", .string(parameter.help)),
                    ("schema", parameter.schema),
                ]))
            })),
            ("result", .object(JSONObject([("name", .string(spec.method + ".result")), ("schema", spec.result.schema)]))),
            ("x-mutates", .bool(spec.mutates)),
            ("x-irreversible", .bool(spec.irreversible)),
            ("x-command-line", .string(spec.usage)),
        ]))
    }

    /// Positional parameters first, as params given by position are read in this order.
    private static func parameterOrder(_ spec: CommandSpec) -> [ParameterSpec] {
        spec.positionalParameters + spec.parameters.filter { !$0.isPositional }
    }
}
