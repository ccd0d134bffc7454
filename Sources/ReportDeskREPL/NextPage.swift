package import ReportDeskCore

/// The command line that fetches the page after a list, search or history result (`more` in the
/// REPL): the same words with the result's `nextCursor` in place of any earlier `--cursor`.
package struct NextPage: Equatable {
    /// The command line to run for `more`, already split into words.
    package let words: [String]

    /// `nil` when the result was the last page.
    package init?(command: [String], arguments: [String], result: JSONValue) {
        guard let cursor = result["nextCursor"], !cursor.isNull else { return nil }
        var kept: [String] = []
        var skipValue = false
        var optionsEnded = false
        for word in arguments {
            if optionsEnded {
                kept.append(word)
            } else if skipValue {
                skipValue = false
            } else if word == "--cursor" {
                skipValue = true
            } else if !word.hasPrefix("--cursor=") {
                kept.append(word)
                optionsEnded = word == "--"
            }
        }
        // Right after the command name, so a `--` among the arguments cannot make it positional.
        words = command + ["--cursor", cursor.stringValue ?? JSONWriter.string(cursor)] + kept
    }
}
