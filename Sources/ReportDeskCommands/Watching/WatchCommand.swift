import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `watch`: runs on and tells, one line per event, when anyone commits a version, a pending report
/// comes due within `--due-within` or goes past due (R6), or an appeal is opened; for pipes and
/// notifications. It writes through the front end's event stream and ends on SIGTERM, SIGINT
/// (Ctrl-C) or when nobody reads its output any more.
enum WatchCommand: Command {
    struct Parameters: ParameterSet {
        let dueWithin = Param.duration("dueWithin", help: "also tell, once per report, when a pending report comes due within this time")
        let json = Param.flag("json", help: "write each event as one JSON object per line (as the global --json does)")
    }

    static let spec = CommandSpec(
        Self.self, "watch", topic: .reading,
        summary: "Tell what happens as it happens: commits by anyone, reports coming due or going past due, appeals opened",
        discussion: """
            Runs until SIGTERM, SIGINT (Ctrl-C) or until its reader goes away (watch --json | head -1 ends with status 0). \
            Each event is one line: with --json an object whose event is changed {version, actor, command, keys, summary}, \
            dueSoon {key, dueAt} (with --due-within, once per report), pastDue {key, dueAt} or appealOpened {key, version}. \
            It looks at the store every 200 ms, reading only what changed since the last look. With REPORTDESK_CLOCK set, \
            its clock starts at that instant and runs on with real time. Over JSON-RPC, listen for store/changed instead.
            """,
        examples: ["watch", "watch --due-within 6h --json", "watch --json | head -1"],
        view: TextView(), mutates: false)

    /// When watching ends: why, how many events were told and the last version seen. People see
    /// nothing more (the text is absent); with the global --json it is the last line.
    static let result = ObjectShape<Watched>([
        .field("event", .oneOf(["stopped"])) { _ in "stopped" },
        .field("reason", .oneOf, \.reason),
        .field("events", .integer, \.events),
        .field("version", .integer, \.version),
    ]).shape

    struct Watched {
        let reason: StreamEnd
        let events: Int
        let version: Int
    }

    /// How often the store is looked at while nothing happens.
    static let interval = 200

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Watched {
        guard let stream = context.session.streams.events else {
            throw DeskError(.invalidRequest, "watch runs on and writes a line per event, which one reply cannot carry; "
                + "over JSON-RPC, listen for the store/changed notification instead",
                data: ["notification": "store/changed"])
        }
        let clock = try context.desk.settings.clock.runningOn()
        let asJSON = try arguments.value(\.json) == true
        var watcher = try ReportWatcher(store: try context.store(), window: try arguments.value(\.dueWithin), now: clock.now)
        var told = tell(try watcher.start(), to: stream, asJSON: asJSON, zone: context.zone, now: clock.now)
        var failures = 0
        while true {
            if let end = stream.pause(milliseconds: interval) {
                return Watched(reason: end, events: told, version: watcher.seenVersion)
            }
            if context.session.isCancelled { return Watched(reason: .signal, events: told, version: watcher.seenVersion) }
            let now = clock.now
            let events: [WatchEvent]
            do {
                events = try watcher.look(now: now)
                failures = 0
            } catch {
                // Another process holding the store for a moment (a migration, a restore) is waited out.
                guard error.code == .storeUnavailable, failures < 50 else { throw error }
                failures += 1
                continue
            }
            told += tell(events, to: stream, asJSON: asJSON, zone: context.zone, now: now)
        }
    }

    /// Sends each event in the form asked for; returns how many were sent.
    private static func tell(_ events: [WatchEvent], to stream: any EventStream, asJSON: Bool, zone: ZoneRules, now: Instant) -> Int {
        let style = TerminalStyle(width: 100, colour: false, zone: zone, now: now)
        for event in events {
            stream.send(StreamedEvent(json: event.json, text: asJSON ? nil : event.text(style: style)))
        }
        return events.count
    }
}

