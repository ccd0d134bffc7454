import GRDB
import ReportDeskCore

/// Keeps the FTS5 table `report_text` in step with reports' details, notes and appeals (R9,
/// R10). Reports with none of them have no row, which keeps the index small for community reports.
enum SearchIndex {
    static func insert(_ db: Database, _ report: Report) throws {
        try insert(db, key: report.key, details: report.details ?? "", operatorWords: operatorWords(of: report))
    }

    static func insert(_ db: Database, key: Int, details: String, operatorWords: String) throws {
        guard !details.isEmpty || !operatorWords.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT INTO report_text(rowid, details, note) VALUES (?, ?, ?)")
            .execute(arguments: [key, SearchText.indexForm(details), SearchText.indexForm(operatorWords)])
    }

    /// The index's second column: the note, then the appeal's message and decision note, so an
    /// appeal's words are found like a note's.
    static func operatorWords(of report: Report) -> String {
        guard let appeal = report.appeal else { return report.note }
        return [report.note, appeal.message, appeal.note].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func replace(_ db: Database, _ report: Report) throws {
        try remove(db, key: report.key)
        try insert(db, report)
    }

    static func remove(_ db: Database, key: Int) throws {
        try db.cachedStatement(sql: "DELETE FROM report_text WHERE rowid = ?").execute(arguments: [key])
    }
}
