/// One way to finish the word being typed.
package struct CompletionCandidate: Sendable, Equatable {
    /// The whole word (not only the part still to type).
    package let value: String
    /// Shown next to the value when alternatives are listed: a summary, a report's status and kind.
    package let hint: String
    /// Whether a space follows the value once chosen; a folder (`dir/`) or `--flag=` goes on.
    package let isWholeWord: Bool

    package init(_ value: String, hint: String = "", isWholeWord: Bool? = nil) {
        self.value = value
        self.hint = hint
        self.isWholeWord = isWholeWord ?? !(value.hasSuffix("/") || value.hasSuffix("="))
    }
}

/// What Tab can do at the end of a line: the word being typed and the ways to finish it.
package struct Completion: Sendable, Equatable {
    /// The word being typed as the tokenizer reads it (quotes and backslashes removed).
    package let partial: String
    /// The quote left open before the word (`"` or `'`), which a finished word must close.
    package let openQuote: Character?
    /// In the order to offer them: declaration order, report keys pending first.
    package let candidates: [CompletionCandidate]

    package init(partial: String, openQuote: Character?, candidates: [CompletionCandidate]) {
        self.partial = partial
        self.openQuote = openQuote
        self.candidates = candidates
    }

    package var values: [String] { candidates.map(\.value) }
}
