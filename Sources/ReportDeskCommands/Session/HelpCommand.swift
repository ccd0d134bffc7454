import ReportDeskCore
import ReportDeskInterpreter

/// `help` and `help COMMAND`, written from the declarations.
enum HelpCommand: Command {
    static let command = Param.text("command", help: "the command to explain (appeal open, resolve, …)", positional: true, rest: true,
                                    maximumLength: 100, completion: .commands)

    static let spec = CommandSpec(
        "help", topic: .session,
        summary: "List the commands, or explain one: usage, parameters, examples",
        examples: ["help", "help resolve", "help appeal open"],
        parameters: [command.spec],
        result: ResultShape(schema: Schemas.object(["text": ["type": "string"], "commands": ["type": "array"]], optional: ["commands"]),
                            presentation: .help),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let registry = context.registry
        guard let name = try arguments.value(command), !name.isEmpty else {
            return .object(JSONObject([
                ("text", .string(HelpText.overview(registry))),
                ("commands", .array(registry.specs.map { spec in
                    .object(JSONObject([("command", .string(spec.name)), ("method", .string(spec.method)),
                                        ("summary", .string(spec.summary)), ("topic", .string(spec.topic.rawValue))]))
                })),
            ]))
        }
        let words = name.split(separator: " ").map(String.init)
        guard let (found, rest) = registry.match(words), rest.isEmpty else {
            if words.count == 1, let group = HelpText.group(words[0], in: registry) { return ["text": .string(group)] }
            throw registry.unknownCommandError(words)
        }
        return .object(JSONObject([("text", .string(HelpText.command(found.spec))), ("usage", .string(found.spec.usage))]))
    }
}
