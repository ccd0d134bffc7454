/// Where the REPL gets its lines: libedit on a terminal, plain reads in tests.
package protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineReadResult
    /// Remembers an entered line in the history (kept across sessions).
    func remember(_ line: String)
}

package enum LineReadResult: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case endOfInput
}

/// Reads lines from standard input without editing (no terminal, or `TERM=dumb`).
package final class PlainLineReader: LineReader {
    package init() {}

    package func readLine(prompt: String) -> LineReadResult {
        Console.write(prompt)
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    package func remember(_ line: String) {}
}
