import GRDB
import ReportDeskCore

/// Adds imported reports inside the import's one transaction, built for throughput:
/// rows go in 64 to a prepared multi-row INSERT, duplicates
/// are skipped by the UNIQUE constraints themselves (`ON CONFLICT DO NOTHING`) and counted from
/// the rows changed, and the search index and the version log get their rows in set-based passes
/// at the end, instead of two statements per row. A big import sets the secondary indexes aside
/// (`SetAsideIndexes`) and builds them once at the end.
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
    /// The highest key given before this import, and the reports the store held.
    private let keysBefore: Int
    private let reportsBefore: Int
    private var setAside: SetAsideIndexes?

    init(_ transaction: StoreTransaction) throws {
        self.transaction = transaction
        keysBefore = try Self.lastKey(transaction.db)
        reportsBefore = try Int.fetchOne(transaction.db, sql: "SELECT coalesce(sum(reports), 0) FROM report_tally") ?? 0
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

    /// Writes the queued rows; once the import has added as many reports as the store held before
    /// it (and a good many), the report table's secondary indexes are set aside until `finish`.
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
        if setAside == nil, inserted >= max(reportsBefore, transaction.bulkRows) {
            setAside = try SetAsideIndexes(db)
        }
    }

    /// Builds the indexes set aside, then gives every report this import added its version-log
    /// entry and its search text, one set-based statement each; `progress` hears each pass's
    /// steps. The entry's after-state is the row itself (`VersionLog.rowMarker`): the report's
    /// next change records it as its before-state, so the log never holds an imported row twice;
    /// `show --at`, `diff`, restore and `verify`'s replay read it through `VersionLog`.
    func finish(progress: (ImportPass, _ done: Int, _ total: Int) throws -> Void) throws {
        try flush()
        guard inserted > 0 else { return }
        let db = transaction.db
        if let setAside {
            try progress(.indexes, 0, setAside.count)
            try setAside.restore { built in try progress(.indexes, built, setAside.count) }
        }
        try progress(.searchText, 0, inserted)
        try db.execute(sql: "INSERT INTO report_change(version, key, before, after) SELECT ?, key, NULL, ? FROM report WHERE key > ?",
                       arguments: [transaction.version, VersionLog.rowMarker, keysBefore])
        // Keys above the import's first one can have gaps (rows found to be duplicates used theirs),
        // so the share of keys passed stands for the share of reports indexed.
        let keys = Double(max(1, try Self.lastKey(db) - keysBefore))
        let total = inserted
        try StatementProgress.run(db, report: { key in
            try progress(.searchText, min(total, Int(Double(key - keysBefore) / keys * Double(total))), total)
        }) {
            try SearchIndex.insert(db, keysAbove: keysBefore, step: "reportdesk_step(key)")
        }
        try progress(.searchText, total, total)
    }

    /// The highest key ever given (AUTOINCREMENT keeps it in `sqlite_sequence`): an import's
    /// reports are the keys above the value before it.
    private static func lastKey(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'report'") ?? 0
    }
}

/// The passes an import makes after its last row.
package enum ImportPass: Sendable {
    /// Building the report table's indexes set aside for a big import.
    case indexes
    /// Indexing the added reports' text for search and recording them in the version log.
    case searchText
}
