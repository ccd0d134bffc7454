import ReportDeskCore

/// The README's command table, written from the declarations so it cannot drift from them
/// (a test compares it with the README).
package enum CommandTable {
    package static func markdown(_ registry: CommandRegistry) -> String {
        var lines = ["| command line | JSON-RPC method | parameters | does |", "| --- | --- | --- | --- |"]
        for spec in registry.specs {
            let parameters = spec.parameters.map { parameter in
                (parameter.isPositional ? "[" : "") + "`\(parameter.name)`" + (parameter.isPositional ? "]" : "")
            }.joined(separator: " ")
            lines.append("| `\(spec.name)` | `\(spec.method)` | \(parameters.isEmpty ? "—" : parameters) | \(spec.summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
