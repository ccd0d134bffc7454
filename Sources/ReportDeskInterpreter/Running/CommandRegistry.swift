package import ReportDeskCore

/// The table of commands every front end reads: dispatch, help, completion and `rpc.discover`.
package struct CommandRegistry: Sendable {
    package let commands: [any Command.Type]
    /// Every request names its method, so finding one must not walk the table.
    private let commandsByMethod: [String: any Command.Type]

    package init(_ commands: [any Command.Type]) {
        self.commands = commands
        commandsByMethod = Dictionary(commands.map { ($0.spec.method, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package var specs: [CommandSpec] { commands.map { $0.spec } }

    package func command(method: String) -> (any Command.Type)? {
        commandsByMethod[method]
    }

    /// The command whose path is the longest prefix of `words`, and the words after it.
    /// `appeal.open` written as one word is accepted too.
    package func match(_ words: [String]) -> (command: any Command.Type, arguments: [String])? {
        guard let first = words.first else { return nil }
        if first.contains("."), let command = command(method: first) {
            return (command, Array(words.dropFirst()))
        }
        let candidates = commands
            .filter { words.starts(with: $0.spec.path) }
            .max { $0.spec.path.count < $1.spec.path.count }
        return candidates.map { ($0, Array(words.dropFirst($0.spec.path.count))) }
    }

    /// Subcommand names of a group (`appeal` → `open`, `decide`).
    package func subcommands(of group: String) -> [String] {
        specs.filter { $0.path.count > 1 && $0.path[0] == group }.map { $0.path[1] }
    }

    /// Words that may start a command line: command names and group names.
    package var firstWords: [String] {
        var seen: [String] = []
        for spec in specs where !seen.contains(spec.path[0]) { seen.append(spec.path[0]) }
        return seen
    }

    /// The error for words that name no command, with a suggestion.
    package func unknownCommandError(_ words: [String]) -> DeskError {
        guard let first = words.first else {
            return DeskError(.methodNotFound, "no command given; type help for the list")
        }
        let subs = subcommands(of: first)
        if !subs.isEmpty {
            let given = words.count > 1 ? "unknown subcommand \(quoted(words[1])) of \(first)" : "\(first) needs a subcommand"
            return DeskError(.methodNotFound, "\(given): \(subs.map { "\(first) \($0)" }.joined(separator: ", "))",
                             data: ["command": .string(words.prefix(2).joined(separator: " "))])
        }
        let hint = Suggestion.closest(to: first, among: firstWords + specs.map(\.method)).map { "; did you mean \($0)?" } ?? ""
        return DeskError(.methodNotFound, "unknown command \(quoted(first))\(hint); type help for the list",
                         data: ["command": .string(first)])
    }

    package func methodNotFound(_ method: String) -> DeskError {
        let hint = Suggestion.closest(to: method, among: specs.map(\.method)).map { "; did you mean \($0)?" } ?? ""
        return DeskError(.methodNotFound, "method not found: \(quoted(method))\(hint); rpc.discover lists every method",
                         data: ["method": .string(method)])
    }

    /// Problems with the declarations themselves; the registry self-test expects none.
    package func problems() -> [String] {
        var problems: [String] = []
        var methods = Set<String>()
        for command in commands {
            let spec = command.spec
            if spec.command != ObjectIdentifier(command) { problems.append("\(spec.method) is declared by another command's spec") }
            if !methods.insert(spec.method).inserted { problems.append("\(spec.method) is declared twice") }
            if spec.summary.isEmpty { problems.append("\(spec.method) has no summary") }
            if spec.examples.isEmpty { problems.append("\(spec.method) has no example") }
            if spec.result.schema["type"] == nil && spec.result.schema["oneOf"] == nil {
                problems.append("\(spec.method) has no result schema")
            }
            var names = Set<String>()
            for parameter in spec.parameters {
                if !names.insert(parameter.name).inserted { problems.append("\(spec.method): parameter \(parameter.name) twice") }
                if parameter.help.isEmpty { problems.append("\(spec.method): parameter \(parameter.name) has no help") }
                if parameter.name.contains("-") || parameter.name.first?.isUppercase == true {
                    problems.append("\(spec.method): parameter \(parameter.name) is not camelCase")
                }
            }
            let positional = spec.positionalParameters
            if let rest = positional.firstIndex(where: \.takesRest), rest != positional.count - 1 {
                problems.append("\(spec.method): only the last positional parameter may take the rest of the line")
            }
        }
        return problems
    }
}
