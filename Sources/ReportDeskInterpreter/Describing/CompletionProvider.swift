import ReportDeskCore

/// Answers dynamic completion sources (categories, issue types, report keys, …).
package protocol CompletionProvider: Sendable {
    func values(for source: CompletionSource, prefix: String, lineWords: [String]) -> [String]
    /// The values with a hint each, for listing alternatives; by default the values without hints.
    func candidates(for source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate]
    /// Whether an option is worth offering on this line; a provider that knows the taxonomy leaves
    /// out the fields the category chosen on the line does not allow (R3). By default every option.
    func offers(_ parameter: ParameterSpec, lineWords: [String]) -> Bool
}

extension CompletionProvider {
    package func candidates(for source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate] {
        values(for: source, prefix: prefix, lineWords: lineWords).map { CompletionCandidate($0) }
    }

    package func offers(_ parameter: ParameterSpec, lineWords: [String]) -> Bool { true }
}
