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

    static func spec<Declared: Command>(_ command: Declared.Type, _ name: String) -> CommandSpec {
        CommandSpec(command, name, topic: .session, summary: "the specification's \(name)", examples: [name], mutates: false)
    }

    /// The specification's examples answer nothing but null.
    static let null = ValueShape<Void>(schema: ["type": "null"], encode: { .null })

    enum Subtract: Command {
        struct Parameters: ParameterSet {
            let minuend = number("minuend", required: true)
            let subtrahend = number("subtrahend", required: true)
        }

        static let spec = SpecExampleCommands.spec(Self.self, "subtract")
        static let result = ValueShape<Int>.integer

        static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Int {
            try arguments.required(\.minuend) - arguments.required(\.subtrahend)
        }
    }

    enum Sum: Command {
        struct Parameters: ParameterSet {
            let a = number("a")
            let b = number("b")
            let c = number("c")
        }

        static let spec = SpecExampleCommands.spec(Self.self, "sum")
        static let result = ValueShape<Int>.integer

        static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Int {
            try [\Parameters.a, \.b, \.c].reduce(0) { try $0 + (arguments.value($1) ?? 0) }
        }
    }

    enum Update: Command {
        struct Parameters: ParameterSet {
            let a = number("a")
            let b = number("b")
            let c = number("c")
            let d = number("d")
            let e = number("e")
        }

        static let spec = SpecExampleCommands.spec(Self.self, "update")
        static let result = null

        static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws {
            let given = try [\Parameters.a, \.b, \.c, \.d, \.e].compactMap { try arguments.value($0) }
            updates.withLock { $0.append(given) }
        }
    }

    enum NotifyHello: Command {
        struct Parameters: ParameterSet {
            let value = number("value")
        }

        static let spec = SpecExampleCommands.spec(Self.self, "notify_hello")
        static let result = null

        static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws {}
    }

    enum GetData: Command {
        static let spec = SpecExampleCommands.spec(Self.self, "get_data")
        static let result = ValueShape<[JSONValue]>.array(of: .any)

        static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> [JSONValue] { ["hello", 5] }
    }
}
