import ReportDeskCore
import Synchronization

/// Everything about a command except what it does: from this one value come its command-line
/// parsing, help, completion, JSON-RPC method, parameter schema, MCP tool and README row.
/// A class: every request hands it around, and a copy of so many fields would cost more than the lookup.
package final class CommandSpec: Sendable {
    /// `["appeal", "open"]`: written `appeal open` on a command line, `appeal.open` as a method.
    package let path: [String]
    /// `appeal.open`: the JSON-RPC method.
    package let method: String
    /// `appeal open`: the name a command line and help use.
    package let name: String
    package let summary: String
    package let discussion: String
    package let examples: [String]
    /// The command's parameter set, collected when first asked for, like the result schema:
    /// matching a command line looks at every declaration's path, and only the matched command
    /// needs its parameters.
    private let collected: Collected
    package var parameters: [ParameterSpec] { collected.parameters }
    package let result: ResultShape
    /// The command this spec declares: its parameters and result come from that type alone.
    package let command: ObjectIdentifier
    /// Whether the command changes the store (and so makes a version).
    package let mutates: Bool
    /// Whether its change cannot be undone (`erase`); agents are told so (MCP's destructiveHint).
    package let irreversible: Bool
    /// Whether running it again with the same arguments changes nothing more (MCP's
    /// idempotentHint); a command that only reads always is.
    package let idempotent: Bool
    /// The heading `help` lists the command under.
    package let topic: Topic
    private let explicitTitle: String?

    package init<Declared: Command>(_ command: Declared.Type, _ path: String, topic: Topic, summary: String,
                                    discussion: String = "", examples: [String], view: any ResultView = FieldsView(),
                                    mutates: Bool, irreversible: Bool = false, idempotent: Bool = false, title: String? = nil) {
        self.path = path.split(separator: " ").map(String.init)
        method = self.path.joined(separator: ".")
        name = self.path.joined(separator: " ")
        self.topic = topic
        self.summary = summary
        self.discussion = discussion
        self.examples = examples
        collected = Collected { Declared.Parameters.collected }
        result = ResultShape(schema: Declared.result.schema, view: view)
        self.command = ObjectIdentifier(command)
        self.mutates = mutates
        self.irreversible = irreversible
        self.idempotent = idempotent || !mutates
        explicitTitle = title
    }

    /// A display name for agents' tool pickers: the declared one, else the summary's first clause
    /// ("Count reports by status, category and issue type").
    package var title: String {
        explicitTitle ?? String(summary.prefix { $0 != ";" })
    }


    package func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }

    package var positionalParameters: [ParameterSpec] { parameters.filter(\.isPositional) }

    /// `resolve [ID] [--ids LIST] [--note TEXT] [--if-version N]`
    package var usage: String {
        var parts = [name]
        for parameter in positionalParameters {
            let word = ParameterSpec.kebab(parameter.name).uppercased() + (parameter.takesRest ? "…" : "")
            parts.append(parameter.isRequired ? word : "[\(word)]")
        }
        for parameter in parameters where !parameter.isPositional {
            let value = parameter.type.isFlag ? "" : " " + parameter.type.name.uppercased().replacingSpaces
            parts.append(parameter.isRequired ? "\(parameter.flag)\(value)" : "[\(parameter.flag)\(value)]")
        }
        return parts.joined(separator: " ")
    }

    /// The command's parameter set and its parameters, made once on first use for every copy of
    /// the spec: making the set builds every parameter's declaration, too much to do per call.
    private final class Collected: Sendable {
        private let make: @Sendable () -> (set: any ParameterSet, parameters: [ParameterSpec])
        private let cache = Mutex<(set: any ParameterSet, parameters: [ParameterSpec])?>(nil)

        init(_ make: @escaping @Sendable () -> (set: any ParameterSet, parameters: [ParameterSpec])) { self.make = make }

        var made: (set: any ParameterSet, parameters: [ParameterSpec]) {
            cache.withLock { cached in
                if let cached { return cached }
                let made = make()
                cached = made
                return made
            }
        }

        var parameters: [ParameterSpec] { made.parameters }
    }

    /// The command's parameter set, made once (what `Arguments` reads parameters through).
    package var parameterSet: any ParameterSet { collected.made.set }

    /// Help headings, in the order `help` shows them.
    package enum Topic: String, CaseIterable, Sendable {
        case intake = "Intake"
        case reading = "Finding reports"
        case handling = "Handling reports"
        case appeals = "Appeals"
        case versions = "Versions"
        case store = "Store and settings"
        case session = "Session"
    }
}

extension String {
    fileprivate var replacingSpaces: String { split(separator: " ").joined(separator: "-") }
}
