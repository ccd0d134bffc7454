import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `info`: the store's version and counts, where it is and what SQLite runs it.
enum InfoCommand: Command {
    static let spec = CommandSpec(
        Self.self, "info", topic: .store,
        summary: "Show the store's version, report counts, location and engine settings",
        examples: ["info"],
        mutates: false)

    static let result = ObjectShape<Info>([
        .field("version", .integer, \.overview.version),
        .field("reports", .integer, \.overview.reports),
        .field("pending", .integer, \.overview.pending),
        .field("pastDue", .integer, \.overview.pastDue),
        .field("dueWithin24h", .integer, \.overview.dueSoon),
        .field("appealsOpen", .integer, \.overview.appealsOpen),
        .field("store", .string, \.directory),
        .field("engine", .map, \.engine),
    ]).shape

    struct Info {
        let overview: StoreOverview
        let directory: String
        /// SQLite's settings by name, as the store reads them.
        let engine: JSONObject
    }

    static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> Info {
        let store = try context.store()
        return Info(overview: try store.overview(now: context.now), directory: store.location.directory,
                    engine: JSONObject(try store.engineSettings()))
    }
}

/// `stats`: counts by status, category and issue type; how much was processed in time and how fast.
enum StatsCommand: Command {
    static let spec = CommandSpec(
        Self.self, "stats", topic: .store,
        summary: "Count reports by status, category and issue type; share processed within 72 h; median time to process",
        examples: ["stats"],
        mutates: false)

    static let result = ObjectShape<Stats>([
        .field("version", .integer, \.statistics.version),
        .field("byStatus", .map, \.byStatus),
        .field("byCategory", .map, \.byCategory),
        .field("byIssueType", .map, \.byIssueType),
        .field("processed", .integer, \.statistics.processed),
        .field("processedWithin72h", .integer, \.statistics.processedInTime),
        .field("shareProcessedWithin72h", ValueShape.number.orNull, \.share),
        .field("medianTimeToProcessSeconds", ValueShape<Int64>.integer.orNull) { $0.statistics.medianMillisecondsToProcess.map { $0 / 1000 } },
        .field("medianTimeToProcess", ValueShape.string.orNull) { $0.statistics.medianMillisecondsToProcess.map(TerminalStyle.roughSpan) },
    ]).shape

    /// The store's statistics with the counts keyed by status, category and issue type.
    struct Stats {
        let statistics: StoreStatistics
        let byStatus: JSONObject
        let byCategory: JSONObject
        let byIssueType: JSONObject
        /// Processed within 72 h as a share of processed, to three places; nil before any is processed.
        let share: Double?
    }

    static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> Stats {
        let statistics = try context.store().statistics()
        var byIssueType = JSONObject()
        for (category, issueType, count) in statistics.byIssueType {
            var inner = byIssueType[category]?.objectValue ?? JSONObject()
            inner[issueType] = .int(count)
            byIssueType[category] = .object(inner)
        }
        var byStatus = JSONObject(ReportStatus.allCases.map { ($0.rawValue, JSONValue.int(0)) })
        for (status, count) in statistics.byStatus { byStatus[status] = .int(count) }
        let share = statistics.processed == 0 ? nil
            : (Double(statistics.processedInTime) / Double(statistics.processed) * 1000).rounded() / 1000
        return Stats(statistics: statistics, byStatus: byStatus,
                     byCategory: JSONObject(statistics.byCategory.map { ($0.0, JSONValue.int($0.1)) }),
                     byIssueType: byIssueType, share: share)
    }
}
