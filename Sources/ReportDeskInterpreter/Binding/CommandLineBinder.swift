package import ReportDeskCore

/// Turns a command's words into the bag of named JSON values `ParameterBinder` checks: options by
/// name (`--open-id X`, `--open-id=X`, `--past-due`, `--past-due=false`), leading parameters by
/// position, lists comma-separated or repeated (INTERFACE.md, Commands are methods).
package enum CommandLineBinder {
    package static func bag(_ words: [String], spec: CommandSpec) throws(DeskError) -> JSONObject {
        var bag = JSONObject()
        var positional: [String] = []
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("--") {
                positional.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let body = word.dropFirst(2)
            let (rawName, inlineValue): (Substring, String?) = {
                guard let equals = body.firstIndex(of: "=") else { return (body, nil) }
                return (body[..<equals], String(body[body.index(after: equals)...]))
            }()
            guard let parameter = parameter(named: String(rawName), in: spec) else {
                let flags = spec.parameters.map(\.flag)
                let hint = Suggestion.closest(to: "--" + rawName, among: flags).map { "; did you mean \($0)?" } ?? ""
                let global = ["json", "store", "tz", "actor"].contains(String(rawName))
                    ? "; global options go before the command (reportdesk --\(rawName) … \(spec.name))" : ""
                throw DeskError.invalidParams(
                    field: camel(String(rawName)),
                    "unknown option --\(rawName) for \(spec.name)\(hint)\(global); options: \(flags.isEmpty ? "none" : flags.joined(separator: " "))")
            }
            let text: String
            if let inlineValue {
                text = inlineValue
            } else if parameter.type.isFlag {
                text = "true"
            } else {
                guard index < words.count else {
                    throw DeskError.invalidParams(field: parameter.name, "option \(parameter.flag) needs a value: \(parameter.type.expectation)")
                }
                text = words[index]
                index += 1
            }
            try assign(text, to: parameter, in: &bag)
        }
        try assignPositional(positional, spec: spec, bag: &bag)
        return bag
    }

    private static func parameter(named name: String, in spec: CommandSpec) -> ParameterSpec? {
        spec.parameters.first { ParameterSpec.kebab($0.name) == name || $0.name == name }
    }

    private static func camel(_ kebab: String) -> String {
        let parts = kebab.split(separator: "-")
        guard let first = parts.first else { return kebab }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func assign(_ text: String, to parameter: ParameterSpec, in bag: inout JSONObject) throws(DeskError) {
        guard let value = parameter.type.parseText(text) else {
            throw DeskError.invalidParams(field: parameter.name,
                                          "\(parameter.flag) must be \(parameter.type.expectation); got \(quoted(text))")
        }
        if parameter.type.element != nil, case .array(let existing)? = bag[parameter.name], case .array(let more) = value {
            bag[parameter.name] = .array(existing + more)
        } else if bag[parameter.name] != nil {
            throw DeskError.invalidParams(field: parameter.name, "\(parameter.flag) is given more than once")
        } else {
            bag[parameter.name] = value
        }
    }

    private static func assignPositional(_ words: [String], spec: CommandSpec, bag: inout JSONObject) throws(DeskError) {
        var remaining = words[...]
        for parameter in spec.positionalParameters {
            guard let first = remaining.first else { break }
            if bag[parameter.name] != nil {
                continue
            }
            if parameter.takesRest {
                try assign(remaining.joined(separator: " "), to: parameter, in: &bag)
                remaining = []
            } else {
                try assign(first, to: parameter, in: &bag)
                remaining = remaining.dropFirst()
            }
        }
        if let extra = remaining.first {
            throw DeskError.invalidParams(field: "arguments", "unexpected argument \(quoted(extra)) for \(spec.name); usage: \(spec.usage)")
        }
    }
}
