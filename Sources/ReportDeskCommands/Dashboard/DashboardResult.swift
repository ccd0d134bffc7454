import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `stats`'s result: the fields it has always had (the whole desk) plus the period, the headline
/// and the series behind every chart, each bucket with its start and end instants. `shape` is its
/// one description: the JSON and its schema both come from it.
struct DashboardResult: Sendable {
    static let timeToProcessLabels = ["0–24 h", "1–2 d", "2–3 d", "> 3 d"]
    static let pastDueLabels = ["up to 1 d", "1–3 d", "3–7 d", "> 7 d"]

    let figures: DashboardFigures
    let period: DashboardPeriod
    /// The categories asked for (`--category`), as ids.
    let categories: [String]
    let atVersion: Int?
    /// The display zone, as the dashboard names it.
    let zone: String
    /// The period's "now": the clock, or the version's time with `--at`.
    let now: Instant
    /// Where `--html` wrote the page.
    var html: String?

    // MARK: Description

    static let shape = ObjectShape<DashboardResult>([
        .field("version", .integer, \.figures.version),
        .field("byStatus", .map, \.byStatus),
        .field("byCategory", .map) { JSONObject($0.figures.statistics.byCategory.map { ($0.0, JSONValue.int($0.1)) }) },
        .field("byIssueType", .map, \.byIssueType),
        .field("processed", .integer, \.figures.statistics.processed),
        .field("processedWithin72h", .integer, \.figures.statistics.processedInTime),
        .field("shareProcessedWithin72h", .share(bounded: false)) { share($0.statistics.processedInTime, of: $0.statistics.processed) },
        .field("medianTimeToProcessSeconds", ValueShape<Int64>.integer.orNull) { $0.statistics.medianMillisecondsToProcess.map { $0 / 1000 } },
        .field("medianTimeToProcess", ValueShape.string.orNull) { $0.statistics.medianMillisecondsToProcess.map(TerminalStyle.roughSpan) },
        .field("appeals", appealsShape, \.figures.appeals),
        .field("period", periodShape) { $0 },
        .field("headline", headlineShape) { $0 },
        .field("categories", .array(of: .string), \.figures.categories),
        .field("received", .array(of: receivedShape), \.receivedBuckets),
        .field("weeklyShare", .array(of: weekShape), \.weeks),
        .field("timeToProcess", .array(of: binShape)) {
            bins($0.figures.timeToProcess, labels: timeToProcessLabels, limits: DashboardFigures.timeToProcessLimits)
        },
        .field("pastDueBy", .array(of: binShape)) {
            bins($0.figures.pastDueAges, labels: pastDueLabels, limits: DashboardFigures.pastDueLimits)
        },
        .field("topIssueTypes", .array(of: issueTypeShape), \.figures.issueTypes),
        .field("pastDueReports", .array(of: .report)) { result in result.figures.pastDueReports.map { $0.json(now: result.now) } },
        .field("openAppealReports", .array(of: .report)) { result in result.figures.openAppealReports.map { $0.json(now: result.now) } },
        .optional("html", .string, \.html),
    ]).shape

    /// Every appeal on the desk, whatever the period and categories (R10).
    private static let appealsShape = ObjectShape<DashboardFigures.AppealCounts>([
        .field("opened", .integer(minimum: 0), \.opened),
        .field("open", .integer(minimum: 0), \.open),
        .field("upheld", .integer(minimum: 0), \.upheld),
        .field("overturned", .integer(minimum: 0), \.overturned),
    ]).shape

    private static let periodShape = ObjectShape<DashboardResult>([
        .field("since", .instant) { RFC3339.format($0.period.since) },
        .field("until", .instant) { RFC3339.format($0.period.until) },
        .field("by", .oneOf, \.period.by),
        .field("isDefault", .boolean, \.period.isDefault),
        .field("zone", .string, \.zone),
        .field("now", .instant) { RFC3339.format($0.now) },
        .field("categories", .array(of: .string), \.categories),
        .field("atVersion", ValueShape<Int>.integer.orNull, \.atVersion),
    ]).shape

    private static let headlineShape = ObjectShape<DashboardResult>([
        .field("pending", .integer(minimum: 0), \.figures.pending),
        .field("pastDue", .integer(minimum: 0), \.figures.pastDue),
        .field("dueWithin24h", .integer(minimum: 0), \.figures.dueSoon),
        .field("openAppeals", .integer(minimum: 0), \.figures.openAppeals),
        .field("received", .integer(minimum: 0)) { $0.figures.received.map { $0.reduce(0, +) }.reduce(0, +) },
        .field("processed", .integer(minimum: 0), \.figures.processed),
        .field("processedWithin72h", .integer(minimum: 0), \.figures.processedInTime),
        .field("shareProcessedWithin72h", .share(bounded: true)) { share($0.figures.processedInTime, of: $0.figures.processed) },
        .field("medianTimeToProcessSeconds", ValueShape<Int64>.integer.orNull) { $0.figures.medianMillisecondsToProcess.map { $0 / 1000 } },
    ]).shape

    /// Reports received in one bucket of the period, in all and per category.
    struct ReceivedBucket: Sendable {
        let start: Instant
        let end: Instant
        let byCategory: [(String, Int)]
    }

    private static let receivedShape = ObjectShape<ReceivedBucket>([
        .field("start", .instant) { RFC3339.format($0.start) },
        .field("end", .instant) { RFC3339.format($0.end) },
        .field("count", .integer(minimum: 0)) { $0.byCategory.reduce(0) { $0 + $1.1 } },
        .field("byCategory", .counts) { $0.byCategory },
    ]).shape

    /// Reports processed in one week of the period, and how many of them within 72 h.
    struct Week: Sendable {
        let start: Instant
        let end: Instant
        let share: DashboardFigures.WeekShare
    }

    private static let weekShape = ObjectShape<Week>([
        .field("start", .instant) { RFC3339.format($0.start) },
        .field("end", .instant) { RFC3339.format($0.end) },
        .field("processed", .integer(minimum: 0), \.share.processed),
        .field("processedWithin72h", .integer(minimum: 0), \.share.processedInTime),
        .field("share", .share(bounded: true)) { share($0.share.processedInTime, of: $0.share.processed) },
    ]).shape

    /// One bin of a histogram of spans, its edges in seconds (no upper edge for the last).
    struct Bin: Sendable {
        let label: String
        let fromSeconds: Int64
        let toSeconds: Int64?
        let count: Int
    }

    private static let binShape = ObjectShape<Bin>([
        .field("label", .string, \.label),
        .field("fromSeconds", .seconds, \.fromSeconds),
        .field("toSeconds", ValueShape<Int64>.integer.orNull, \.toSeconds),
        .field("count", .integer(minimum: 0), \.count),
    ]).shape

    private static let issueTypeShape = ObjectShape<DashboardFigures.IssueTypeCount>([
        .field("category", .string, \.category),
        .field("issueType", .string, \.issueType),
        .field("count", .integer(minimum: 0), \.count),
    ]).shape

    // MARK: Values

    /// The whole desk's counts.
    private var statistics: StoreStatistics { figures.statistics }

    /// Every status, those without reports at 0.
    private var byStatus: JSONObject {
        var byStatus = JSONObject(ReportStatus.allCases.map { ($0.rawValue, JSONValue.int(0)) })
        for (status, count) in figures.statistics.byStatus { byStatus[status] = .int(count) }
        return byStatus
    }

    /// Counts per category, then per issue type.
    private var byIssueType: JSONObject {
        var byIssueType = JSONObject()
        for (category, issueType, count) in figures.statistics.byIssueType {
            var inner = byIssueType[category]?.objectValue ?? JSONObject()
            inner[issueType] = .int(count)
            byIssueType[category] = .object(inner)
        }
        return byIssueType
    }

    private var receivedBuckets: [ReceivedBucket] {
        figures.received.indices.map { index in
            ReceivedBucket(start: period.edges[index], end: period.edges[index + 1],
                           byCategory: Array(zip(figures.categories, figures.received[index])))
        }
    }

    private var weeks: [Week] {
        figures.weeks.indices.map { Week(start: period.weekEdges[$0], end: period.weekEdges[$0 + 1], share: figures.weeks[$0]) }
    }

    /// A share rounded to three places, as `stats` has always given it; `nil` when nothing was processed.
    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 1000).rounded() / 1000
    }

    private static func bins(_ counts: [Int], labels: [String], limits: [Int64]) -> [Bin] {
        counts.indices.map { index in
            Bin(label: labels[index], fromSeconds: index == 0 ? 0 : limits[index - 1] / 1000,
                toSeconds: index < limits.count ? limits[index] / 1000 : nil, count: counts[index])
        }
    }
}

extension ValueShape where Value == Double? {
    /// A share of a whole, or null when the whole is empty; `bounded` states its range in the schema.
    fileprivate static func share(bounded: Bool) -> ValueShape {
        ValueShape(schema: bounded ? ["type": ["number", "null"], "minimum": 0, "maximum": 1] : ["type": ["number", "null"]],
                   encode: { $0.map(JSONValue.double) ?? .null })
    }
}

extension ValueShape where Value == Int64 {
    /// A span in whole seconds, never negative.
    fileprivate static let seconds = ValueShape(schema: ["type": "integer", "minimum": 0], encode: JSONValue.int64)
}

extension ValueShape where Value == [(String, Int)] {
    /// Counts keyed by name (a category), in the order given.
    fileprivate static let counts = ValueShape(schema: ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0]],
                                               encode: { .object(JSONObject($0.map { ($0.0, JSONValue.int($0.1)) })) })
}
