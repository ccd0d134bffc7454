import GRDB
import ReportDeskCore

/// Keeps the FTS5 table `report_text` in step with reports' details and notes (R9). Reports with
/// neither have no row, which keeps the index small for community reports.
enum SearchIndex {
    static func insert(_ db: Database, _ report: Report) throws {
        let details = report.details ?? ""
        guard !details.isEmpty || !report.note.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT INTO report_text(rowid, details, note) VALUES (?, ?, ?)")
            .execute(arguments: [report.key, SearchText.indexForm(details), SearchText.indexForm(report.note)])
    }

    static func replace(_ db: Database, _ report: Report) throws {
        try remove(db, key: report.key)
        try insert(db, report)
    }

    static func remove(_ db: Database, key: Int) throws {
        try db.cachedStatement(sql: "DELETE FROM report_text WHERE rowid = ?").execute(arguments: [key])
    }
}
