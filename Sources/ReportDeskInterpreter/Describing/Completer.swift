import Foundation
import ReportDeskCore

/// Tab completion from the declarations: command and group names, option names
/// of the command being typed, option values and report keys. Front-end agnostic; the REPL asks it.
package struct Completer: Sendable {
    package let registry: CommandRegistry
    package let provider: any CompletionProvider
    /// Words the REPL accepts besides commands (`quit`, `more`), with their hints.
    package let extraFirstWords: [CompletionCandidate]

    package init(registry: CommandRegistry, provider: any CompletionProvider, extraFirstWords: [CompletionCandidate] = []) {
        self.registry = registry
        self.provider = provider
        self.extraFirstWords = extraFirstWords
    }

    /// Completes the word at the end of `line`.
    package func complete(_ line: String) -> Completion {
        let scanned = Self.scan(line)
        var seen = Set<String>()
        let found = candidates(words: scanned.words, partial: scanned.partial)
            .filter { $0.value.hasPrefix(scanned.partial) && seen.insert($0.value).inserted }
        return Completion(partial: scanned.partial, openQuote: scanned.openQuote, candidates: found)
    }

    /// The candidates' values only, for clients that show no hints.
    package func candidates(for line: String) -> (partial: String, candidates: [String]) {
        let completion = complete(line)
        return (completion.partial, completion.values)
    }

    private func candidates(words: [String], partial: String) -> [CompletionCandidate] {
        guard let first = words.first else { return commandPath([], withExtras: true) }
        if words.count == 1, !registry.subcommands(of: first).isEmpty {
            var found = commandPath(words, withExtras: false)
            if let command = registry.command(method: first) {
                found += arguments(command.spec, [], partial: partial, lineWords: words)
            }
            return found
        }
        guard let (command, arguments) = registry.match(words) else { return [] }
        return self.arguments(command.spec, arguments, partial: partial, lineWords: words)
    }

    /// Command names after `words` (nothing, a group name): top-level words or a group's subcommands.
    private func commandPath(_ words: [String], withExtras: Bool) -> [CompletionCandidate] {
        switch words.count {
        case 0:
            let names = registry.firstWords.map { word -> CompletionCandidate in
                if let spec = registry.command(method: word)?.spec { return CompletionCandidate(word, hint: spec.summary) }
                return CompletionCandidate(word, hint: registry.subcommands(of: word).map { "\(word) \($0)" }.joined(separator: ", "))
            }
            return (names + (withExtras ? extraFirstWords : [])).sorted { $0.value < $1.value }
        case 1:
            return registry.subcommands(of: words[0]).map { sub in
                CompletionCandidate(sub, hint: registry.command(method: "\(words[0]).\(sub)")?.spec.summary ?? "")
            }
        default:
            return []
        }
    }

    /// Options, option values and positional values of a command after its name, read through the
    /// same `CommandLineScan` the binder reads the line with.
    private func arguments(_ spec: CommandSpec, _ arguments: [String], partial: String, lineWords: [String]) -> [CompletionCandidate] {
        let scan = CommandLineScan(arguments, spec: spec)
        switch scan.typedWord(partial) {
        case .optionName:
            return flags(scan, lineWords: lineWords)
        case .inlineValue(let parameter, let spelling, let prefix):
            return values(for: parameter, prefix: prefix, lineWords: lineWords)
                .map { CompletionCandidate(spelling + "=" + $0.value, hint: $0.hint, isWholeWord: $0.isWholeWord) }
        case .unknownOption:
            return []
        case .optionValue(let parameter):
            return values(for: parameter, prefix: partial, lineWords: lineWords)
        case .positional(let parameter):
            let found = values(for: parameter, prefix: partial, lineWords: lineWords)
            if !found.isEmpty || !partial.isEmpty { return found }
        case .rest(let parameter, let words):
            return parameter.type.completion == .commands ? commandPath(words, withExtras: false) : []
        case .surplus:
            break
        }
        return partial.isEmpty && !scan.optionsEnded ? flags(scan, lineWords: lineWords) : []
    }

    /// Options not given yet (a list may be given again) nor filled by position, and that the
    /// provider offers on this line, each with its help as the hint.
    private func flags(_ scan: CommandLineScan, lineWords: [String]) -> [CompletionCandidate] {
        let named = scan.named
        let filledByPosition = Set(scan.openPositionals.prefix(scan.positionals.count).map(\.name))
        return scan.parameters
            .filter { ($0.type.element != nil || !named.contains($0.name)) && !filledByPosition.contains($0.name) }
            .filter { provider.offers($0, lineWords: lineWords) }
            .map { CompletionCandidate($0.flag, hint: $0.help) }
    }

    /// Values of one parameter; for a list, the element after the last comma (values already in
    /// the list are not offered again).
    private func values(for parameter: ParameterSpec, prefix: String, lineWords: [String]) -> [CompletionCandidate] {
        guard parameter.type.element != nil, let comma = prefix.lastIndex(of: ",") else {
            return values(from: parameter.type.completion, prefix: prefix, lineWords: lineWords)
        }
        let head = String(prefix[...comma])
        let listed = Set(head.split(separator: ",").map { String($0).trimmed })
        return values(from: parameter.type.completion, prefix: String(prefix[prefix.index(after: comma)...]), lineWords: lineWords)
            .filter { !listed.contains($0.value) }
            .map { CompletionCandidate(head + $0.value, hint: $0.hint, isWholeWord: $0.isWholeWord) }
    }

    private func values(from source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate] {
        switch source {
        case .none: return []
        case .values(let values): return values.filter { $0.hasPrefix(prefix) }.map { CompletionCandidate($0) }
        case .commands: return commandPath([], withExtras: false)
        case .reports where prefix.hasPrefix("#"):
            return provider.candidates(for: .reports, prefix: String(prefix.dropFirst()), lineWords: lineWords)
                .map { CompletionCandidate("#" + $0.value, hint: $0.hint) }
        default: return provider.candidates(for: source, prefix: prefix, lineWords: lineWords)
        }
    }

    /// Splits a line leniently (an open quote is fine) into complete words and the word being typed.
    package static func split(_ line: String) -> (words: [String], partial: String) {
        let scanned = scan(line)
        return (scanned.words, scanned.partial)
    }

    /// The line as the tokenizer splits it; an open quote or a trailing backslash is fine here:
    /// the last word is the one being typed, and the quote still open before it is reported.
    package static func scan(_ line: String) -> (words: [String], partial: String, openQuote: Character?) {
        let scanned = Tokenizer.scan(line)
        return (scanned.words, scanned.current, scanned.openQuote)
    }
}
