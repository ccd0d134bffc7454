import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `stats`'s result: the fields it has always had (the whole desk) plus the period, the headline
/// and the series behind every chart, each bucket with its start and end instants.
enum DashboardResult {
    static let timeToProcessLabels = ["0–24 h", "1–2 d", "2–3 d", "> 3 d"]
    static let pastDueLabels = ["up to 1 d", "1–3 d", "3–7 d", "> 7 d"]

    /// The result as declared: the JSON `json` builds, with `schema`.
    static let shape = ValueShape<JSONValue>.json(schema)

    static func json(_ figures: DashboardFigures, period: DashboardPeriod, categories: [String], atVersion: Int?,
                     style: TerminalStyle) -> JSONValue {
        let statistics = figures.statistics
        var byIssueType = JSONObject()
        for (category, issueType, count) in statistics.byIssueType {
            var inner = byIssueType[category]?.objectValue ?? JSONObject()
            inner[issueType] = .int(count)
            byIssueType[category] = .object(inner)
        }
        var byStatus = JSONObject(ReportStatus.allCases.map { ($0.rawValue, JSONValue.int(0)) })
        for (status, count) in statistics.byStatus { byStatus[status] = .int(count) }
        let received = figures.received.map { $0.reduce(0, +) }.reduce(0, +)
        let instant = { (value: Instant) in JSONValue.string(RFC3339.format(value)) }
        return .object(JSONObject([
            ("version", .int(figures.version)),
            ("byStatus", .object(byStatus)),
            ("byCategory", .object(JSONObject(statistics.byCategory.map { ($0.0, JSONValue.int($0.1)) }))),
            ("byIssueType", .object(byIssueType)),
            ("processed", .int(statistics.processed)),
            ("processedWithin72h", .int(statistics.processedInTime)),
            ("shareProcessedWithin72h", share(statistics.processedInTime, of: statistics.processed)),
            ("medianTimeToProcessSeconds", statistics.medianMillisecondsToProcess.map { .int64($0 / 1000) } ?? .null),
            ("medianTimeToProcess", statistics.medianMillisecondsToProcess.map { .string(TerminalStyle.roughSpan($0)) } ?? .null),
            ("period", .object(JSONObject([
                ("since", instant(period.since)), ("until", instant(period.until)), ("by", .string(period.by.rawValue)),
                ("isDefault", .bool(period.isDefault)), ("zone", .string(style.zoneLabel)), ("now", instant(style.now)),
                ("categories", .array(categories.map(JSONValue.string))), ("atVersion", atVersion.map(JSONValue.int) ?? .null),
            ]))),
            ("headline", .object(JSONObject([
                ("pending", .int(figures.pending)), ("pastDue", .int(figures.pastDue)), ("dueWithin24h", .int(figures.dueSoon)),
                ("openAppeals", .int(figures.openAppeals)), ("received", .int(received)), ("processed", .int(figures.processed)),
                ("processedWithin72h", .int(figures.processedInTime)),
                ("shareProcessedWithin72h", share(figures.processedInTime, of: figures.processed)),
                ("medianTimeToProcessSeconds", figures.medianMillisecondsToProcess.map { .int64($0 / 1000) } ?? .null),
            ]))),
            ("categories", .array(figures.categories.map(JSONValue.string))),
            ("received", .array(figures.received.indices.map { index in
                .object(JSONObject([
                    ("start", instant(period.edges[index])), ("end", instant(period.edges[index + 1])),
                    ("count", .int(figures.received[index].reduce(0, +))),
                    ("byCategory", .object(JSONObject(zip(figures.categories, figures.received[index]).map { ($0, JSONValue.int($1)) }))),
                ]))
            })),
            ("weeklyShare", .array(figures.weeks.indices.map { index in
                let week = figures.weeks[index]
                return .object(JSONObject([
                    ("start", instant(period.weekEdges[index])), ("end", instant(period.weekEdges[index + 1])),
                    ("processed", .int(week.processed)), ("processedWithin72h", .int(week.processedInTime)),
                    ("share", share(week.processedInTime, of: week.processed)),
                ]))
            })),
            ("timeToProcess", bins(figures.timeToProcess, labels: timeToProcessLabels, limits: DashboardFigures.timeToProcessLimits)),
            ("pastDueBy", bins(figures.pastDueAges, labels: pastDueLabels, limits: DashboardFigures.pastDueLimits)),
            ("topIssueTypes", .array(figures.issueTypes.map { count in
                .object(JSONObject([("category", .string(count.category)), ("issueType", .string(count.issueType)), ("count", .int(count.count))]))
            })),
            ("pastDueReports", .array(figures.pastDueReports.map { $0.json(now: style.now) })),
            ("openAppealReports", .array(figures.openAppealReports.map { $0.json(now: style.now) })),
        ]))
    }

    /// A share rounded to three places, as `stats` has always given it; `null` when nothing was processed.
    static func share(_ part: Int, of whole: Int) -> JSONValue {
        whole == 0 ? .null : .double((Double(part) / Double(whole) * 1000).rounded() / 1000)
    }

    private static func bins(_ counts: [Int], labels: [String], limits: [Int64]) -> JSONValue {
        .array(counts.indices.map { index in
            .object(JSONObject([
                ("label", .string(labels[index])),
                ("fromSeconds", .int64(index == 0 ? 0 : limits[index - 1] / 1000)),
                ("toSeconds", index < limits.count ? .int64(limits[index] / 1000) : .null),
                ("count", .int(counts[index])),
            ]))
        })
    }

    static let schema: JSONValue = {
        let instant: JSONValue = ["type": "string", "format": "date-time"]
        let count: JSONValue = ["type": "integer", "minimum": 0]
        let share: JSONValue = ["type": ["number", "null"], "minimum": 0, "maximum": 1]
        let bins: JSONValue = ["type": "array", "items": Schemas.object([
            "label": ["type": "string"], "fromSeconds": count, "toSeconds": ["type": ["integer", "null"]], "count": count,
        ])]
        return Schemas.object([
            "version": ["type": "integer"], "byStatus": ["type": "object"], "byCategory": ["type": "object"],
            "byIssueType": ["type": "object"], "processed": ["type": "integer"], "processedWithin72h": ["type": "integer"],
            "shareProcessedWithin72h": ["type": ["number", "null"]], "medianTimeToProcessSeconds": ["type": ["integer", "null"]],
            "medianTimeToProcess": ["type": ["string", "null"]],
            "period": Schemas.object([
                "since": instant, "until": instant, "by": ["type": "string", "enum": ["day", "week", "month"]],
                "isDefault": ["type": "boolean"], "zone": ["type": "string"], "now": instant,
                "categories": ["type": "array", "items": ["type": "string"]], "atVersion": ["type": ["integer", "null"]],
            ]),
            "headline": Schemas.object([
                "pending": count, "pastDue": count, "dueWithin24h": count, "openAppeals": count, "received": count,
                "processed": count, "processedWithin72h": count, "shareProcessedWithin72h": share,
                "medianTimeToProcessSeconds": ["type": ["integer", "null"]],
            ]),
            "categories": ["type": "array", "items": ["type": "string"]],
            "received": ["type": "array", "items": Schemas.object([
                "start": instant, "end": instant, "count": count,
                "byCategory": ["type": "object", "additionalProperties": count],
            ])],
            "weeklyShare": ["type": "array", "items": Schemas.object([
                "start": instant, "end": instant, "processed": count, "processedWithin72h": count, "share": share,
            ])],
            "timeToProcess": bins,
            "pastDueBy": bins,
            "topIssueTypes": ["type": "array", "items": Schemas.object([
                "category": ["type": "string"], "issueType": ["type": "string"], "count": count,
            ])],
            "pastDueReports": ["type": "array", "items": Schemas.report],
            "openAppealReports": ["type": "array", "items": Schemas.report],
            "html": ["type": "string"],
        ], optional: ["html"])
    }()
}
