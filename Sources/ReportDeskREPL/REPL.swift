import Foundation
import Synchronization
import ReportDeskCore
package import ReportDeskInterpreter

/// The operator's interactive loop: a prompt with the store's pending and past-due counts, line
/// editing and completion from libedit, results rendered for people, errors that keep the session.
package final class REPL {
    private let session: Session
    private let interpreter: Interpreter
    private let json: Bool
    private let environment: [String: String]
    private var reader: (any LineReader)?

    /// Words the REPL understands besides commands.
    package static let exitWords = ["quit", "exit"]

    package init(settings: SessionSettings, registry: CommandRegistry, json: Bool, environment: [String: String],
                 reader: (any LineReader)? = nil) {
        session = Session(settings: settings, registry: registry, interaction: TerminalInteraction(environment: environment))
        interpreter = Interpreter(session: session)
        self.json = json
        self.environment = environment
        self.reader = reader
    }

    /// Runs until `quit` or Ctrl-D; returns the exit status (0).
    package func run() -> Int32 {
        let opened = Result { () throws(DeskError) in try session.store() }
        if case .failure(let error) = opened {
            Console.write("error: \(SafeText.line(error.message))\n", to: STDERR_FILENO)
            return 1
        }
        let reader = self.reader ?? makeReader()
        Console.write("ReportDesk — \(session.storeDirectory). Type help for commands, quit to leave.\n")
        var continued = ""
        while true {
            let prompt = continued.isEmpty ? self.prompt() : "…> "
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                Console.write("\n")
                return 0
            case .interrupted:
                continued = ""
                continue
            case .line(let raw):
                if Tokenizer.continues(raw) {
                    continued += String(raw.dropLast()) + " "
                    continue
                }
                let line = continued + raw
                continued = ""
                let trimmed = line.trimmed
                guard !trimmed.isEmpty else { continue }
                reader.remember(line)
                if Self.exitWords.contains(trimmed) || trimmed == "\\q" { return 0 }
                execute(line)
            }
        }
    }

    private func makeReader() -> any LineReader {
        let completer = Completer(registry: session.registry, provider: SessionCompletionProvider(session: session),
                                  extraFirstWords: Self.exitWords)
        if environment["TERM"] != "dumb",
           let editing = LibEditLineReader(completer: completer, historyPath: session.historyPath) {
            return editing
        }
        return PlainLineReader()
    }

    private func execute(_ line: String) {
        let watcher = CancellationWatcher(session: session)
        let execution = interpreter.execute(line: line)
        watcher.stop()
        let style = TerminalStyle(width: TerminalStyle.width(fileDescriptor: STDOUT_FILENO, environment: environment),
                                  colour: TerminalStyle.colourAllowed(fileDescriptor: STDOUT_FILENO, environment: environment),
                                  zone: session.settings.zone, now: session.settings.clock.now)
        let output = OutputFormatter(json: json, style: style).format(execution)
        if let text = output.standardOutput { Console.write(text) }
        if let text = output.standardError {
            let errorStyle = TerminalStyle(width: style.width,
                                           colour: TerminalStyle.colourAllowed(fileDescriptor: STDERR_FILENO, environment: environment),
                                           zone: style.zone, now: style.now)
            Console.write(json ? text : OutputFormatter(json: false, style: errorStyle).format(execution).standardError ?? text,
                          to: STDERR_FILENO)
        }
    }

    /// `reportdesk 12 pending · 3 past due> `, read fresh before every line.
    private func prompt() -> String {
        guard let counts = try? session.pendingCounts() else { return "reportdesk> " }
        var parts = ["\(counts.pending) pending"]
        if counts.pastDue > 0 { parts.append("\(counts.pastDue) past due") }
        return "reportdesk \(parts.joined(separator: " · "))> "
    }
}

/// Turns Ctrl-C during a running command into a cancellation the command sees at its next check.
private final class CancellationWatcher: Sendable {
    private let running = Mutex(true)

    init(session: Session) {
        InterruptSignal.reset()
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                if InterruptSignal.wasRaised { session.requestCancel() }
                usleep(50_000)
            }
        }
        thread.start()
    }

    func stop() { running.withLock { $0 = false } }
}
