package import ReportDeskCore

/// A command: its declaration and what it does. `run` returns a value or throws; it never prints
/// (front ends render the value), so every front end shares one interpreter. The value becomes JSON
/// through `result`, the same description its JSON Schema comes from.
package protocol Command: Sendable {
    /// The parameters, declared once as the stored properties of one value.
    associatedtype Parameters: ParameterSet = NoParameters
    associatedtype Output
    static var spec: CommandSpec { get }
    static var result: ValueShape<Output> { get }
    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Output
}

extension Command {
    /// Runs the command on bound arguments and writes its value as JSON by its result description.
    package static func execute(_ arguments: BoundArguments, in context: CommandContext) throws -> JSONValue {
        result.json(try run(Arguments(arguments, declaredBy: spec), in: context))
    }
}
