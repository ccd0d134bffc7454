import Foundation
package import ReportDeskCommands
import ReportDeskCore
package import ReportDeskInterpreter

/// The operator's interactive loop: a prompt with the store's pending and past-due counts, line
/// editing and completion from libedit, results rendered for people, errors that keep the session.
package final class REPL {
    private let desk: Desk
    private let session: Session
    private let interpreter: Interpreter
    private let json: Bool
    private let environment: [String: String]
    private let console: Console
    private var reader: (any LineReader)?
    /// The last list, search or history that had more to show, for `more`.
    private var nextPage: NextPage?
    /// The store version the operator has seen, to tell them when another process changed it.
    private var seenVersion = 0

    /// Words the REPL understands besides commands, with what Tab shows for them.
    package static let sessionWords = [
        CompletionCandidate("quit", hint: "leave the REPL (also exit, \\q or Ctrl-D)"),
        CompletionCandidate("exit", hint: "leave the REPL"),
        CompletionCandidate("more", hint: "show the next page of the last list, search or history"),
    ]

    /// `reader` and `console` default to the terminal's; the REPL's history joins the files `erase`
    /// walks, whichever front end later erases a user.
    package init(settings: SessionSettings, registry: CommandRegistry, json: Bool, environment: [String: String],
                 reader: (any LineReader)? = nil, console: Console = .standard) {
        var settings = settings
        settings.personalData.register(CommandHistory.personalDataFile)
        desk = Desk(settings: settings)
        session = Session(environment: desk, registry: registry,
                          interaction: TerminalInteraction(environment: environment, console: console),
                          streams: StandardStreams(input: nil, outputIsFree: true,
                                                   events: ConsoleEventStream(console: console, json: json, watchedOutput: nil,
                                                                              endsOnSignals: false)))
        interpreter = Interpreter(session: session)
        self.json = json
        self.environment = environment
        self.console = console
        self.reader = reader
    }

    /// Runs until `quit` or Ctrl-D; returns the exit status (0, or 1 when the store cannot be opened).
    package func run() -> Int32 {
        do {
            seenVersion = try desk.currentVersion()
        } catch {
            console.err(HumanRenderer(style: style(for: STDERR_FILENO)).error(error) + "\n")
            return 1
        }
        let reader = self.reader ?? makeReader()
        InterruptSignal.install()
        console.out("ReportDesk — \(SafeText.line(desk.directory)). Type help for commands, Tab to complete, quit to leave.\n")
        var continued = ""
        while true {
            if continued.isEmpty { announceForeignChanges() }
            let prompt = continued.isEmpty ? self.prompt(unicode: reader.unicode) : Prompt.continuation(unicode: reader.unicode)
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                console.out("\n")
                return 0
            case .interrupted:
                continued = ""
            case .line(let raw):
                if Tokenizer.continues(raw) {
                    let head = String(raw.dropLast())
                    continued += head + (head.last?.isWhitespace == true ? "" : " ")
                    continue
                }
                let line = continued + raw
                continued = ""
                let trimmed = line.trimmed
                guard !trimmed.isEmpty else { continue }
                if !Self.isErase(trimmed) { reader.remember(line) }
                if ["quit", "exit", "\\q"].contains(trimmed) { return 0 }
                handle(trimmed)
            }
        }
    }

    private func makeReader() -> any LineReader {
        let completer = Completer(registry: session.registry, provider: desk.completionProvider(registry: session.registry), extraFirstWords: Self.sessionWords)
        if environment["TERM"] != "dumb",
           let editing = LibEditLineReader(completer: completer, historyPath: CommandHistory.path(inStore: desk.directory),
                                           colour: TerminalStyle.colourAllowed(fileDescriptor: STDOUT_FILENO, environment: environment)) {
            return editing
        }
        return PlainLineReader(console: console)
    }

    /// An `erase` line names the user whose data goes: it never enters the history, whether the
    /// command succeeds, fails or is mistyped (README, The store).
    static func isErase(_ line: String) -> Bool {
        let first = (try? Tokenizer.words(line).first) ?? line.split(separator: " ").first.map(String.init)
        return first == "erase"
    }

    private func handle(_ line: String) {
        if line == "more" {
            guard let page = nextPage else {
                console.out("Nothing more to show: more continues the last list, search or history that had another page.\n")
                return
            }
            execute(page.words, firstRow: page.firstRow)
            return
        }
        do {
            execute(fittedToScreen(try Tokenizer.words(line)), firstRow: 1)
        } catch {
            console.err(HumanRenderer(style: style(for: STDERR_FILENO)).error(error) + "\n")
        }
    }

    /// A list, search or history without `--limit` gets a page that fits the terminal's height
    /// (with its header, footer and the next prompt), so its header does not scroll away.
    private func fittedToScreen(_ words: [String]) -> [String] {
        guard !json, let rows = TerminalStyle.height(fileDescriptor: STDOUT_FILENO),
              let (command, arguments) = interpreter.registry.match(words),
              let limit = command.spec.parameter(named: "limit"), command.spec.parameter(named: "cursor") != nil,
              !CommandLineScan(arguments, spec: command.spec).named.contains(limit.name) else { return words }
        let page = min(max(rows - 5, 3), 1000)
        // Right after the command name, so a `--` among the arguments cannot make it positional.
        return Array(words.dropLast(arguments.count)) + ["--limit", String(page)] + arguments
    }

    private func execute(_ words: [String], firstRow: Int) {
        let watcher = CancellationWatcher(session: session)
        let execution = interpreter.execute(words: words)
        watcher.stop()
        if case .success(let value) = execution.outcome, value["nextCursor"] != nil,
           let (command, arguments) = interpreter.registry.match(words) {
            nextPage = NextPage(command: Array(words.dropLast(arguments.count)), arguments: arguments, spec: command.spec, result: value,
                                firstRow: firstRow)
        }
        var outputStyle = style(for: STDOUT_FILENO)
        outputStyle.firstRow = firstRow
        let output = OutputFormatter(json: json, style: outputStyle).format(execution)
        console.out(output.standardOutput)
        if output.standardError != nil {
            console.err(OutputFormatter(json: json, style: style(for: STDERR_FILENO)).format(execution).standardError)
        }
    }

    /// How output to one descriptor is drawn now: its width, whether it may be coloured, the
    /// display zone and the clock read after the command ran (so "just now" means just now).
    private func style(for descriptor: Int32) -> TerminalStyle {
        TerminalStyle(width: TerminalStyle.width(fileDescriptor: descriptor, environment: environment),
                      colour: TerminalStyle.colourAllowed(fileDescriptor: descriptor, environment: environment),
                      zone: desk.zone, now: desk.now, interactive: true,
                      unicode: TerminalStyle.unicodeAllowed(environment: environment), terminal: isatty(descriptor) == 1)
    }

    private func prompt(unicode: Bool) -> Prompt {
        guard let counts = try? desk.pendingCounts() else { return Prompt(pending: nil, pastDue: 0, unicode: unicode) }
        return Prompt(pending: counts.pending, pastDue: counts.pastDue, appealsOpen: counts.appealsOpen, unicode: unicode)
    }

    /// One line before the prompt when another process (a cron import, an editor plugin) changed
    /// the store since the last prompt, so the new counts do not come as a surprise.
    private func announceForeignChanges() {
        guard let changes = try? desk.foreignChanges(after: seenVersion) else { return }
        defer { seenVersion = changes.latest }
        guard changes.foreign else { return }
        let keys = changes.keys.prefix(8).map { "#\($0)" }.joined(separator: ", ") + (changes.keys.count > 8 ? ", …" : "")
        let text = "Store changed elsewhere: now at version \(changes.latest)" + (keys.isEmpty ? "" : " (\(keys))")
        console.out(style(for: STDOUT_FILENO).paint(text, "2") + "\n")
    }
}
