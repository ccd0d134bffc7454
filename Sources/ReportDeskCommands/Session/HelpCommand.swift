import ReportDeskCore
import ReportDeskInterpreter

/// `help` and `help COMMAND`, written from the declarations.
enum HelpCommand: Command {
    struct Parameters: ParameterSet {
        let command = Param.text("command", help: "the command to explain (appeal open, resolve, …)", positional: true, rest: true,
                                 maximumLength: 100, completion: .commands)
        let man = Param.flag("man", help: "write the whole manual page (roff, for man -l or a man1 folder) instead")
    }

    static let spec = CommandSpec(
        Self.self, "help", topic: .session,
        summary: "List the commands, or explain one: usage, parameters, examples",
        examples: ["help", "help resolve", "help appeal open", "help --man | man -l -"],
        view: HelpView(), mutates: false)

    static let listed = ObjectShape<CommandSpec>([
        .field("command", .string, \.name),
        .field("method", .string, \.method),
        .field("summary", .string, \.summary),
        .field("topic", .string, \.topic.rawValue),
    ]).shape

    /// The text people read; the overview lists the commands for machines too, one command its usage.
    static let result = ObjectShape<Help>([
        .field("text", .string, \.text),
        .optional("commands", .array(of: listed), \.commands),
        .optional("usage", .string, \.usage),
        .optional("format", .string, \.format),
    ]).shape

    struct Help {
        var text: String
        var commands: [CommandSpec]?
        var usage: String?
        /// `roff` for the manual page, which is printed as it is.
        var format: String?
    }

    /// The manual page as written (roff a terminal must not wrap); every other page as text.
    struct HelpView: ResultView {
        func render(_ value: JSONValue, style: TerminalStyle) -> String {
            value["format"]?.stringValue == "roff"
                ? VerbatimTextView().render(value, style: style) : TextView().render(value, style: style)
        }
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Help {
        let registry = context.registry
        if try arguments.value(\.man) == true {
            if let name = try arguments.value(\.command), !name.isEmpty {
                throw DeskError.invalidParams(field: "command", "help --man writes the whole page; leave out \(quoted(name))")
            }
            return Help(text: ManPage.render(registry), format: "roff")
        }
        guard let name = try arguments.value(\.command), !name.isEmpty else {
            return Help(text: HelpText.overview(registry), commands: registry.specs)
        }
        let words = name.split(separator: " ").map(String.init)
        guard let (found, rest) = registry.match(words), rest.isEmpty else {
            if words.count == 1, let group = HelpText.group(words[0], in: registry) { return Help(text: group) }
            throw registry.unknownCommandError(words)
        }
        return Help(text: HelpText.command(found.spec), usage: found.spec.usage)
    }
}
