extension CommandLineScan {
    /// What the word being typed after the scanned words stands for, read the way the binder will
    /// read it once the line is run.
    package enum TypedWord: Sendable {
        /// An option's name (`--st`).
        case optionName
        /// The value of a declared option written inline (`--status=d`), with the flag as typed.
        case inlineValue(ParameterSpec, spelling: String, prefix: String)
        /// `--name=…` naming no parameter.
        case unknownOption
        /// The value of the option just before it (`--status d`).
        case optionValue(ParameterSpec)
        /// The next positional parameter not given yet.
        case positional(ParameterSpec)
        /// More words of a last positional parameter that takes the rest, with the words it has.
        case rest(ParameterSpec, words: [String])
        /// A word no parameter takes (or only options could follow).
        case surplus
    }

    /// Reads `partial`, the word being typed after the scanned words.
    package func typedWord(_ partial: String) -> TypedWord {
        if case .option(let last)? = items.last, last.value == nil, !last.parameter.type.isFlag {
            return .optionValue(last.parameter)
        }
        if !optionsEnded, partial.hasPrefix("-") {
            guard partial.contains("=") else { return .optionName }
            let (name, value) = Self.split(option: partial)
            guard let parameter = Self.parameter(named: name, in: parameters) else { return .unknownOption }
            return .inlineValue(parameter, spelling: "--" + name, prefix: value ?? "")
        }
        let positionals = self.positionals
        let open = openPositionals
        if positionals.count < open.count {
            return .positional(open[positionals.count])
        }
        if let last = open.last, last.takesRest, !positionals.isEmpty {
            return .rest(last, words: Array(positionals.suffix(positionals.count - (open.count - 1))))
        }
        return .surplus
    }
}
