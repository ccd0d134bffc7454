import GRDB
import ReportDeskCore

/// Keeps the FTS5 table `report_text` in step with reports' details, notes and appeals (R9,
/// R10). The index stores no copy of the text: it reads it from the view `report_search_text`
/// over `report` (an external-content table), which gives each report's text in its index form
/// and leaves out reports with none of it, so community reports without text have no entry.
///
/// FTS5 takes an entry out by reading the text it was made from, so a report's entry is removed
/// while the row still holds the indexed text, and added once the row holds the new text.
enum SearchIndex {
    /// `SearchText.indexForm` for SQL: the view computes a report's index form with it, so every
    /// connection that writes reports registers it.
    static let indexFormFunction = DatabaseFunction("reportdesk_index_form", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return "" }
        return SearchText.indexForm(text)
    }

    /// Indexes the report stored under `key`, as the row holds it now.
    static func insert(_ db: Database, key: Int) throws {
        try db.cachedStatement(sql: "INSERT INTO report_text(rowid, details, note) SELECT key, details, note FROM report_search_text WHERE key = ?")
            .execute(arguments: [key])
    }

    /// Indexes every report with a key above `key` (an import's rows) in one statement; `step`, an
    /// SQL expression over the row's `key` that is true, is evaluated for each row taken (progress).
    static func insert(_ db: Database, keysAbove key: Int, step: String = "1") throws {
        try db.execute(sql: "INSERT INTO report_text(rowid, details, note) SELECT key, details, note FROM report_search_text WHERE key > ? AND \(step)",
                       arguments: [key])
    }

    /// Takes the report stored under `key` out of the index; runs before its row changes or goes.
    /// A report without text has no entry, and then this changes nothing.
    static func remove(_ db: Database, key: Int) throws {
        try db.cachedStatement(sql: "DELETE FROM report_text WHERE rowid = ?").execute(arguments: [key])
    }

    /// Indexes every report again from the rows (after most of them left the store at once).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO report_text(report_text) VALUES ('rebuild')")
    }

    /// Writes one report's entry from text given here. Only the v4 migration uses it, on the schema
    /// of its day, where the index kept its own copy of the text.
    static func insert(_ db: Database, key: Int, details: String, operatorWords: String) throws {
        guard !details.isEmpty || !operatorWords.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT INTO report_text(rowid, details, note) VALUES (?, ?, ?)")
            .execute(arguments: [key, SearchText.indexForm(details), SearchText.indexForm(operatorWords)])
    }
}
