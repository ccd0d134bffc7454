import Foundation
import GRDB
package import ReportDeskCore

/// The counts `info` and the REPL prompt show.
package struct StoreOverview: Sendable {
    package let version: Int
    package let reports: Int
    package let pending: Int
    package let pastDue: Int
    package let dueSoon: Int
    /// Appeals waiting for a decision (R10).
    package let appealsOpen: Int
}

/// `stats`: counts by status, category and issue type, the share processed within 72 h, and the
/// median time to process.
package struct StoreStatistics: Sendable {
    package let version: Int
    package let byStatus: [(String, Int)]
    package let byCategory: [(String, Int)]
    package let byIssueType: [(String, String, Int)]
    package let processed: Int
    package let processedInTime: Int
    package let medianMillisecondsToProcess: Int64?
}

extension Store {
    package func overview(now: Instant, dueSoonWindow: DeskDuration = .hours(24)) throws(DeskError) -> StoreOverview {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT coalesce(sum(reports), 0) FROM report_tally),
                       (SELECT coalesce(sum(reports), 0) FROM report_tally WHERE status = 'pending')
                """)!
            var pastDue = ReportFilter()
            pastDue.pastDue = true
            var dueSoon = ReportFilter()
            dueSoon.dueWithin = dueSoonWindow
            var appealsOpen = ReportFilter()
            appealsOpen.appeal = .open
            return StoreOverview(version: try VersionLog.latest(db), reports: row[0], pending: row[1],
                                 pastDue: try FilterCount.count(db, pastDue, now: now),
                                 dueSoon: try FilterCount.count(db, dueSoon, now: now),
                                 appealsOpen: try FilterCount.count(db, appealsOpen, now: now))
        }
    }

    package func statistics() throws(DeskError) -> StoreStatistics {
        try read { db in try Self.statistics(db) }
    }

    static func statistics(_ db: Database) throws -> StoreStatistics {
        let (byStatus, byCategory, byIssueType) = try breakdown(db)
        let timed = "FROM report WHERE status <> 'pending' AND processed_at IS NOT NULL"
        let processed = try Int.fetchOne(db, sql: "SELECT count(*) \(timed)") ?? 0
        let inTime = try Int.fetchOne(db, sql: "SELECT count(*) \(timed) AND processed_at <= due_at") ?? 0
        var median: Int64?
        if processed > 0 {
            let lower = try Int64.fetchOne(db, sql: "SELECT processed_at - reported_at \(timed) ORDER BY 1 LIMIT 1 OFFSET ?",
                                           arguments: [(processed - 1) / 2])
            let upper = try Int64.fetchOne(db, sql: "SELECT processed_at - reported_at \(timed) ORDER BY 1 LIMIT 1 OFFSET ?",
                                           arguments: [processed / 2])
            if let lower, let upper { median = (lower + upper) / 2 }
        }
        return StoreStatistics(version: try VersionLog.latest(db), byStatus: byStatus, byCategory: byCategory,
                               byIssueType: byIssueType, processed: processed, processedInTime: inTime,
                               medianMillisecondsToProcess: median)
    }

    /// Reports by status, by category and by category and issue type, from the kept tally.
    static func breakdown(_ db: Database) throws -> (byStatus: [(String, Int)], byCategory: [(String, Int)],
                                                     byIssueType: [(String, String, Int)]) {
        let byStatus = try Row.fetchAll(db, sql: "SELECT status, sum(reports) FROM report_tally GROUP BY status HAVING sum(reports) > 0 ORDER BY status")
            .map { ($0[0] as String, $0[1] as Int) }
        let byCategory = try Row.fetchAll(db, sql: "SELECT category, sum(reports) FROM report_tally GROUP BY category HAVING sum(reports) > 0 ORDER BY category")
            .map { ($0[0] as String, $0[1] as Int) }
        let byIssueType = try Row.fetchAll(db, sql: "SELECT category, issue_type, sum(reports) FROM report_tally GROUP BY category, issue_type HAVING sum(reports) > 0 ORDER BY category, issue_type")
            .map { ($0[0] as String, $0[1] as String, $0[2] as Int) }
        return (byStatus, byCategory, byIssueType)
    }

    package func taxonomy() throws(DeskError) -> Taxonomy {
        try read { db in try SettingsStore.taxonomy(db) }
    }

    package func setting(_ name: String) throws(DeskError) -> JSONValue? {
        try read { db in try SettingsStore.value(db, name: name) }
    }

    package func settings() throws(DeskError) -> [(String, JSONValue)] {
        try read { db in try SettingsStore.all(db) }
    }

    /// Report keys, then (for a prefix that is not empty) Report IDs, that start with `prefix`, for
    /// completion: pending first, newest first within each group, each with its hint's facts.
    package func completionCandidates(prefix: String, limit: Int) throws(DeskError) -> [ReportCompletion] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT value, status, due_at, category, issue_type, text FROM (
                    SELECT 0 AS byId, CAST(key AS TEXT) AS value, key, status, due_at, category, issue_type,
                           substr(coalesce(details, note), 1, ?3) AS text
                      FROM report WHERE CAST(key AS TEXT) LIKE ?1 ESCAPE '\\'
                    UNION ALL
                    SELECT 1, report_id, key, status, due_at, category, issue_type, substr(coalesce(details, note), 1, ?3)
                      FROM report WHERE ?4 AND report_id LIKE ?1 ESCAPE '\\'
                ) ORDER BY byId, status <> 'pending', key DESC LIMIT ?2
                """, arguments: [Self.likePrefix(prefix), limit, Self.completionTextLength, !prefix.isEmpty]).map { row in
                ReportCompletion(value: row[0], status: ReportStatus(rawValue: row[1]) ?? .pending,
                                 dueAt: Instant(milliseconds: row[2]), category: row[3], issueType: row[4], text: row[5] ?? "")
            }
        }
    }

    /// How much of a report's text a completion hint carries: more than a terminal line shows.
    private static let completionTextLength = 200

    private static func likePrefix(_ prefix: String) -> String {
        prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// The SQLite library and the settings this connection runs with (`info`).
    package func engineSettings() throws(DeskError) -> [(String, JSONValue)] {
        try read { db in
            [
                ("sqliteVersion", .string(try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?")),
                ("journalMode", .string(try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?")),
                ("synchronous", .string(["off", "normal", "full", "extra"][min(3, try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 0)])),
                ("walAutocheckpoint", .int(try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0)),
                ("secureDelete", .bool(try Bool.fetchOne(db, sql: "PRAGMA secure_delete") ?? false)),
                ("writeLock", .string("flock on \(location.lockPath), serialising writes and checkpoints across processes")),
                ("lockTimeoutSeconds", .double(options.lockTimeout)),
                ("checkpointAfterBytes", .int(options.checkpointBytes)),
            ]
        }
    }
}
