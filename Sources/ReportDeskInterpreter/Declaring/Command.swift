package import ReportDeskCore

/// A command: its declaration and what it does. `run` returns a value or throws; it never prints
/// (front ends render the value), so every front end shares one interpreter.
package protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue
}
