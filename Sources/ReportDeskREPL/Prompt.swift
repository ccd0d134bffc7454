/// The REPL's prompt: the store's pending and past-due counts, read
/// fresh before every line, so what another process did shows up at the next prompt.
package struct Prompt: Equatable {
    /// What libedit (or the plain reader) prints before the cursor.
    package let text: String

    /// `reportdesk 12 pending · 3 past due> `; without a UTF-8 locale the separator is ASCII,
    /// because libedit cannot show a prompt it cannot convert.
    package init(pending: Int?, pastDue: Int, unicode: Bool) {
        guard let pending else {
            text = "reportdesk> "
            return
        }
        var parts = ["\(pending) pending"]
        if pastDue > 0 { parts.append("\(pastDue) past due") }
        text = "reportdesk \(parts.joined(separator: unicode ? " · " : ", "))> "
    }

    private init(text: String) { self.text = text }

    /// Shown while a line ending in a backslash goes on.
    package static func continuation(unicode: Bool) -> Prompt { Prompt(text: unicode ? "…> " : "...> ") }
}
