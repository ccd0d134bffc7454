import GRDB
import ReportDeskCore

extension StoreTransaction {
    /// Makes every report and setting equal to `source` by ordinary changes in this one new
    /// version (R12): history is kept, so the restore itself can be undone or diffed. Reports
    /// whose personal data was erased stay erased, whatever the source still holds (`erase` is
    /// final). Reports are compared key by key in batches, so memory stays flat.
    /// `progress` hears keys compared of the total (each key is visited twice: removals first) and
    /// may throw to stop.
    package func restore(_ source: RestoreSource, progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in }) throws -> RestoreOutcome {
        switch source {
        case .version(let target):
            let latest = version - 1
            guard target >= 0, target <= latest else {
                throw DeskError.notFound("no version \(target); the store is at version \(latest)",
                                         data: ["version": .int(target), "latest": .int(latest)])
            }
            let outcome = try restore(sourceVersion: target, targetReports: VersionLogReports(db: db, version: target),
                                      targetSettings: try versionSettings(at: target), progress: progress)
            summary = "restore version \(target): \(outcome.changed) changed, \(outcome.added) added, \(outcome.removed) removed"
            return outcome
        case .snapshot(let info):
            let queue = try Store.openSnapshot(at: info.path)
            let outcome = try queue.read { snapshot in
                let snapshotVersion = try checkBelongs(snapshot, name: info.name)
                let settings = try Row.fetchAll(snapshot, sql: "SELECT name, value FROM setting")
                    .map { row -> (String, JSONValue) in (row[0], try JSONParser.parse(row[1] as String)) }
                return try restore(sourceVersion: snapshotVersion, targetReports: SnapshotReports(db: snapshot, blobs: blobs),
                                   targetSettings: settings, progress: progress)
            }
            summary = "restore snapshot \(info.name) (version \(outcome.sourceVersion)): \(outcome.changed) changed, \(outcome.added) added, \(outcome.removed) removed"
            return outcome
        }
    }

    /// The snapshot's version log must be this store's, entry for entry, up to the snapshot's
    /// version: keys are only meaningful within one store's history (R4).
    private func checkBelongs(_ snapshot: Database, name: String) throws -> Int {
        let sql = "SELECT number, at, actor, command, summary FROM version WHERE number <= ? ORDER BY number"
        let theirs = try Row.fetchAll(snapshot, sql: sql, arguments: [Int.max])
        let number = theirs.last.map { $0[0] as Int } ?? 0
        let mine = try Row.fetchAll(db, sql: sql, arguments: [number])
        guard mine == theirs else {
            throw DeskError.rule("R12", "snapshot \(quoted(name)) was not saved from this store: its version log differs from this store's",
                                 extra: [("name", .string(name))])
        }
        return number
    }

    private func versionSettings(at target: Int) throws -> [(String, JSONValue)] {
        try Row.fetchAll(db, sql: "SELECT name, after, max(version) FROM setting_change WHERE version <= ? GROUP BY name ORDER BY name",
                         arguments: [target])
            .compactMap { row -> (String, JSONValue)? in
                guard let text = row[1] as String? else { return nil }
                return (row[0], try JSONParser.parse(text))
            }
    }

    private func restore(sourceVersion: Int, targetReports: some RestoreTargetReports, targetSettings: [(String, JSONValue)],
                         progress: (Int, Int) throws -> Void) throws -> RestoreOutcome {
        var outcome = RestoreOutcome()
        outcome.sourceVersion = sourceVersion
        let erased = Set(try Int.fetchAll(db, sql: "SELECT DISTINCT key FROM erasure"))
        // Only a report the log shows changing after the source's version can differ from it, so
        // the work is in proportion to what differs, not to the size of the store.
        try db.execute(sql: "DROP TABLE IF EXISTS temp.restore_key")
        try db.execute(sql: "CREATE TEMP TABLE restore_key (key INTEGER PRIMARY KEY)")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.restore_key") }
        try db.execute(sql: "INSERT INTO temp.restore_key SELECT DISTINCT key FROM report_change WHERE version > ?",
                       arguments: [sourceVersion])
        let total = 2 * (try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.restore_key") ?? 0)
        var done = 0
        func step(_ keys: Int) throws {
            done += keys
            try progress(done, total)
        }
        // First removals, so a Report ID that moved to a newer key is free before the old key returns.
        try pair(targetReports, step: step) { current, target in
            if let current, target == nil {
                try remove(current)
                outcome.removed += 1
            }
        }
        try pair(targetReports, step: step) { current, target in
            guard var target else { return }
            if erased.contains(target.key) { target = Self.scrubbed(target) }
            if let current {
                guard current.stateJSON != target.stateJSON else { return }
                _ = try save(target, replacing: current)
                outcome.changed += 1
            } else {
                _ = try reinstate(target)
                outcome.added += 1
            }
        }
        let wanted = Dictionary(targetSettings, uniquingKeysWith: { _, last in last })
        let present = try String.fetchAll(db, sql: "SELECT name FROM setting")
        for name in Set(present).union(wanted.keys).sorted() {
            let before = try setting(name)
            guard before != wanted[name] else { continue }
            try setSetting(name, to: wanted[name])
            outcome.settings += 1
        }
        return outcome
    }

    /// Calls `body` once per key that changed since the source's version, in key order, with the
    /// current report and the target's (either may be missing), a batch of keys at a time.
    private func pair(_ targets: some RestoreTargetReports, step: (Int) throws -> Void,
                      _ body: (Report?, Report?) throws -> Void) throws {
        let batch = 500
        var after = 0
        while true {
            let keys = try Int.fetchAll(db, sql: "SELECT key FROM temp.restore_key WHERE key > ? ORDER BY key LIMIT ?",
                                        arguments: [after, batch])
            guard let last = keys.last else { return }
            after = last
            let wanted = try targets.reports(keys: keys)
            for key in keys {
                let left = try report(key: key), right = wanted[key]
                if left != nil || right != nil { try body(left, right) }
            }
            try step(keys.count)
        }
    }
}
