package import ReportDeskCore

/// Turns a command's words into the bag of named JSON values `ParameterBinder` checks: options by
/// name (`--open-id X`, `--open-id=X`, `--past-due`, `--past-due=false`), leading parameters by
/// position, lists comma-separated or repeated, all as `CommandLineScan` reads the words.
package enum CommandLineBinder {
    package static func bag(_ words: [String], spec: CommandSpec) throws(DeskError) -> JSONObject {
        let scan = CommandLineScan(words, spec: spec)
        var bag = JSONObject()
        for item in scan.items {
            switch item {
            case .option(let option):
                try assign(option, in: &bag)
            case .unknownOption(let name, _):
                throw unknownOption(name, spec: spec, parameters: scan.parameters)
            case .positional, .endOfOptions:
                continue
            }
        }
        try assignPositional(scan, spec: spec, bag: &bag)
        return bag
    }

    private static func unknownOption(_ name: String, spec: CommandSpec, parameters: [ParameterSpec]) -> DeskError {
        let flags = parameters.map(\.flag)
        let hint = Suggestion.closest(to: "--" + name, among: flags).map { "; did you mean \($0)?" } ?? ""
        let global = ["json", "store", "tz", "actor"].contains(name)
            ? "; global options go before the command (reportdesk --\(name) … \(spec.name))" : ""
        return DeskError.invalidParams(
            field: camel(name),
            "unknown option --\(name) for \(spec.name)\(hint)\(global); options: \(flags.isEmpty ? "none" : flags.joined(separator: " "))")
    }

    private static func assign(_ option: CommandLineScan.Option, in bag: inout JSONObject) throws(DeskError) {
        let parameter = option.parameter
        if let value = option.value {
            try assign(value, to: parameter, in: &bag)
        } else if parameter.type.isFlag {
            try assign("true", to: parameter, in: &bag)
        } else {
            throw DeskError.invalidParams(field: parameter.name, "option \(parameter.flag) needs a value: \(parameter.type.expectation)")
        }
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

    private static func assignPositional(_ scan: CommandLineScan, spec: CommandSpec, bag: inout JSONObject) throws(DeskError) {
        var remaining = scan.positionals[...]
        for parameter in scan.openPositionals {
            guard let first = remaining.first else { break }
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
