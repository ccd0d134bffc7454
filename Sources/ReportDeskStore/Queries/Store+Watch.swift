import GRDB
package import ReportDeskCore

/// A pending report and its due instant (R6), as `watch` announces it.
package struct DueReport: Sendable, Equatable {
    package let key: Int
    package let dueAt: Instant
}

/// The reads `watch` makes each time it looks: only what happened since the last look, never a
/// pass over every report.
extension Store {
    /// The versions after `version` (oldest first, at most `limit`), each with the reports it touched.
    package func versions(after version: Int, limit: Int = 100) throws(DeskError) -> [VersionEntry] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT number, at, actor, command, summary, reverts FROM version WHERE number > ? ORDER BY number LIMIT ?
                """, arguments: [version, limit])
            var entries = rows.map(VersionLog.makeEntry)
            for index in entries.indices {
                entries[index].keys = try Int.fetchAll(db, sql: "SELECT key FROM report_change WHERE version = ? ORDER BY key LIMIT 1000",
                                                       arguments: [entries[index].number])
            }
            return entries
        }
    }

    /// The reports whose appeal became open in the versions after `after` up to `through`, by
    /// version and key: read from the version log's before and after states (R12).
    package func appealsOpened(after: Int, through: Int) throws(DeskError) -> [(version: Int, key: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT version, key FROM report_change INDEXED BY report_change_by_version
                WHERE version > ? AND version <= ? AND json_extract(after, '$.appeal.status') = 'open'
                  AND coalesce(json_extract(before, '$.appeal.status'), '') <> 'open'
                ORDER BY version, key
                """, arguments: [after, through]).map { (version: $0[0], key: $0[1]) }
        }
    }

    /// Pending reports whose due instant is in `[from, to)`, soonest first: one range of the
    /// status index on the report time (due = report time + 72 h).
    package func pendingReports(dueFrom from: Instant, to: Instant) throws(DeskError) -> [DueReport] {
        guard from < to else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT key, due_at FROM report INDEXED BY report_by_status
                WHERE status = 'pending' AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, key
                """, arguments: [from.milliseconds - Report.processingWindow.milliseconds, to.milliseconds - Report.processingWindow.milliseconds])
                .map { DueReport(key: $0[0], dueAt: Instant(milliseconds: $0[1])) }
        }
    }

    /// Pending reports changed after `version` whose due instant is in `[from, to)`: the reports
    /// that arrived (or came back) since the last look, read through the index on their version.
    package func pendingReports(changedAfter version: Int, dueFrom from: Instant, to: Instant) throws(DeskError) -> [DueReport] {
        guard from < to else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT key, due_at FROM report INDEXED BY report_by_version
                WHERE version > ? AND status = 'pending' AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, key
                """, arguments: [version, from.milliseconds - Report.processingWindow.milliseconds,
                                 to.milliseconds - Report.processingWindow.milliseconds])
                .map { DueReport(key: $0[0], dueAt: Instant(milliseconds: $0[1])) }
        }
    }
}
