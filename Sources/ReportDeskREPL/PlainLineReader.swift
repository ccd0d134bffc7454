/// Reads lines from standard input without editing (`TERM=dumb`, or libedit unavailable).
package final class PlainLineReader: LineReader {
    private let console: Console

    package init(console: Console = .standard) { self.console = console }

    package var unicode: Bool { true }

    package func readLine(prompt: Prompt) -> LineReadResult {
        console.out(prompt.text)
        InterruptSignal.reset()
        guard let line = TerminalInput.readLine() else {
            // Ctrl-C interrupts the read (no SA_RESTART); the session goes on with a fresh line.
            guard InterruptSignal.wasRaised else { return .endOfInput }
            console.out("^C\n")
            return .interrupted
        }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    package func remember(_ line: String) {}
}
