import ReportDeskCore
import ReportDeskInterpreter
import Synchronization

/// The methods the JSON-RPC 2.0 specification's examples call (`subtract`, `sum`, `update`,
/// `notify_hello`, `get_data`), declared like any command so the examples run through the real
/// binder and dispatcher.
enum SpecExampleCommands {
    static let registry = CommandRegistry([Subtract.self, Sum.self, Update.self, NotifyHello.self, GetData.self])

    /// Params of every `update` notification that ran, so a test can see a notification was executed.
    static let updates = Mutex<[[Int]]>([])

    static func number(_ name: String, positional: Bool = true, required: Bool = false) -> Parameter<Int> {
        Param.integer(name, help: "a number", range: -1_000_000...1_000_000, required: required, positional: positional)
    }

    static func spec(_ name: String, _ parameters: [ParameterSpec], result: JSONValue) -> CommandSpec {
        CommandSpec(name, topic: .session, summary: "the specification's \(name)", examples: [name],
                    parameters: parameters, result: .fields(result), mutates: false)
    }

    enum Subtract: Command {
        static let minuend = number("minuend", required: true)
        static let subtrahend = number("subtrahend", required: true)
        static let spec = SpecExampleCommands.spec("subtract", [minuend.spec, subtrahend.spec], result: ["type": "integer"])

        static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
            .int(try arguments.required(minuend) - arguments.required(subtrahend))
        }
    }

    enum Sum: Command {
        static let terms = ["a", "b", "c"].map { number($0) }
        static let spec = SpecExampleCommands.spec("sum", terms.map(\.spec), result: ["type": "integer"])

        static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
            .int(try terms.reduce(0) { try $0 + (arguments.value($1) ?? 0) })
        }
    }

    enum Update: Command {
        static let values = ["a", "b", "c", "d", "e"].map { number($0) }
        static let spec = SpecExampleCommands.spec("update", values.map(\.spec), result: ["type": "null"])

        static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
            let given = try values.compactMap { try arguments.value($0) }
            updates.withLock { $0.append(given) }
            return .null
        }
    }

    enum NotifyHello: Command {
        static let value = number("value")
        static let spec = SpecExampleCommands.spec("notify_hello", [value.spec], result: ["type": "null"])

        static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue { .null }
    }

    enum GetData: Command {
        static let spec = SpecExampleCommands.spec("get_data", [], result: ["type": "array"])

        static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue { ["hello", 5] }
    }
}
