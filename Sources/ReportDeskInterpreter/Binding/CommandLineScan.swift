/// A command's argument words read against its declaration. The binder, the completer, completion
/// values and the REPL's `more` all read a command line through this one scan, so they agree on
/// what is an option (`--open-id X`, `--openId=X`, `--past-due`), its value, a positional word and
/// `--` (README, Commands).
package struct CommandLineScan: Sendable {
    /// A declared option as given on the line.
    package struct Option: Sendable {
        package let parameter: ParameterSpec
        /// The flag as written, without any `=value`: `--open-id` or `--openId`.
        package let spelling: String
        /// The value after `=` or in the next word; `nil` for a bare flag and for an option the
        /// words ran out before the value of.
        package let value: String?
        /// Whether the value came after `=` in the same word.
        package let isInline: Bool
        /// The words the option spans, as indexes into `words`.
        package let range: Range<Int>
    }

    /// One piece of the line, in the order written.
    package enum Item: Sendable {
        case option(Option)
        /// `--name` or `--name=value` naming no parameter of the command (the name is without `--`).
        case unknownOption(name: String, range: Range<Int>)
        /// A word that fills the positional parameters.
        case positional(String, index: Int)
        /// `--`: every later word is positional.
        case endOfOptions(index: Int)
    }

    package let words: [String]
    package let items: [Item]
    /// The command's parameters, read once from its declaration.
    package let parameters: [ParameterSpec]

    /// Scans `words`, the words after the command's name.
    package init(_ words: [String], spec: CommandSpec) {
        let parameters = spec.parameters
        var items: [Item] = []
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let start = index
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("--") {
                items.append(.positional(word, index: start))
                continue
            }
            if word == "--" {
                optionsEnded = true
                items.append(.endOfOptions(index: start))
                continue
            }
            let (name, inlineValue) = Self.split(option: word)
            guard let parameter = Self.parameter(named: name, in: parameters) else {
                items.append(.unknownOption(name: name, range: start..<index))
                continue
            }
            var value = inlineValue
            if inlineValue == nil, !parameter.type.isFlag, index < words.count {
                value = words[index]
                index += 1
            }
            items.append(.option(Option(parameter: parameter, spelling: "--" + name, value: value,
                                        isInline: inlineValue != nil, range: start..<index)))
        }
        self.words = words
        self.items = items
        self.parameters = parameters
    }

    /// `--name=value` as `("name", "value")`, `--name` as `("name", nil)`.
    static func split(option word: String) -> (name: String, value: String?) {
        let body = word.dropFirst(2)
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// The parameter an option names, in kebab case (`open-id`) or as its JSON key (`openId`).
    static func parameter(named name: String, in parameters: [ParameterSpec]) -> ParameterSpec? {
        parameters.first { ParameterSpec.kebab($0.name) == name || $0.name == name }
    }

    /// The declared options given, in order.
    package var options: [Option] {
        items.compactMap { if case .option(let option) = $0 { option } else { nil } }
    }

    /// The words that fill positional parameters, in order.
    package var positionals: [String] {
        items.compactMap { if case .positional(let word, _) = $0 { word } else { nil } }
    }

    /// Whether `--` was given.
    package var optionsEnded: Bool {
        items.contains { if case .endOfOptions = $0 { true } else { false } }
    }

    /// Names of the parameters given as options.
    package var named: Set<String> { Set(options.map(\.parameter.name)) }

    /// The positional parameters not given as options, in declaration order: the positional words
    /// fill these, the last one taking the rest when it is declared so.
    package var openPositionals: [ParameterSpec] {
        let named = self.named
        return parameters.filter { $0.isPositional && !named.contains($0.name) }
    }

    /// Every value given to the parameter `name` as an option (`--category a,b`, `--category=c`),
    /// as written.
    package func values(of name: String) -> [String] {
        options.filter { $0.parameter.name == name }.compactMap(\.value)
    }
}
