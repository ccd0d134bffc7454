package import ReportDeskInterpreter

/// What one press of Tab does to the line, decided without a terminal so it can be tested: one
/// candidate is inserted whole (quoted or escaped the way the tokenizer will read it back, then a
/// space); several extend the word to their common prefix, or are listed when that adds nothing.
package enum CompletionEdit: Equatable {
    /// Text to insert at the cursor.
    case insert(String)
    /// Alternatives to show under the line.
    case list([CompletionCandidate])
    /// Nothing fits: beep.
    case nothing

    package init(_ completion: Completion) {
        let candidates = completion.candidates
        guard let first = candidates.first else {
            self = .nothing
            return
        }
        let partial = completion.partial
        if candidates.count == 1 {
            let rest = Self.escape(String(first.value.dropFirst(partial.count)), inside: completion.openQuote)
            let end = first.isWholeWord ? completion.openQuote.map(String.init).map { $0 + " " } ?? " " : ""
            self = .insert(rest + end)
            return
        }
        let common = Self.commonPrefix(candidates.map(\.value))
        if common.count > partial.count {
            self = .insert(Self.escape(String(common.dropFirst(partial.count)), inside: completion.openQuote))
        } else {
            self = .list(candidates)
        }
    }

    /// Text as it must be typed to reach the tokenizer unchanged (`Tokenizer` quoting rules).
    package static func escape(_ text: String, inside quote: Character?) -> String {
        switch quote {
        case "'"?:
            return text.replacingAll("'", with: "'\\''")
        case "\""?:
            return text.map { "\"\\".contains($0) ? "\\" + String($0) : String($0) }.joined()
        default:
            return text.map { " \t\"'\\".contains($0) ? "\\" + String($0) : String($0) }.joined()
        }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The alternatives as lines: one per line with its hint when there are hints (like fish),
    /// else in columns; at most `maximumLines`, then how many more there are. Values and hints
    /// come from reports too, so they are neutralised.
    package static func listing(_ candidates: [CompletionCandidate], width: Int, maximumLines: Int = 30,
                                paintHint: (String) -> String = { $0 }) -> [String] {
        let values = candidates.map { SafeText.line($0.value) }
        let usable = max(width - 1, 20)
        var lines: [String] = []
        var shown = 0
        if candidates.contains(where: { !$0.hint.isEmpty }) {
            let column = min((values.map(DisplayWidth.of).max() ?? 0) + 2, usable / 2)
            for (value, candidate) in zip(values, candidates).prefix(maximumLines) {
                let name = DisplayWidth.pad(DisplayWidth.truncate(value, to: column - 2), to: column)
                let hint = DisplayWidth.truncate(SafeText.line(candidate.hint), to: max(0, usable - column))
                lines.append(hint.isEmpty ? name.trimmingTrailingSpaces : name + paintHint(hint))
                shown += 1
            }
        } else {
            let cell = min((values.map(DisplayWidth.of).max() ?? 0) + 2, usable)
            let perLine = max(1, usable / cell)
            while shown < values.count, lines.count < maximumLines {
                let row = values[shown..<min(shown + perLine, values.count)]
                lines.append(row.map { DisplayWidth.pad(DisplayWidth.truncate($0, to: cell - 2), to: cell) }.joined().trimmingTrailingSpaces)
                shown += row.count
            }
        }
        if shown < candidates.count { lines.append("… and \(candidates.count - shown) more; type more of the word") }
        return lines
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        map { $0 == target ? replacement : String($0) }.joined()
    }

    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
