import Foundation
import ReportDeskCore

/// `help` and `help CMD`, written from the declarations only.
package enum HelpText {
    /// The command list grouped by topic, one line each.
    package static func overview(_ registry: CommandRegistry) -> String {
        let specs = registry.specs
        let width = min(24, (specs.map(\.name.count).max() ?? 10) + 2)
        var lines = ["Commands (help COMMAND for details; every command is also a JSON-RPC method):"]
        for topic in CommandSpec.Topic.allCases {
            let inTopic = specs.filter { $0.topic == topic }
            guard !inTopic.isEmpty else { continue }
            lines.append("")
            lines.append(topic.rawValue)
            for spec in inTopic {
                lines.append("  " + spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + spec.summary)
            }
        }
        lines.append("")
        lines.append("In the REPL: Tab completes, up arrow and Ctrl-R recall, quit or Ctrl-D leaves.")
        return lines.joined(separator: "\n")
    }

    /// Usage, every parameter with its type, default and allowed values, and the examples.
    package static func command(_ spec: CommandSpec) -> String {
        var lines = ["\(spec.name) — \(spec.summary)", "", "Usage: \(spec.usage)"]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.parameters.isEmpty {
            lines += ["", "Parameters:"]
            for parameter in spec.parameters {
                var head = "  \(parameter.flag)"
                if !parameter.type.isFlag { head += " \(parameter.type.name.uppercased().split(separator: " ").joined(separator: "-"))" }
                var facts: [String] = [parameter.type.name]
                if parameter.isRequired { facts.append("required") }
                if parameter.isPositional { facts.append("may be given by position") }
                if let defaultValue = parameter.defaultValue { facts.append("default \(display(defaultValue))") }
                lines.append(head)
                lines.append("      \(parameter.help)")
                lines.append("      (\(facts.joined(separator: "; ")))")
                if let allowed = parameter.type.allowedValues, !parameter.type.isFlag {
                    lines.append("      allowed: \(allowed.joined(separator: ", "))")
                }
            }
        }
        lines += ["", "Examples:"] + spec.examples.map { "  \($0)" }
        lines += ["", "JSON-RPC method: \(spec.method)\(spec.mutates ? " (changes the store: one new version)" : "")"]
        return lines.joined(separator: "\n")
    }

    private static func display(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(value)
    }
}
