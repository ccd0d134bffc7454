import GRDB
package import ReportDeskCore

extension StoreTransaction {
    /// Reverts version `target` by writing its before-states back as part of this new version (R12):
    /// the reports as they are now, and those it took out of the store (the version added them).
    /// Refused when a later version changed the same report or setting, or when erased data would
    /// come back (`erase` is final).
    /// The version's changes are read a batch of keys at a time, so undoing an import of any size
    /// holds one batch in memory; `progress` hears reports done of the total and may throw to stop.
    package func revert(_ target: Int, progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in }) throws -> (restored: [Report], removed: [Report], removedCount: Int) {
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
            for change in changes {
                let key: Int = change[0]
                let beforeText: String? = change[1]
                let current = try report(key: key)
                let before = try beforeText.flatMap { Report(stateJSON: try JSONParser.parse($0), version: 0) }
                switch (current, before) {
                case (let current?, let before?):
                    restored.append(try save(before, replacing: current))
                case (let current?, nil):
                    try remove(current)
                    // Named in the result; an undone import can remove a million, so only the first are kept.
                    if removed.count < Self.removedListed { removed.append(current) }
                    removedCount += 1
                case (nil, let before?):
                    restored.append(try reinstate(before))
                case (nil, nil):
                    break
                }
            }
            done += changes.count
            try progress(done, total)
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
