import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The filters `list`, `search` and `export` share (R9): a status and the report conditions.
struct FilterParameters: ParameterSet {
    let status = Param.choices("status", ReportStatus.self, help: "only reports with this status (several: comma-separated)")
    let conditions = ReportConditions()

    /// The filter the arguments describe; categories and issue types are checked against the
    /// store's taxonomy (R1, R2) and normalised to their ids.
    static func filter(from arguments: Arguments<FilterParameters>,
                       taxonomy: @autoclosure () throws -> Taxonomy) throws -> ReportFilter {
        var filter = try ReportConditions.filter(from: arguments.group(\.conditions), taxonomy: try taxonomy())
        filter.statuses = try arguments.value(\.status) ?? []
        return filter
    }
}

/// Order and paging of `list` and `search`.
struct PagingParameters: ParameterSet {
    let sort = Param.choice("sort", ReportSort.self, help: "order by this field (ties by key)")
    let desc = Param.flag("desc", help: "reverse the order")
    let limit = Param.integer("limit", help: "reports per page (at most \(ReportQuery.maximumLimit))",
                                     range: 1...ReportQuery.maximumLimit, default: ReportQuery.defaultLimit)
    let cursor = Param.text("cursor", help: "the nextCursor of the previous page", maximumLength: 2000)

    static func query(from arguments: Arguments<PagingParameters>, filter: ReportFilter) throws -> ReportQuery {
        var query = ReportQuery()
        query.filter = filter
        query.sort = try arguments.value(\.sort)
        query.descending = try arguments.value(\.desc) ?? false
        query.limit = try arguments.required(\.limit)
        query.cursor = try arguments.value(\.cursor)
        return query
    }

    /// A page of reports: `{reports, nextCursor, total, version}` (README, Commands: `list`).
    static let result = ObjectShape<Page>([
        .field("reports", .array(of: .report)) { page in page.reports.map { $0.json(now: page.now) } },
        .field("nextCursor", ValueShape.string.orNull, \.page.nextCursor),
        .field("total", .integer(minimum: 0), \.page.total),
        .field("version", .integer, \.page.version),
    ]).shape

    /// A page and the time its due states are computed at.
    struct Page {
        let page: ReportPage
        let now: Instant

        var reports: [Report] { page.reports }
    }
}

/// `ifVersion` (R12: act only if the report is still at the version the client saw).
enum ConcurrencyParameters {
    static func ifVersion() -> Parameter<Int> {
        Param.integer("ifVersion", help: "fail with a conflict if the report changed after this store version",
                      range: 0...Int(Int32.max))
    }
}
