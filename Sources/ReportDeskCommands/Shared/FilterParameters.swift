import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The filters `list`, `search` and `export` share (README, Commands), declared once.
struct FilterParameters: ParameterSet {
    let status = Param.choices("status", ReportStatus.self, help: "only reports with this status (several: comma-separated)")
    let pastDue = Param.flag("pastDue", help: "only pending reports past their 72 h due time (false: all others)")
    let category = Param.texts("category", help: "only this category (id or display name)", completion: .categories)
    let issueType = Param.texts("issueType", help: "only this issue type", completion: .issueTypes)
    let openId = Param.text("openId", help: "only reports by this user's Open ID", maximumLength: FieldLimits.identifier)
    let orderId = Param.text("orderId", help: "only reports about this order", maximumLength: FieldLimits.identifier)
    let since = Param.instant("since", help: "only reports made at or after this time")
    let until = Param.instant("until", help: "only reports made before this time")
    let dueWithin = Param.duration("dueWithin", help: "only pending reports not yet past due that fall due within this span (6h, 2d)")

    /// The filter the arguments describe; categories and issue types are checked against the
    /// store's taxonomy (R1, R2) and normalised to their ids.
    static func filter(from arguments: Arguments<FilterParameters>, taxonomy: Taxonomy) throws -> ReportFilter {
        var filter = ReportFilter()
        filter.statuses = try arguments.value(\.status) ?? []
        filter.pastDue = try arguments.value(\.pastDue)
        filter.categories = try (arguments.value(\.category) ?? []).map { try taxonomy.requireCategory($0).id }
        let categoriesForTypes = filter.categories.isEmpty ? taxonomy.categories : filter.categories.compactMap(taxonomy.category(named:))
        filter.issueTypes = try (arguments.value(\.issueType) ?? []).map { name in
            for category in categoriesForTypes {
                if let type = category.issueType(named: name) { return type.id }
            }
            let valid = Array(Set(categoriesForTypes.flatMap { $0.issueTypes.map(\.id) })).sorted()
            throw DeskError.rule("R2", "unknown issue type \(quoted(name)); valid issue types: \(valid.joined(separator: ", "))",
                                 extra: [("field", "issueType"), ("valid", .array(valid.map(JSONValue.string)))])
        }
        filter.openId = try arguments.value(\.openId).nonEmpty
        filter.orderId = try arguments.value(\.orderId).nonEmpty
        filter.since = try arguments.value(\.since)
        filter.until = try arguments.value(\.until)
        filter.dueWithin = try arguments.value(\.dueWithin)
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

    /// A page of reports: `{reports, nextCursor, total, version}` (README, JSON-RPC).
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
