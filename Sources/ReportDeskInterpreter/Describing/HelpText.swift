import Foundation
import ReportDeskCore

/// `help` and `help CMD`, written from the declarations only (each command is declared once),
/// so a parameter added to a declaration shows up here without anyone editing a help table.
package enum HelpText {
    /// The command list grouped by topic, one line each.
    package static func overview(_ registry: CommandRegistry) -> String {
        let specs = registry.specs
        let width = (specs.map(\.name.count).max() ?? 10) + 3
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
        lines.append("In the REPL: Tab completes commands, options, values and report keys; up arrow and Ctrl-R")
        lines.append("search the history; more shows the next page of a list; a line ending in \\ goes on;")
        lines.append("quit or Ctrl-D leaves.")
        return lines.joined(separator: "\n")
    }

    /// The commands of a group (`help appeal`).
    package static func group(_ name: String, in registry: CommandRegistry) -> String? {
        let members = registry.specs.filter { $0.path.count > 1 && $0.path[0] == name }
        guard !members.isEmpty else { return nil }
        let width = (members.map(\.name.count).max() ?? 10) + 3
        return (["\(name): \(members.count) commands (help \(name) SUBCOMMAND for details)", ""]
            + members.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.summary })
            .joined(separator: "\n")
    }

    /// Usage, every parameter with its type, default, allowed values and an example value, and the
    /// command's examples.
    package static func command(_ spec: CommandSpec) -> String {
        var lines = ["\(spec.name) — \(spec.summary)", "", "Usage: \(spec.usage)"]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.parameters.isEmpty {
            lines += ["", "Parameters:"]
            for parameter in spec.parameters {
                lines.append("  " + names(parameter))
                lines.append("      " + parameter.help)
                lines.append("      " + facts(parameter).joined(separator: " · "))
            }
        }
        lines += ["", "Examples:"] + spec.examples.map { "  \($0)" }
        let params = spec.parameters.isEmpty ? "no params" : "params " + spec.parameters.map(\.name).joined(separator: ", ")
        lines += ["", "JSON-RPC: method \(spec.method), \(params)\(spec.mutates ? "; changes the store (one new version)" : "")"]
        return lines.joined(separator: "\n")
    }

    /// `ID, --id REPORT` for a positional parameter, `--open-id TEXT` for an option, `--past-due` for a flag.
    private static func names(_ parameter: ParameterSpec) -> String {
        var option = parameter.flag
        if !parameter.type.isFlag { option += " " + placeholder(parameter.type) }
        guard parameter.isPositional else { return option }
        return ParameterSpec.kebab(parameter.name).uppercased() + (parameter.takesRest ? "…" : "") + ", " + option
    }

    /// The same placeholder `CommandSpec.usage` shows: `REPORT`, `LIST-OF-REPORT`.
    private static func placeholder(_ type: ValueType) -> String {
        type.name.uppercased().split(separator: " ").joined(separator: "-")
    }

    /// Type, whether required, default, allowed values, an example value and the JSON-RPC param name.
    private static func facts(_ parameter: ParameterSpec) -> [String] {
        let type = parameter.type
        var facts = [description(type)]
        facts.append(parameter.isRequired ? "required" : "optional")
        if let defaultValue = parameter.defaultValue { facts.append("default \(defaultValue.stringValue ?? JSONWriter.string(defaultValue))") }
        if let allowed = type.allowedValues, !type.isFlag {
            facts.append("allowed: " + allowed.joined(separator: ", "))
        } else if type.completion == .categories {
            facts.append("allowed: the store's categories (taxonomy lists them)")
        } else if type.completion == .issueTypes {
            facts.append("allowed: the issue types of the category (taxonomy lists them)")
        }
        if let example = example(type), !facts[0].contains(example) { facts.append("e.g. " + example) }
        facts.append("param " + parameter.name)
        return facts
    }

    private static func description(_ type: ValueType) -> String {
        if type.isFlag { return "flag (true when given; --name=false also works)" }
        if let element = type.element?.type { return "list, comma-separated or repeated, of " + description(element) }
        switch type.name {
        case "text":
            let limit = type.schema["maxLength"]?.intValue ?? 0
            return limit > 0 ? "text, at most \(limit) characters" : "text"
        case "choice": return "choice"
        default: return type.expectation
        }
    }

    private static func example(_ type: ValueType) -> String? {
        if type.isFlag { return nil }
        if let element = type.element?.type {
            guard let one = example(element) else { return nil }
            let two = element.allowedValues.flatMap { $0.count > 1 ? $0[1] : nil } ?? (element.name == "report" ? "18" : nil)
            return two.map { one + "," + $0 } ?? one
        }
        switch (type.name, type.completion) {
        case (_, .categories): return "payment"
        case (_, .issueTypes): return "refund_request"
        case ("report", _): return "17"
        case ("instant", _): return "7d"
        case ("duration", _): return "6h"
        case ("path", _): return "./evidence.png"
        default: return type.allowedValues?.first
        }
    }
}
