import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `info`: the store's version and counts, where it is and what SQLite runs it.
enum InfoCommand: Command {
    static let spec = CommandSpec(
        "info", topic: .store,
        summary: "Show the store's version, report counts, location and engine settings",
        examples: ["info"],
        parameters: [],
        result: .fields(Schemas.object([
            "version": ["type": "integer"], "reports": ["type": "integer"], "pending": ["type": "integer"],
            "pastDue": ["type": "integer"], "dueWithin24h": ["type": "integer"], "store": ["type": "string"],
            "engine": ["type": "object"],
        ])),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let store = try context.store()
        let overview = try store.overview(now: context.now)
        return .object(JSONObject([
            ("version", .int(overview.version)), ("reports", .int(overview.reports)), ("pending", .int(overview.pending)),
            ("pastDue", .int(overview.pastDue)), ("dueWithin24h", .int(overview.dueSoon)),
            ("store", .string(store.location.directory)),
            ("engine", .object(JSONObject(try store.engineSettings()))),
        ]))
    }
}

/// `stats`: the desk at a glance — a dashboard for people, the series behind its charts for tools.
enum StatsCommand: Command {
    static let spec = CommandSpec(
        "stats", topic: .store,
        summary: "Count reports by status, category and issue type; share processed within 72 h; median time to process",
        discussion: StatsDashboard.discussion,
        examples: ["stats", "stats --since 2026-11-01 --by week", "stats --category payment --ascii", "stats --html desk.html",
                   "stats --at 120"],
        parameters: StatsDashboard.parameters,
        result: ResultShape(schema: DashboardResult.schema, presentation: .view(DashboardText.view)),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        try StatsDashboard.run(arguments, in: context)
    }
}
