import Foundation
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskREPL
import ReportDeskTesting
import Synchronization

/// Hands the REPL prepared keyboard results and records what it asked and remembered.
final class ScriptedReader: LineReader {
    private var results: [LineReadResult]
    private(set) var prompts: [String] = []
    private(set) var remembered: [String] = []
    let unicode = true
    /// Runs before the line at that position is handed over (another process changing the store).
    var before: [Int: () -> Void] = [:]

    init(_ results: [LineReadResult]) { self.results = results }

    func readLine(prompt: Prompt) -> LineReadResult {
        prompts.append(prompt.text)
        before[prompts.count - 1]?()
        return results.isEmpty ? .endOfInput : results.removeFirst()
    }

    func remember(_ line: String) { remembered.append(line) }
}

/// A console that keeps what the REPL wrote to each stream.
final class RecordingConsole: Sendable {
    private let written = Mutex<[(stream: Console.Stream, text: String)]>([])

    var console: Console { Console { [self] stream, text in written.withLock { $0.append((stream, text)) } } }

    var output: String { text(of: .output) }
    var errors: String { text(of: .error) }

    private func text(of stream: Console.Stream) -> String {
        written.withLock { $0.filter { $0.stream == stream }.map(\.text).joined() }
    }
}

@Suite("The REPL loop")
struct REPLLoopTests {
    private func run(_ desk: TestDesk, _ reader: ScriptedReader, console: RecordingConsole = RecordingConsole()) -> Int32 {
        REPL(settings: desk.settings, registry: AllCommands.registry, json: false, environment: ["TERM": "dumb"],
             reader: reader, console: console.console).run()
    }

    @Test("a line ending in a backslash goes on at the next prompt, and is remembered whole")
    func continuation() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let reader = ScriptedReader([.line(#"note 2 "first part" \"#), .line("second part"), .endOfInput])
        #expect(run(desk, reader) == 0)
        #expect(try desk.run("show 2")["note"] == "first part second part")
        #expect(reader.prompts == ["reportdesk 3 pending> ", "…> ", "reportdesk 3 pending> "])
        #expect(reader.remembered == [#"note 2 "first part" second part"#])
    }

    @Test("Ctrl-C abandons the line being continued; the session goes on")
    func interrupted() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let reader = ScriptedReader([.line(#"note 2 draft \"#), .interrupted, .line("resolve 2"), .endOfInput])
        #expect(run(desk, reader) == 0)
        #expect(try desk.run("show 2")["note"] == "")
        #expect(try desk.run("show 2")["status"] == "resolved")
        #expect(reader.prompts == ["reportdesk 3 pending> ", "…> ", "reportdesk 3 pending> ", "reportdesk 2 pending> "])
    }

    @Test("quit, exit and \\q end the session with status 0; nothing after them is read", arguments: ["quit", "exit", "\\q", "  quit  "])
    func quit(word: String) throws {
        let desk = TestDesk()
        let reader = ScriptedReader([.line(word), .line("submit --category payment --issue-type other")])
        #expect(run(desk, reader) == 0)
        #expect(reader.prompts.count == 1)
        #expect(try desk.run("info")["reports"] == 0)
    }

    @Test("the prompt counts pending and past-due reports afresh before every line, whoever changed the store")
    func prompt() throws {
        let desk = TestDesk()
        try desk.run("submit --category payment --issue-type other --reported-at 2026-11-20T09:30:00Z")
        try desk.run("submit --category payment --issue-type other")
        let reader = ScriptedReader([.line("resolve 2"), .line(""), .line("info"), .endOfInput])
        reader.before[1] = {
            let cron = Session(environment: Desk(settings: desk.settings), registry: AllCommands.registry)
            _ = Interpreter(session: cron).execute(line: "submit --category experience --issue-type other")
        }
        #expect(run(desk, reader) == 0)
        #expect(reader.prompts == [
            "reportdesk 2 pending · 1 past due> ", "reportdesk 1 pending · 1 past due> ", "reportdesk 2 pending · 1 past due> ",
            "reportdesk 2 pending · 1 past due> ",
        ])
        #expect(reader.remembered == ["resolve 2", "info"])
    }

    @Test("errors keep the session: an unterminated quote, an unknown command, a failing command")
    func errors() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let reader = ScriptedReader([.line(#"note 2 "open"#), .line("frobnicate"), .line("resolve 99"), .line("resolve 3"), .endOfInput])
        let console = RecordingConsole()
        #expect(run(desk, reader, console: console) == 0)
        #expect(try desk.run("show 3")["status"] == "resolved")
        let errors = console.errors.split(separator: "\n")
        #expect(errors.count == 3, "one line per failed line: \(errors)")
        #expect(errors.count == 3 && errors[1].contains("frobnicate") && errors[2].contains("99"), "\(errors)")
        #expect(!console.output.contains("frobnicate"), "errors go to the error stream only")
    }

    @Test("what the REPL prints: where the store is, a result, an error, another process's change, the farewell")
    func printed() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let reader = ScriptedReader([.line("show 2"), .line("resolve 99"), .line("info"), .endOfInput])
        reader.before[1] = {
            let cron = Session(environment: Desk(settings: desk.settings), registry: AllCommands.registry)
            _ = Interpreter(session: cron).execute(line: "resolve 1")
        }
        let console = RecordingConsole()
        #expect(run(desk, reader, console: console) == 0)
        let output = console.output
        #expect(output.hasPrefix("ReportDesk — \(desk.desk.directory). Type help for commands, Tab to complete, quit to leave.\n"))
        let card = try #require(output.range(of: "Report #2  ·  payment / refund_request  ·  pending\n"), "\(output)")
        #expect(output.contains("  Details      charged twice\n"))
        let notice = try #require(output.range(of: "\nStore changed elsewhere: now at version 4 (#1)\n"), "\(output)")
        let info = try #require(output.range(of: "version       4\nreports       3\npending       2\n"), "\(output)")
        #expect(card.upperBound < notice.lowerBound && notice.upperBound <= info.lowerBound, "in the order it happened")
        #expect(output.hasSuffix("\n\n"), "Ctrl-D ends the last line")
        #expect(console.errors == "error: no report with Report ID or key \"99\"\n")
        #expect(reader.prompts == ["reportdesk 3 pending> ", "reportdesk 3 pending> ", "reportdesk 2 pending> ", "reportdesk 2 pending> "])
    }

    @Test("a store that cannot be opened ends the REPL with status 1")
    func unavailable() {
        let desk = TestDesk()
        #expect(FileManager.default.createFile(atPath: desk.folder.file("store"), contents: Data()), "a file where the store's folder goes")
        let reader = ScriptedReader([.line("info")])
        let console = RecordingConsole()
        #expect(run(desk, reader, console: console) == 1)
        #expect(reader.prompts.isEmpty)
        #expect(console.output.isEmpty && !console.errors.isEmpty, "only the error is printed: \(console.errors)")
    }
}

@Suite("more: the next page of the last list")
struct NextPageTests {
    static func page(_ line: String, _ result: JSONValue) throws -> NextPage? {
        let words = line.split(separator: " ").map(String.init)
        let (command, arguments) = try #require(AllCommands.registry.match(words))
        return NextPage(command: Array(words.dropLast(arguments.count)), arguments: arguments, spec: command.spec, result: result)
    }

    @Test("the same command with the result's cursor, any earlier cursor replaced")
    func words() throws {
        let page = try Self.page("list --status pending --cursor old --limit=2 --cursor=older", ["reports": [], "nextCursor": "new"])
        #expect(page?.words == ["list", "--cursor", "new", "--status", "pending", "--limit=2"])
        let history = try Self.page("history 3", ["versions": [], "nextCursor": 40])
        #expect(history?.words == ["history", "--cursor", "40", "3"])
        let search = try Self.page("search -- --cursor", ["nextCursor": "c"])
        #expect(search?.words == ["search", "--cursor", "c", "--", "--cursor"], "after --, --cursor is text to search for")
    }

    @Test("only a real cursor option is dropped: another option's value stays, as the binder reads it")
    func optionValues() throws {
        let search = try Self.page("search --open-id --cursor crash --cursor old", ["nextCursor": "new"])
        #expect(search?.words == ["search", "--cursor", "new", "--open-id", "--cursor", "crash"])
    }

    @Test("the last page has no next page")
    func last() throws {
        #expect(try Self.page("list", ["reports": [], "nextCursor": .null]) == nil)
    }

    @Test("prompts are ASCII when the terminal is not UTF-8")
    func asciiPrompt() {
        #expect(Prompt(pending: 3, pastDue: 1, unicode: false).text == "reportdesk 3 pending, 1 past due> ")
        #expect(Prompt(pending: 3, pastDue: 0, unicode: true).text == "reportdesk 3 pending> ")
        #expect(Prompt(pending: nil, pastDue: 0, unicode: true).text == "reportdesk> ")
        #expect(Prompt.continuation(unicode: false).text == "...> ")
    }
}
