import Synchronization
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

/// An event stream a test scripts: each pause runs the next step (a write, a move of the clock);
/// after the last step it ends as if its reader had gone.
final class ScriptedEventStream: EventStream {
    private let steps: Mutex<[@Sendable () throws -> Void]>
    private let sent = Mutex<[StreamedEvent]>([])

    init(_ steps: [@Sendable () throws -> Void]) { self.steps = Mutex(steps) }

    var events: [JSONValue] { sent.withLock { $0.map(\.json) } }
    var lines: [String?] { sent.withLock { $0.map(\.text) } }

    func send(_ event: StreamedEvent) { sent.withLock { $0.append(event) } }

    func pause(milliseconds: Int) -> StreamEnd? {
        guard let step = steps.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return .readerGone }
        try? step()
        return nil
    }
}

@Suite("watch: what it tells, in order, once")
struct WatchCommandTests {
    /// Report 1 due at 09:00, report 2 at 12:00 (reported 72 h before).
    static func desk() throws -> TestDesk {
        let desk = TestDesk()
        try desk.run("submit --category payment --issue-type refund_request --details one --reported-at 2026-11-21T09:00:00Z")
        try desk.run("submit --category payment --issue-type refund_request --details two --reported-at 2026-11-21T12:00:00Z")
        try desk.run("config set contactEmail dev@example.com")
        desk.clock.set(RFC3339.parse("2026-11-24T08:59:00Z")!)
        return desk
    }

    static func watch(_ line: String, on desk: TestDesk, _ stream: ScriptedEventStream) -> Interpreter.Execution {
        let session = Session(environment: desk.desk, registry: AllCommands.registry,
                              streams: StandardStreams(input: nil, outputIsFree: false, events: stream))
        return Interpreter(session: session).execute(line: line)
    }

    @Test("due soon at the start, past due as the clock passes the due instant, commits, appeals; the result fits its schema")
    func events() throws {
        let desk = try Self.desk()
        let stream = ScriptedEventStream([
            { desk.clock.set(RFC3339.parse("2026-11-24T09:00:00Z")!) },  // at the due instant: not yet past due (R6)
            { desk.clock.set(RFC3339.parse("2026-11-24T09:00:00.001Z")!) },
            { try desk.run("resolve 1") },
            { try desk.run("appeal open 1 'never refunded'") },
            { desk.clock.set(RFC3339.parse("2026-11-24T11:00:00Z")!) },  // report 2 enters the 1 h window
            { desk.clock.set(RFC3339.parse("2026-11-24T11:30:00Z")!) },
        ])
        let execution = Self.watch("watch --due-within 1h", on: desk, stream)
        let result = try execution.outcome.get()
        #expect(stream.events == [
            ["event": "dueSoon", "key": 1, "dueAt": "2026-11-24T09:00:00Z"],
            ["event": "pastDue", "key": 1, "dueAt": "2026-11-24T09:00:00Z"],
            ["event": "changed", "version": 4, "actor": "tester", "command": "resolve", "keys": [1], "summary": stream.events[2]["summary"]!],
            ["event": "changed", "version": 5, "actor": "tester", "command": "appeal.open", "keys": [1], "summary": stream.events[3]["summary"]!],
            ["event": "appealOpened", "key": 1, "version": 5],
            ["event": "dueSoon", "key": 2, "dueAt": "2026-11-24T12:00:00Z"],
        ])
        #expect(result == ["event": "stopped", "reason": "readerGone", "events": 6, "version": 5])
        let spec = try #require(AllCommands.registry.command(method: "watch")).spec
        #expect(SchemaValidator.problems(result, against: spec.result.schema).isEmpty)
        #expect(stream.lines.allSatisfy { $0 != nil }, "people get lines without --json")
    }

    @Test("with --json every event goes as JSON; a report pending again inside the window is told about, after its commit")
    func oncePerReport() throws {
        let desk = try Self.desk()
        try desk.run("resolve 2")
        desk.clock.set(RFC3339.parse("2026-11-24T11:30:00Z")!)
        try desk.run("appeal open 2 'never refunded'")
        let stream = ScriptedEventStream([
            { try desk.run("appeal decide 2 --outcome overturned --note 'not refunded'") },  // pending again, due 12:00
            { try desk.run("appeal open 1 'x'") },  // refused: report 1 is pending, nothing is written
            {},
        ])
        let execution = Self.watch("watch --due-within 1h --json", on: desk, stream)
        _ = try execution.outcome.get()
        #expect(stream.events.map { $0["event"]?.stringValue } == ["changed", "dueSoon"])
        #expect(stream.events.last?["key"]?.intValue == 2)
        #expect(stream.lines.allSatisfy { $0 == nil })
    }

    @Test("a front end without an event stream (rpc) is told to use store/changed")
    func noStream() throws {
        let error = try #require(TestDesk().failure("watch"))
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("store/changed"))
    }
}
