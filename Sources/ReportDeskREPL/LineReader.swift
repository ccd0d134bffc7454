/// Where the REPL gets its lines: libedit on a terminal, plain reads otherwise and in tests.
package protocol LineReader: AnyObject {
    func readLine(prompt: Prompt) -> LineReadResult
    /// Remembers an entered line in the history (kept across sessions).
    func remember(_ line: String)
    /// Whether the terminal shows UTF-8 (the prompt and notices may use `·` and `…`).
    var unicode: Bool { get }
}

package enum LineReadResult: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case endOfInput
}
