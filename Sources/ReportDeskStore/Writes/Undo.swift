import GRDB
package import ReportDeskCore

extension StoreTransaction {
    /// Reverts version `target` by writing its before-states back as part of this new version (R12):
    /// the reports as they are now, and those it took out of the store (the version added them).
    /// Refused when a later version changed the same report or setting, or when erased data would
    /// come back (`erase` is final).
    /// The version's changes are read a batch of keys at a time, so undoing an import of any size
    /// holds one batch in memory; the reports it added go a batch at a time (`removeAll`).
    /// `progress` hears each pass's steps (reports done of the total, then any rebuilds) and may
    /// throw to stop.
    package func revert(_ target: Int, progress: (RevertPass, _ done: Int, _ total: Int) throws -> Void = { _, _, _ in }) throws -> (restored: [Report], removed: [Report], removedCount: Int) {
        let latest = version - 1
        guard target >= 1, target <= latest,
              let entry = try VersionLog.entry(db, number: target, keyLimit: 0) else {
            throw DeskError.notFound("no version \(target) to undo; the store is at version \(latest)",
                                     data: ["version": .int(target), "latest": .int(latest)])
        }
        if try entry.command == "erase" || (Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM erasure e JOIN report_change c ON c.key = e.key WHERE c.version = ? AND e.version >= ?)",
                                                         arguments: [target, target]) ?? false) {
            throw DeskError.rule("erasure", "version \(target) touched personal data that was erased since; undo cannot bring it back",
                                 extra: [("version", .int(target))])
        }
        let later = try Row.fetchAll(db, sql: """
            SELECT c.key, min(l.version) FROM report_change c JOIN report_change l ON l.key = c.key AND l.version > c.version
            WHERE c.version = ? GROUP BY c.key ORDER BY c.key LIMIT 20
            """, arguments: [target])
        if let first = later.first {
            let key: Int = first[0]
            let laterVersion: Int = first[1]
            throw DeskError.conflict(
                "cannot undo version \(target): report #\(key) changed again at version \(laterVersion); undo the later versions first",
                currentVersion: latest,
                extra: [("key", .int(key)), ("laterVersion", .int(laterVersion)),
                        ("keys", .array(later.map { .int($0[0]) }))])
        }
        let laterSetting = try String.fetchOne(db, sql: """
            SELECT c.name FROM setting_change c JOIN setting_change l ON l.name = c.name AND l.version > c.version
            WHERE c.version = ? LIMIT 1
            """, arguments: [target])
        if let laterSetting {
            throw DeskError.conflict("cannot undo version \(target): setting \(laterSetting) changed again later; undo the later versions first",
                                     currentVersion: latest, extra: [("setting", .string(laterSetting))])
        }

        reverts = target
        summary = "undo version \(target) (\(entry.command))"
        var restored: [Report] = []
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM report_change WHERE version = ?", arguments: [target]) ?? 0
        // Reports the version added leave the store; when they are most of it (an import undone),
        // the indexes and the search index are built again afterwards instead of row by row.
        let adding = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM report_change c JOIN report r ON r.key = c.key WHERE c.version = ? AND c.before IS NULL
            """, arguments: [target]) ?? 0
        let held = try Int.fetchOne(db, sql: "SELECT coalesce(sum(reports), 0) FROM report_tally") ?? 0
        let bulk = adding >= bulkRows && adding * 2 >= held
        let setAside = bulk ? try SetAsideIndexes(db) : nil
        var done = 0
        var removed: [Report] = []
        var removedCount = 0
        var after = Int.min
        while true {
            let changes = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT key, before FROM report_change WHERE version = ? AND key > ? ORDER BY key LIMIT 500
                """), arguments: [target, after])
            guard let last = changes.last else { break }
            after = last[0]
            var added: [Int] = []
            for change in changes {
                let key: Int = change[0]
                let beforeText: String? = change[1]
                guard let before = try beforeText.flatMap({ Report(stateJSON: try JSONParser.parse($0), version: 0) }) else {
                    added.append(key)
                    continue
                }
                if let current = try report(key: key) {
                    restored.append(try save(before, replacing: current))
                } else {
                    restored.append(try reinstate(before))
                }
            }
            for report in try removeAll(keys: added, bulk: bulk) {
                // Named in the result; an undone import can remove a million, so only the first are kept.
                if removed.count < Self.removedListed { removed.append(report) }
                removedCount += 1
            }
            done += changes.count
            try progress(.reports, done, total)
        }
        if let setAside {
            try progress(.indexes, 0, setAside.count)
            try setAside.restore { built in try progress(.indexes, built, setAside.count) }
            try progress(.searchText, 0, 1)
            try SearchIndex.rebuild(db)
            try progress(.searchText, 1, 1)
        }
        let settingChanges = try Row.fetchAll(db, sql: "SELECT name, before FROM setting_change WHERE version = ?", arguments: [target])
        for change in settingChanges {
            let name: String = change[0]
            let beforeText: String? = change[1]
            try setSetting(name, to: try beforeText.map { try JSONParser.parse($0) })
        }
        return (restored, removed, removedCount)
    }

    /// How many removed reports an undo names in its result.
    package static let removedListed = 100
}

/// The passes an undo makes.
package enum RevertPass: Sendable {
    /// Reverting the version's report changes, a batch at a time.
    case reports
    /// Building the report table's indexes set aside while many reports left.
    case indexes
    /// Building the search index again from the reports left.
    case searchText
}
