import GRDB
package import ReportDeskCore

extension Store {
    /// The keys of every report a filter and optional search words select, in key order: the set
    /// a change by filter acts on (R9: resolve or dismiss many at once). Unpaged on purpose: the
    /// whole set is checked before anything changes.
    package func keys(matching filter: ReportFilter, words: String?, now: Instant) throws(DeskError) -> [Int] {
        try read { db in
            var (terms, arguments) = filter.sqlTerms(now: now)
            if let words = words?.trimmed, !words.isEmpty {
                let matches = SearchMatch(text: words)
                terms.append("report.key IN (\(matches.keysSQL))")
                _ = arguments.append(contentsOf: matches.arguments)
            }
            let whereClause = terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ")
            return try Int.fetchAll(db, sql: "SELECT report.key FROM report\(whereClause) ORDER BY report.key", arguments: arguments)
        }
    }

    /// A report and how many other reports share its Open ID and Order ID, so repeat reporters
    /// and duplicates stand out.
    package func reportWithRelated(_ reference: ReportReference) throws(DeskError) -> (report: Report, sameOpenId: Int, sameOrderId: Int) {
        let blobs = self.blobs
        return try lookup { db in try ReportLookup.reportWithRelated(db, reference, blobs: blobs) }
    }
}

/// The reports search words find: those whose Report ID, Open ID or Order ID is the text, and
/// those whose indexed words match it (details, notes, appeal messages).
struct SearchMatch {
    /// Reports whose Report ID, Open ID or Order ID is the text; bound to the text three times.
    static let idCondition = "FROM report WHERE report_id = ? OR open_id = ? OR order_id = ?"

    let keysSQL: String
    let arguments: StatementArguments

    init(text: String) {
        var sql = "SELECT key \(Self.idCondition)"
        var arguments: StatementArguments = [text, text, text]
        if let match = SearchText.matchExpression(for: text) {
            sql += " UNION SELECT rowid FROM report_text WHERE report_text MATCH ?"
            _ = arguments.append(contentsOf: [match])
        }
        keysSQL = sql
        self.arguments = arguments
    }
}

extension Store {
    /// The reports with these keys, in the order given; keys without a report are left out.
    package func reports(keys: [Int]) throws(DeskError) -> [Report] {
        let blobs = self.blobs
        return try read { db in
            var found: [Report] = []
            found.reserveCapacity(keys.count)
            // SQLite bounds the number of bound values in one statement.
            for start in stride(from: 0, to: keys.count, by: 10_000) {
                found += try ReportPageQuery.reports(db, keys: Array(keys[start..<min(keys.count, start + 10_000)]), blobs: blobs)
            }
            return found
        }
    }

    /// The keys of existing reports from `low` through `high`.
    package func keys(from low: Int, through high: Int) throws(DeskError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT key FROM report WHERE key BETWEEN ? AND ? ORDER BY key", arguments: [low, high])
        }
    }
}
