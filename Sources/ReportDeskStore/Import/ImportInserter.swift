import GRDB
import ReportDeskCore

/// Adds imported reports inside the import's one transaction, built for throughput:
/// rows go in 64 to a prepared multi-row INSERT, duplicates
/// are skipped by the UNIQUE constraints themselves (`ON CONFLICT DO NOTHING`) and counted from
/// the rows changed, and the search index and the version log get their rows in one set-based
/// pass each at the end, instead of two statements per row.
final class ImportInserter {
    /// Rows per INSERT statement: one statement per row costs more than the row itself.
    static let batchSize = 64
    private static let columnCount = ReportRecord.insertedColumnCount

    private let transaction: StoreTransaction
    private let insertBatch: Statement
    private var values: [(any DatabaseValueConvertible)?] = []
    private var queued = 0
    /// Rows added, and rows that were already there (R13: duplicates), once flushed.
    private(set) var inserted = 0
    private(set) var duplicates = 0

    init(_ transaction: StoreTransaction) throws {
        self.transaction = transaction
        insertBatch = try transaction.db.makeStatement(sql: Self.insertSQL(rows: Self.batchSize))
        values.reserveCapacity(Self.batchSize * Self.columnCount)
    }

    /// `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING` for `rows` reports.
    private static func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columnCount).joined(separator: ",") + ")"
        return "INSERT INTO report (\(ReportRecord.columns), fingerprint) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",") + " ON CONFLICT DO NOTHING"
    }

    /// Queues a validated submission as a new report of this version. A report whose identity is
    /// already there (R13: the platform Report ID, else the fingerprint) is skipped by the UNIQUE
    /// constraints and counted as a duplicate when the batch is written.
    func insert(_ submission: ReportSubmission, screenshot: Screenshot?, generatesReportID: Bool) throws {
        var report = Report(newFrom: submission, reportId: submission.reportId, screenshot: screenshot, version: transaction.version)
        let fingerprint = Fingerprint.assignIdentity(to: &report, generatesReportID: generatesReportID, deterministic: true)
        // A NULL key lets AUTOINCREMENT pick one never used before (R4).
        ReportRecord.append(report, key: nil, to: &values)
        values.append(fingerprint)
        queued += 1
        if queued == Self.batchSize { try flush() }
    }

    /// Writes the queued rows.
    func flush() throws {
        guard queued > 0 else { return }
        let db = transaction.db
        if queued == Self.batchSize {
            insertBatch.setUncheckedArguments(StatementArguments(values))
            try insertBatch.execute()
        } else {
            try db.execute(sql: Self.insertSQL(rows: queued), arguments: StatementArguments(values))
        }
        let added = db.changesCount
        inserted += added
        duplicates += queued - added
        transaction.bulkInsertions += added
        values.removeAll(keepingCapacity: true)
        queued = 0
    }

    /// Gives every report this import added its search text and its version-log entry, in one
    /// statement each. The entry's after-state is the row itself (`VersionLog.rowMarker`): the
    /// report's next change records it as its before-state, so the log never holds an imported
    /// row twice; `show --at`, `diff`, restore and `verify`'s replay read it through `VersionLog`.
    func finish() throws {
        try flush()
        guard inserted > 0 else { return }
        let db = transaction.db
        let version = transaction.version
        let indexForm = DatabaseFunction("reportdesk_index_form", argumentCount: 1, pure: true) { values in
            guard let text = String.fromDatabaseValue(values[0]) else { return "" }
            return SearchText.indexForm(text)
        }
        db.add(function: indexForm)
        defer { db.remove(function: indexForm) }
        try db.execute(sql: """
            INSERT INTO report_text(rowid, details, note)
            SELECT key, CASE WHEN details GLOB '*[^ -~]*' THEN reportdesk_index_form(details) ELSE coalesce(details, '') END,
                   CASE WHEN words GLOB '*[^ -~]*' THEN reportdesk_index_form(words) ELSE words END
            FROM (SELECT key, details, ltrim(note || coalesce(char(10) || nullif(appeal_message, ''), '')
                                             || coalesce(char(10) || nullif(appeal_note, ''), ''), char(10)) AS words
                  FROM report WHERE version = ?)
            WHERE details IS NOT NULL AND details <> '' OR words <> ''
            """, arguments: [version])
        try db.execute(sql: "INSERT INTO report_change(version, key, before, after) SELECT version, key, NULL, ? FROM report WHERE version = ?",
                       arguments: [VersionLog.rowMarker, version])
    }
}
