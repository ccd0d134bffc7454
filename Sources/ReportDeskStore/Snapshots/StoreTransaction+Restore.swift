import GRDB
import ReportDeskCore

extension StoreTransaction {
    /// Makes every report and setting equal to `source` by ordinary changes in this one new
    /// version (R12): history is kept, so the restore itself can be undone or diffed. Reports
    /// whose personal data was erased stay erased, whatever the source still holds
    /// (`erase` is final). Reports are compared key by key in batches, so memory stays flat.
    package func restore(_ source: RestoreSource) throws -> RestoreOutcome {
        switch source {
        case .version(let target):
            let latest = version - 1
            guard target >= 0, target <= latest else {
                throw DeskError.notFound("no version \(target); the store is at version \(latest)",
                                         data: ["version": .int(target), "latest": .int(latest)])
            }
            let outcome = try restore(sourceVersion: target, targetReports: VersionLogReports(db: db, version: target),
                                      targetSettings: try versionSettings(at: target))
            summary = "restore version \(target): \(outcome.changed) changed, \(outcome.added) added, \(outcome.removed) removed"
            return outcome
        case .snapshot(let info):
            let queue = try Store.openSnapshot(at: info.path)
            let outcome = try queue.read { snapshot in
                let snapshotVersion = try checkBelongs(snapshot, name: info.name)
                let settings = try Row.fetchAll(snapshot, sql: "SELECT name, value FROM setting")
                    .map { row -> (String, JSONValue) in (row[0], try JSONParser.parse(row[1] as String)) }
                return try restore(sourceVersion: snapshotVersion, targetReports: SnapshotReports(db: snapshot, blobs: blobs),
                                   targetSettings: settings)
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

    private func restore(sourceVersion: Int, targetReports: some RestoreReportBatches, targetSettings: [(String, JSONValue)]) throws -> RestoreOutcome {
        var outcome = RestoreOutcome()
        outcome.sourceVersion = sourceVersion
        let erased = Set(try Int.fetchAll(db, sql: "SELECT DISTINCT key FROM erasure"))
        // First removals, so a Report ID that moved to a newer key is free before the old key returns.
        try merge(targetReports) { current, target in
            if let current, target == nil {
                try remove(current)
                outcome.removed += 1
            }
        }
        try merge(targetReports) { current, target in
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

    /// Walks the current reports and the target's together in key order, a batch at a time,
    /// calling `body` once per key with whichever side has it.
    private func merge(_ targets: some RestoreReportBatches, _ body: (Report?, Report?) throws -> Void) throws {
        let batch = 500
        var current: [Report] = [], target: [Report] = []
        var currentIndex = 0, targetIndex = 0
        var currentAfter = 0, targetAfter = 0
        var currentDone = false, targetDone = false
        while true {
            if currentIndex == current.count, !currentDone {
                current = try Row.fetchAll(db, sql: "SELECT \(ReportRecord.columns) FROM report WHERE key > ? ORDER BY key LIMIT ?",
                                           arguments: [currentAfter, batch]).map { ReportRecord.report(from: $0, blobs: blobs) }
                currentIndex = 0
                currentDone = current.count < batch
                if let last = current.last { currentAfter = last.key }
            }
            if targetIndex == target.count, !targetDone {
                let next = try targets.batch(after: targetAfter, limit: batch)
                target = next.reports
                targetIndex = 0
                targetDone = next.lastKey == nil
                if let last = next.lastKey { targetAfter = last }
                if target.isEmpty, !targetDone { continue }
            }
            let left = currentIndex < current.count ? current[currentIndex] : nil
            let right = targetIndex < target.count ? target[targetIndex] : nil
            switch (left, right) {
            case (nil, nil):
                return
            case (let left?, let right?) where left.key == right.key:
                try body(left, right)
                currentIndex += 1
                targetIndex += 1
            case (let left?, let right) where right == nil || left.key < right!.key:
                try body(left, nil)
                currentIndex += 1
            default:
                try body(nil, right)
                targetIndex += 1
            }
        }
    }
}
