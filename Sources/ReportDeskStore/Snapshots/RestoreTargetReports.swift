import GRDB
import ReportDeskCore

/// The reports a restore aims at, looked up a batch of keys at a time.
protocol RestoreTargetReports {
    /// The target's reports among `keys` (ascending); a key the target does not hold is absent.
    func reports(keys: [Int]) throws -> [Int: Report]
}

/// The reports of a snapshot file.
struct SnapshotReports: RestoreTargetReports {
    let db: Database
    let blobs: BlobStore

    func reports(keys: [Int]) throws -> [Int: Report] {
        let statement = try db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key = ?")
        var found: [Int: Report] = [:]
        for key in keys {
            if let report = try ColumnsCursor(reports: statement, arguments: [key], blobs: blobs).single() { found[key] = report }
        }
        return found
    }
}

/// The reports as they were right after a version, from the version log.
struct VersionLogReports: RestoreTargetReports {
    let db: Database
    let version: Int

    func reports(keys: [Int]) throws -> [Int: Report] {
        var found: [Int: Report] = [:]
        for key in keys {
            if let state = try VersionLog.state(db, key: key, atOrBefore: version), let json = state.state,
               let report = Report(stateJSON: json, version: state.version) {
                found[key] = report
            }
        }
        return found
    }
}
