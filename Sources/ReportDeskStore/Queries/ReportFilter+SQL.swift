import GRDB
import ReportDeskCore

/// The SQL `WHERE` terms of a filter, evaluated against `now` so past-due facts match the clock (R6).
extension ReportFilter {
    /// With `appealIndexed` false, an open or decided appeal term does not pick the appeal-status
    /// index (`+`) but names the appealed reports' index in report-time order, so a page sorted by
    /// time reads an index in order instead of sorting every such appeal.
    func sqlTerms(now: Instant, table: String = "report", appealIndexed: Bool = true) -> (terms: [String], arguments: StatementArguments) {
        var terms: [String] = []
        var arguments = StatementArguments()
        func add(_ term: String, _ values: [(any DatabaseValueConvertible)?]) {
            terms.append(term)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        let t = table
        if !statuses.isEmpty {
            add("\(t).status IN (\(placeholders(statuses.count)))", statuses.map(\.rawValue))
        }
        if !categories.isEmpty {
            add("\(t).category IN (\(placeholders(categories.count)))", categories)
        }
        if !issueTypes.isEmpty {
            add("\(t).issue_type IN (\(placeholders(issueTypes.count)))", issueTypes)
        }
        if let openId { add("\(t).open_id = ?", [openId]) }
        if let orderId { add("\(t).order_id = ?", [orderId]) }
        if let since { add("\(t).reported_at >= ?", [since.milliseconds]) }
        if let until { add("\(t).reported_at < ?", [until.milliseconds]) }
        // Due-time conditions are written on reported_at (due = report time + 72 h, R6), which
        // every index holds, so they are range scans rather than a lookup per row.
        let dueNow = now.subtracting(Report.processingWindow).milliseconds
        switch pastDue {
        case true?: add("\(t).status = 'pending' AND \(t).reported_at < ?", [dueNow])
        case false?: add("(\(t).status <> 'pending' OR \(t).reported_at >= ?)", [dueNow])
        case nil: break
        }
        let unindexed = appealIndexed ? "" : "+"
        let appealed = appealIndexed ? "" : " AND \(t).appeal_status IS NOT NULL"
        switch appeal {
        case .open?: add("\(unindexed)\(t).appeal_status = 'open'\(appealed)", [])
        case .decided?: add("\(unindexed)\(t).appeal_status IN ('upheld', 'overturned')\(appealed)", [])
        case .none?: add("\(t).appeal_status IS NULL", [])
        case .any?, nil: break
        }
        if let dueWithin {
            add("\(t).status = 'pending' AND \(t).reported_at >= ? AND \(t).reported_at <= ?",
                [dueNow, dueNow + dueWithin.milliseconds])
        }
        return (terms, arguments)
    }

    /// The number of reports matching the filter, read from `report_tally` when the filter names
    /// only statuses, categories and issue types (what the tally counts by); `nil` otherwise.
    func tallied(_ db: Database, now: Instant) throws -> Int? {
        // Compared whole, so a filter field added later is counted row by row until the tally knows it.
        var talliedPart = ReportFilter()
        talliedPart.statuses = statuses
        talliedPart.categories = categories
        talliedPart.issueTypes = issueTypes
        talliedPart.appeal = appeal == .any ? .any : nil
        guard self == talliedPart else { return nil }
        let (terms, arguments) = sqlTerms(now: now, table: "report_tally")
        let whereClause = terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ")
        return try Int.fetchOne(db, sql: "SELECT coalesce(sum(reports), 0) FROM report_tally\(whereClause)", arguments: arguments) ?? 0
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
