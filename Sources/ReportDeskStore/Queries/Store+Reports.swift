import Foundation
import GRDB
package import ReportDeskCore

extension Store {
    /// One report by key or Report ID.
    package func report(_ reference: ReportReference) throws(DeskError) -> Report {
        let blobs = self.blobs
        return try lookup { db in try ReportLookup.report(db, reference, blobs: blobs) }
    }

    /// A report as it was right after version `version` (R12: `show --at`).
    package func report(_ reference: ReportReference, atVersion version: Int) throws(DeskError) -> Report {
        let blobs = self.blobs
        return try read { db in
            let latest = try VersionLog.latest(db)
            guard version >= 0, version <= latest else {
                throw DeskError.notFound("no version \(version); the store is at version \(latest)",
                                         data: ["version": .int(version), "latest": .int(latest)])
            }
            let key: Int
            if let current = try? ReportLookup.report(db, reference, blobs: blobs) {
                key = current.key
            } else if case .text(let text) = reference, let historical = try Self.keyFromHistory(db, reportId: text) {
                key = historical
            } else if let digits = reference.keyIfNoReportID {
                key = digits
            } else {
                throw ReportLookup.notFound(reference)
            }
            guard let entry = try VersionLog.state(db, key: key, atOrBefore: version),
                  let state = entry.state, var report = Report(stateJSON: state, version: entry.version) else {
                throw DeskError.notFound("report #\(key) did not exist at version \(version)",
                                         data: ["key": .int(key), "version": .int(version)])
            }
            if var screenshot = report.screenshot, let sha = screenshot.sha256 {
                screenshot.path = blobs.path(sha256: sha, mediaType: screenshot.mediaType)
                report.screenshot = screenshot
            }
            return report
        }
    }

    private static func keyFromHistory(_ db: Database, reportId: String) throws -> Int? {
        // An imported report's entry names the row as its after-state; once removed, the removal's
        // before-state holds its Report ID.
        try Int.fetchOne(db, sql: """
            SELECT key FROM report_change WHERE json_extract(after, '$.reportId') = ?1 OR json_extract(before, '$.reportId') = ?1 LIMIT 1
            """, arguments: [reportId])
    }

    /// A page of `list` or `search` results (R9).
    package func page(_ query: ReportQuery, now: Instant) throws(DeskError) -> ReportPage {
        let blobs = self.blobs
        return try read { db in try ReportPageQuery(query: query, now: now).run(db, blobs: blobs) }
    }

    /// Every report matching a filter in key order, streamed to `body` (export).
    package func forEachReport(matching filter: ReportFilter, now: Instant, _ body: (Report) throws -> Void) throws(DeskError) -> Int {
        let blobs = self.blobs
        return try read { db in
            let (terms, arguments) = filter.sqlTerms(now: now)
            let whereClause = terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND ")
            let reports = try ColumnsCursor(reports: db.makeStatement(sql: "SELECT \(ReportRecord.columns) FROM report \(whereClause) ORDER BY key"),
                                            arguments: arguments, blobs: blobs)
            let version = try VersionLog.latest(db)
            while let report = try reports.next() { try body(report) }
            return version
        }
    }
}

/// Builds and runs the SQL of one page: filters, optional FTS5 match, keyset paging.
struct ReportPageQuery {
    let query: ReportQuery
    let now: Instant
    /// The search text without surrounding white space; nil when listing.
    private let searchText: String?

    init(query: ReportQuery, now: Instant) {
        self.query = query
        self.now = now
        let trimmed = query.text?.trimmed
        searchText = trimmed?.isEmpty == false ? trimmed : nil
    }

    /// The ORDER BY expressions, the key last so the order is total.
    private var sortExpressions: [String] {
        switch query.sort {
        case .reportedAt?, .dueAt?: ["r.reported_at", "r.key"]
        case .status?: ["(CASE r.status WHEN 'pending' THEN 0 WHEN 'resolved' THEN 1 ELSE 2 END)", "r.reported_at", "r.key"]
        case .category?: ["r.category", "r.reported_at", "r.key"]
        case .issueType?: ["r.issue_type", "r.reported_at", "r.key"]
        case .appealOpenedAt?: ["coalesce(r.appeal_opened_at, \(Int64.max))", "r.key"]
        case nil:
            if isSearch { ["hits.rank", "hits.key"] }
            else if isAppealQueue { ["r.appeal_opened_at", "r.key"] }
            else { ["r.reported_at", "r.key"] }
        }
    }

    /// Sorts whose first value takes few values, read one value at a time so that each part comes
    /// in index order (`GroupedPage`) instead of sorting every match; values the filter excludes
    /// are left out.
    private func sortGroups(_ db: Database) throws -> [GroupedPage.Group]? {
        let filter = query.filter
        switch query.sort {
        case .status?:
            var statuses = filter.statuses.isEmpty ? ReportStatus.allCases : filter.statuses
            if filter.pastDue == true || filter.dueWithin != nil { statuses = statuses.filter { $0 == .pending } }
            let ranks: [(ReportStatus, Int64)] = [(.pending, 0), (.resolved, 1), (.dismissed, 2)]
            return ranks.filter { statuses.contains($0.0) }.map { status, rank in
                .init(condition: "r.status = '\(status.rawValue)'", leading: .value(rank.databaseValue))
            }
        case .category?:
            let categories = try String.fetchAll(db, sql: "SELECT DISTINCT category FROM report_tally ORDER BY category")
            return groups(column: "r.category", values: categories, only: filter.categories)
        case .issueType?:
            let issueTypes = try String.fetchAll(db, sql: "SELECT DISTINCT issue_type FROM report_tally ORDER BY issue_type")
            return groups(column: "r.issue_type", values: issueTypes, only: filter.issueTypes)
        case .appealOpenedAt?:
            let appealed = GroupedPage.Group(condition: "r.appeal_opened_at IS NOT NULL", leading: .column("r.appeal_opened_at"))
            let none = GroupedPage.Group(condition: "r.appeal_opened_at IS NULL", leading: .value(Int64.max.databaseValue))
            switch filter.appeal {
            case .open?, .decided?: return [appealed]
            case .none?: return [none]
            case .any?, nil: return [appealed, none]
            }
        default: return nil
        }
    }

    /// One group per value of a text column, in the store's order, limited to the filter's values.
    private func groups(column: String, values: [String], only: [String]) -> [GroupedPage.Group] {
        values.filter { only.isEmpty || only.contains($0) }.map { value in
            .init(condition: "\(column) = '\(value.replacingOccurrences(of: "'", with: "''"))'", leading: .value(value.databaseValue))
        }
    }

    /// Open appeals are a queue: without another order, the oldest appeal comes first.
    private var isAppealQueue: Bool { query.filter.appeal == .open }

    private var isSearch: Bool { searchText != nil }

    private var sortName: String {
        query.sort?.rawValue ?? (isSearch ? "relevance" : (isAppealQueue ? ReportSort.appealOpenedAt : .reportedAt).rawValue)
    }

    /// Runs in three steps: the page's keys and sort values in order (small records to sort, often
    /// read from a covering index), then those reports' rows by key, then the count of all matches
    /// (for search, without ranking or joining every match).
    func run(_ db: Database, blobs: BlobStore) throws -> ReportPage {
        var (terms, filterArguments) = query.filter.sqlTerms(now: now, table: "r", appealIndexed: isAppealQueue && query.sort == nil)
        let whereFilters = terms
        var prologue = ""
        var source = "report r"
        var prologueArguments = StatementArguments()
        var matching: (sql: String, arguments: StatementArguments)?
        if let text = searchText {
            // Reports whose Report ID, Open ID or order ID is the text come first; the text matches
            // leave those out, so the two parts never overlap and need no grouping by key.
            let idCondition = SearchMatch.idCondition
            let idMatches = "SELECT key \(idCondition)"
            var hits = ["SELECT key, -1.0e9 \(idCondition)"]
            var keys = [idMatches]
            var arguments: StatementArguments = [text, text, text]
            if let match = SearchText.matchExpression(for: text) {
                let textMatches = "FROM report_text WHERE report_text MATCH ? AND rowid NOT IN (\(idMatches))"
                hits.append("SELECT rowid, bm25(report_text) \(textMatches)")
                keys.append("SELECT rowid \(textMatches)")
                _ = arguments.append(contentsOf: [match, text, text, text])
            }
            prologue = "WITH hits(key, rank) AS (\(hits.joined(separator: " UNION ALL "))) "
            // Ranked by relevance alone, the page comes from the matches without touching a report row.
            source = whereFilters.isEmpty && query.sort == nil ? "hits" : "hits JOIN report r ON r.key = hits.key"
            prologueArguments = arguments
            matching = (keys.joined(separator: " UNION ALL "), arguments)
        }
        let expressions = sortExpressions
        if searchText == nil, let groups = try sortGroups(db) {
            let values = try query.cursor.map { try decodeCursor($0, count: expressions.count) }
            let rows = try GroupedPage(groups: groups, rest: Array(expressions.dropFirst()), descending: query.descending,
                                       limit: query.limit)
                .rows(db, terms: terms, arguments: filterArguments, cursor: values)
            return try page(db, rows: rows, expressions: expressions, blobs: blobs)
        }
        let comparison = query.descending ? "<" : ">"
        var cursorArguments = StatementArguments()
        if let cursor = query.cursor {
            let values = try decodeCursor(cursor, count: expressions.count)
            terms.append("(\(expressions.joined(separator: ", "))) \(comparison) (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
            cursorArguments = StatementArguments(values)
        }
        let direction = query.descending ? " DESC" : ""
        let whereClause = terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ")
        let sql = "\(prologue)SELECT \(expressions.joined(separator: ", ")) FROM \(source)\(whereClause) ORDER BY \(expressions.map { $0 + direction }.joined(separator: ", ")) LIMIT ?"
        var arguments = prologueArguments
        _ = arguments.append(contentsOf: filterArguments)
        _ = arguments.append(contentsOf: cursorArguments)
        _ = arguments.append(contentsOf: [query.limit + 1])
        return try page(db, rows: try Row.fetchAll(db, sql: sql, arguments: arguments), expressions: expressions, blobs: blobs,
                        matching: matching)
    }

    /// The page from up to `limit + 1` rows of sort values, and the count of all matches.
    private func page(_ db: Database, rows: [Row], expressions: [String], blobs: BlobStore,
                      matching: (sql: String, arguments: StatementArguments)? = nil) throws -> ReportPage {
        let (whereFilters, filterArguments) = query.filter.sqlTerms(now: now, table: "r")
        let page = rows.prefix(query.limit)
        // The key is the last sort expression of every order.
        let keys: [Int] = page.map { $0[expressions.count - 1] }
        let reports = try Self.reports(db, keys: keys, blobs: blobs)
        var nextCursor: String?
        if rows.count > query.limit, let last = page.last {
            nextCursor = encodeCursor((0..<expressions.count).map { last[$0] as DatabaseValue })
        }

        let total: Int
        if let matching {
            var countArguments = matching.arguments
            if whereFilters.isEmpty {
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(matching.sql))", arguments: countArguments) ?? 0
            } else {
                _ = countArguments.append(contentsOf: filterArguments)
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM report r WHERE r.key IN (\(matching.sql)) AND \(whereFilters.joined(separator: " AND "))",
                                         arguments: countArguments) ?? 0
            }
        } else {
            total = try FilterCount.count(db, query.filter, now: now)
        }
        return ReportPage(reports: reports, nextCursor: nextCursor, total: total, version: try VersionLog.latest(db))
    }

    /// The reports with these keys, in the order given.
    static func reports(_ db: Database, keys: [Int], blobs: BlobStore) throws -> [Report] {
        guard !keys.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        // A cursor reads each row in place instead of copying it first.
        let reports = try ColumnsCursor(reports: db.makeStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key IN (\(placeholders))"),
                                        arguments: StatementArguments(keys), blobs: blobs)
        var byKey: [Int: Report] = [:]
        byKey.reserveCapacity(keys.count)
        while let report = try reports.next() { byKey[report.key] = report }
        return keys.compactMap { byKey[$0] }
    }

    /// Cursors are opaque to clients: base64url of the sort name, direction and last row's keys.
    private func encodeCursor(_ values: [DatabaseValue]) -> String {
        let items: [JSONValue] = values.map { value in
            switch value.storage {
            case .int64(let int): .int64(int)
            case .double(let double): .double(double)
            case .string(let string): .string(string)
            default: .null
            }
        }
        let payload: JSONValue = .array([.string(sortName), .bool(query.descending), .array(items)])
        return Base64URL.encode(JSONWriter.bytes(payload))
    }

    private func decodeCursor(_ cursor: String, count: Int) throws -> [(any DatabaseValueConvertible)?] {
        let invalid = DeskError.invalidParams(field: "cursor", "cursor is not one this query produced; start again without a cursor")
        guard cursor.utf8.count < 2000, let bytes = Base64URL.decode(cursor),
              let payload = try? JSONParser.parse(bytes), let parts = payload.arrayValue, parts.count == 3,
              parts[0].stringValue == sortName, parts[1].boolValue == query.descending,
              let values = parts[2].arrayValue, values.count == count else { throw invalid }
        return try values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .string(let text): return text
            case .number(let number):
                if let int = Int(number.text) { return int }
                if let double = number.doubleValue { return double }
                throw invalid
            default: throw invalid
            }
        }
    }
}
