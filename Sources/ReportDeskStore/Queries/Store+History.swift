import GRDB
package import ReportDeskCore

extension Store {
    /// Versions newest first, optionally only those that touched one report (R12: `history`).
    package func history(of reference: ReportReference?, limit: Int, before cursor: Int?) throws(DeskError) -> (entries: [VersionEntry], nextCursor: Int?) {
        let blobs = self.blobs
        return try read { db in
            var rows: [Row]
            let upper = cursor ?? Int.max
            if let reference {
                let key: Int
                if let report = try? ReportLookup.report(db, reference, blobs: blobs) {
                    key = report.key
                } else if let digits = reference.keyIfNoReportID,
                          try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM report_change WHERE key = ?)", arguments: [digits]) == true {
                    key = digits
                } else {
                    throw ReportLookup.notFound(reference)
                }
                rows = try Row.fetchAll(db, sql: """
                    SELECT v.number, v.at, v.actor, v.command, v.summary, v.reverts FROM report_change c
                    JOIN version v ON v.number = c.version WHERE c.key = ? AND c.version < ? ORDER BY c.version DESC LIMIT ?
                    """, arguments: [key, upper, limit + 1])
            } else {
                rows = try Row.fetchAll(db, sql: """
                    SELECT number, at, actor, command, summary, reverts FROM version WHERE number < ? ORDER BY number DESC LIMIT ?
                    """, arguments: [upper, limit + 1])
            }
            let more = rows.count > limit
            rows = Array(rows.prefix(limit))
            var entries = rows.map(VersionLog.makeEntry)
            for index in entries.indices {
                entries[index].keys = try Int.fetchAll(db, sql: "SELECT key FROM report_change WHERE version = ? ORDER BY key LIMIT 50",
                                                       arguments: [entries[index].number])
            }
            return (entries, more ? entries.last?.number : nil)
        }
    }

    /// The versions after `version` with the reports each touched (for change notifications).
    package func changes(after version: Int, limit: Int = 1000) throws(DeskError) -> (latest: Int, keys: [Int]) {
        try read { db in
            let latest = try VersionLog.latest(db)
            guard latest > version else { return (latest, []) }
            let keys = try Int.fetchAll(db, sql: "SELECT DISTINCT key FROM report_change WHERE version > ? ORDER BY key LIMIT ?",
                                        arguments: [version, limit])
            return (latest, keys)
        }
    }
}

extension Store {
    /// The reports touched by the given versions (for `store/changed`).
    package func keys(changedIn versions: [Int], limit: Int = 1000) throws(DeskError) -> [Int] {
        guard let low = versions.min(), let high = versions.max() else { return [] }
        let wanted = Set(versions)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT version, key FROM report_change WHERE version BETWEEN ? AND ? ORDER BY key",
                                        arguments: [low, high])
            var keys: [Int] = []
            var seen = Set<Int>()
            for row in rows where wanted.contains(row[0]) {
                let key: Int = row[1]
                if seen.insert(key).inserted { keys.append(key) }
                if keys.count >= limit { break }
            }
            return keys
        }
    }
}
