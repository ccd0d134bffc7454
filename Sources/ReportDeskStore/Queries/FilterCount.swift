import GRDB
import ReportDeskCore

/// The number of reports a filter matches, read from the kept tallies (`v7-day-tallies`): whole
/// days of report time are summed from `report_status_day_tally` or `report_day_tally`, and only
/// the partial days at the ends of a range are counted row by row, so the cost does not grow with
/// the store. Open ID and order ID filters are counted row by row: their index ranges are small.
enum FilterCount {
    static let day: Int64 = 86_400_000
    private static let statuses = ReportStatus.allCases.map(\.rawValue)
    private static let appeals = ["", "open", "upheld", "overturned"]

    static func count(_ db: Database, _ filter: ReportFilter, now: Instant) throws -> Int {
        if filter.openId != nil || filter.orderId != nil { return try counted(db, filter, now: now, from: nil, to: nil) }
        if filter.pastDue == false {
            // Not past due: everything else the filter keeps, less the past-due part of it.
            var all = filter
            all.pastDue = nil
            var late = filter
            late.pastDue = true
            return try count(db, all, now: now) - count(db, late, now: now)
        }
        var statuses = filter.statuses.isEmpty ? Self.statuses : Array(Set(filter.statuses.map(\.rawValue))).sorted()
        if filter.pastDue == true || filter.dueWithin != nil { statuses = statuses.filter { $0 == ReportStatus.pending.rawValue } }
        if statuses.isEmpty { return 0 }

        // The range of report times the filter keeps, [from, to); nil where open.
        let dueNow = now.subtracting(Report.processingWindow).milliseconds
        var from = filter.since?.milliseconds
        var to = filter.until?.milliseconds
        func raise(_ value: Int64) { from = max(from ?? value, value) }
        func lower(_ value: Int64) { to = min(to ?? value, value) }
        if filter.pastDue == true { lower(dueNow) }
        if let span = filter.dueWithin {
            raise(dueNow)
            let (end, overflow) = (dueNow + span.milliseconds).addingReportingOverflow(1)
            if !overflow { lower(end) }
        }
        if let from, let to, from >= to { return 0 }

        let appeals: [String]? = switch filter.appeal {
        case .open?: ["open"]
        case .decided?: ["upheld", "overturned"]
        case .none?: [""]
        case .any?, nil: nil
        }
        if from == nil, to == nil, appeals == nil, let tallied = try filter.tallied(db, now: now) { return tallied }

        // Partial days are counted with the time conditions folded into one range of report times
        // and a status, so the count reads one short index range.
        var narrowed = filter
        narrowed.pastDue = nil
        narrowed.dueWithin = nil
        if statuses.count < Self.statuses.count { narrowed.statuses = statuses.compactMap(ReportStatus.init(rawValue:)) }
        let firstDay = from.map { ceilingDay($0) }
        let endDay = to.map { floorDay($0) }
        if let firstDay, let endDay, firstDay >= endDay { return try counted(db, narrowed, now: now, from: from, to: to) }
        var total = try summed(db, filter, statuses: statuses, appeals: appeals ?? Self.appeals, firstDay: firstDay, endDay: endDay)
        if let from, let firstDay, from < firstDay * day { total += try counted(db, narrowed, now: now, from: from, to: firstDay * day) }
        if let to, let endDay, endDay * day < to { total += try counted(db, narrowed, now: now, from: endDay * day, to: to) }
        return total
    }

    /// The whole days from `firstDay` up to `endDay` (either open), summed from a tally.
    private static func summed(_ db: Database, _ filter: ReportFilter, statuses: [String], appeals: [String],
                               firstDay: Int64?, endDay: Int64?) throws -> Int {
        var terms: [String] = []
        var arguments = StatementArguments()
        let table: String
        if filter.categories.isEmpty && filter.issueTypes.isEmpty {
            table = "report_status_day_tally"
        } else {
            table = "report_day_tally"
            // Every key column before the day is given as a list, so the sum reads only matching rows.
            if filter.categories.isEmpty {
                terms.append("category IN (SELECT DISTINCT category FROM report_tally)")
            } else {
                terms.append("category IN (\(placeholders(filter.categories.count)))")
                _ = arguments.append(contentsOf: StatementArguments(filter.categories))
            }
            if filter.issueTypes.isEmpty {
                terms.append("issue_type IN (SELECT DISTINCT issue_type FROM report_tally)")
            } else {
                terms.append("issue_type IN (\(placeholders(filter.issueTypes.count)))")
                _ = arguments.append(contentsOf: StatementArguments(filter.issueTypes))
            }
        }
        terms.append("status IN (\(placeholders(statuses.count)))")
        _ = arguments.append(contentsOf: StatementArguments(statuses))
        terms.append("appeal IN (\(placeholders(appeals.count)))")
        _ = arguments.append(contentsOf: StatementArguments(appeals))
        if let firstDay {
            terms.append("day >= ?")
            _ = arguments.append(contentsOf: [firstDay])
        }
        if let endDay {
            terms.append("day < ?")
            _ = arguments.append(contentsOf: [endDay])
        }
        return try Int.fetchOne(db, sql: "SELECT coalesce(sum(reports), 0) FROM \(table) WHERE \(terms.joined(separator: " AND "))",
                                arguments: arguments) ?? 0
    }

    /// The filter's matches with report times in [from, to), counted row by row; the range replaces
    /// the filter's own (it lies within it).
    private static func counted(_ db: Database, _ filter: ReportFilter, now: Instant, from: Int64?, to: Int64?) throws -> Int {
        var filter = filter
        if let from { filter.since = Instant(milliseconds: from) }
        if let to { filter.until = Instant(milliseconds: to) }
        let (terms, arguments) = filter.sqlTerms(now: now)
        let whereClause = terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM report\(whereClause)", arguments: arguments) ?? 0
    }

    /// The day holding `milliseconds`, rounded down also before 1970.
    static func floorDay(_ milliseconds: Int64) -> Int64 {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: day)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The first day starting at or after `milliseconds`.
    static func ceilingDay(_ milliseconds: Int64) -> Int64 {
        let floor = floorDay(milliseconds)
        return floor * day == milliseconds ? floor : floor + 1
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
