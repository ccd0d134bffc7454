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

/// `stats`: counts by status, category and issue type; how much was processed in time and how fast.
enum StatsCommand: Command {
    static let spec = CommandSpec(
        "stats", topic: .store,
        summary: "Count reports by status, category and issue type; share processed within 72 h; median time to process",
        examples: ["stats"],
        parameters: [],
        result: .fields(Schemas.object([
            "version": ["type": "integer"], "byStatus": ["type": "object"], "byCategory": ["type": "object"],
            "byIssueType": ["type": "object"], "processed": ["type": "integer"], "processedWithin72h": ["type": "integer"],
            "shareProcessedWithin72h": ["type": ["number", "null"]], "medianTimeToProcessSeconds": ["type": ["integer", "null"]],
            "medianTimeToProcess": ["type": ["string", "null"]],
        ])),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let statistics = try context.store().statistics()
        var byIssueType = JSONObject()
        for (category, issueType, count) in statistics.byIssueType {
            var inner = byIssueType[category]?.objectValue ?? JSONObject()
            inner[issueType] = .int(count)
            byIssueType[category] = .object(inner)
        }
        var byStatus = JSONObject(ReportStatus.allCases.map { ($0.rawValue, JSONValue.int(0)) })
        for (status, count) in statistics.byStatus { byStatus[status] = .int(count) }
        let share: JSONValue = statistics.processed == 0 ? .null
            : .double((Double(statistics.processedInTime) / Double(statistics.processed) * 1000).rounded() / 1000)
        return .object(JSONObject([
            ("version", .int(statistics.version)),
            ("byStatus", .object(byStatus)),
            ("byCategory", .object(JSONObject(statistics.byCategory.map { ($0.0, JSONValue.int($0.1)) }))),
            ("byIssueType", .object(byIssueType)),
            ("processed", .int(statistics.processed)),
            ("processedWithin72h", .int(statistics.processedInTime)),
            ("shareProcessedWithin72h", share),
            ("medianTimeToProcessSeconds", statistics.medianMillisecondsToProcess.map { .int64($0 / 1000) } ?? .null),
            ("medianTimeToProcess", statistics.medianMillisecondsToProcess.map { .string(TerminalStyle.roughSpan($0)) } ?? .null),
        ]))
    }
}
