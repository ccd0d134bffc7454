import ReportDeskCore

/// Answers dynamic completion sources (categories, issue types, report keys, …).
package protocol CompletionProvider: Sendable {
    func values(for source: CompletionSource, prefix: String, lineWords: [String]) -> [String]
    /// The values with a hint each, for listing alternatives; by default the values without hints.
    func candidates(for source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate]
}

extension CompletionProvider {
    package func candidates(for source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate] {
        values(for: source, prefix: prefix, lineWords: lineWords).map { CompletionCandidate($0) }
    }
}
