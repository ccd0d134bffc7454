import GRDB
import ReportDeskCore

/// The reports a restore aims at, in key order, a batch at a time. `lastKey` is the last key the
/// batch looked at (which may hold no report), `nil` when there are no more.
protocol RestoreReportBatches {
    func batch(after key: Int, limit: Int) throws -> (reports: [Report], lastKey: Int?)
}

/// The reports of a snapshot file.
struct SnapshotReports: RestoreReportBatches {
    let db: Database
    let blobs: BlobStore

    func batch(after key: Int, limit: Int) throws -> (reports: [Report], lastKey: Int?) {
        let reports = try Row.fetchAll(db, sql: "SELECT \(ReportRecord.columns) FROM report WHERE key > ? ORDER BY key LIMIT ?",
                                       arguments: [key, limit]).map { ReportRecord.report(from: $0, blobs: blobs) }
        return (reports, reports.last?.key)
    }
}

/// The reports as they were right after a version, from the version log.
struct VersionLogReports: RestoreReportBatches {
    let db: Database
    let version: Int

    func batch(after key: Int, limit: Int) throws -> (reports: [Report], lastKey: Int?) {
        // SQLite takes the bare columns from the row holding max(version) within each key.
        let rows = try Row.fetchAll(db, sql: """
            SELECT key, after, max(version) FROM report_change WHERE version <= ? AND key > ? GROUP BY key ORDER BY key LIMIT ?
            """, arguments: [version, key, limit])
        let reports = try rows.compactMap { row -> Report? in
            guard let text = row[1] as String? else { return nil }
            return Report(stateJSON: try JSONParser.parse(text), version: row[2])
        }
        return (reports, rows.last.map { $0[0] })
    }
}
