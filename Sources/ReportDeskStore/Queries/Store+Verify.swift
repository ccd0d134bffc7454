import Crypto
import Foundation
import GRDB
package import ReportDeskCore

/// One check `verify` runs and what it found.
package struct VerificationCheck: Sendable {
    package let name: String
    package let passed: Bool
    package let detail: String
}

extension Store {
    /// Checks the whole store: SQLite integrity, the search index, the version chain, that replaying
    /// the log gives the current state, and that every referenced screenshot exists with its hash.
    /// `progress` hears entries done of the total (rows and index entries read, estimated inside a
    /// table's integrity check from SQLite's instructions) and may throw to stop.
    package func verify(progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in }) throws(DeskError) -> (version: Int, checks: [VerificationCheck]) {
        let blobs = self.blobs
        let newestSnapshot = (try? snapshots())?.last
        do {
            let plan = try inspect { db in try VerificationPlan(db) }
            let searchIndex = SearchIndexCheck.start(self)
            var done = 0
            func report(_ part: Int) throws {
                let documents = min(searchIndex.documentsDone, plan.reports)
                let searched = min(plan.searchIndexWeight, documents * VerificationPlan.entriesPerDocument)
                try progress(done + searched + part, plan.total)
            }
            func within(_ weight: Int, _ part: Int) throws { try report(min(max(part, 0), weight)) }
            func finish(_ weight: Int) throws {
                done += weight
                try report(0)
            }
            do {
                return try inspect { db in
                    var checks: [VerificationCheck] = []
                    func add(_ check: VerificationCheck, weight: Int) throws {
                        checks.append(check)
                        try finish(weight)
                    }
                    let survey = try DamageSurvey.take(db, tables: plan.tables.map(\.name)) { position, instructions in
                        if instructions == 0, position > 0 { try finish(plan.tables[position - 1].weight) }
                        try within(plan.tables[position].weight, instructions / VerificationPlan.instructionsPerEntry)
                    }
                    try add(VerificationCheck(name: "integrity", passed: survey.isClean,
                                              detail: survey.isClean ? "PRAGMA integrity_check of \(plan.tables.count) tables and their indexes: ok"
                                                  : survey.description + "; " + Self.advice(survey, snapshot: newestSnapshot)),
                            weight: plan.tables.last?.weight ?? 0)
                    try add(Self.guarded("foreignKeys") { db in
                        let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                        return VerificationCheck(name: "foreignKeys", passed: foreign.isEmpty,
                                                 detail: foreign.isEmpty ? "every change refers to a version" : "\(foreign.count) rows refer to missing versions")
                    }(db), weight: plan.reports)
                    // The search index's check ran meanwhile on its own connection; its weight is counted as it goes.
                    checks.append(searchIndex.wait()!)
                    try add(Self.guarded("versionChain", Self.chainCheck)(db), weight: 1)
                    try add(Self.guarded("replay", Self.replayCheck)(db), weight: plan.reports)
                    try add(Self.guarded("settings", Self.settingsCheck)(db), weight: 1)
                    try add(Self.guarded("tally", Self.tallyCheck)(db), weight: plan.reports)
                    try add(Self.guarded("screenshots") { db in try Self.blobCheck(db, blobs: blobs) }(db), weight: 1)
                    return ((try? VersionLog.latest(db)) ?? 0, checks)
                }
            } catch {
                searchIndex.stop()
                throw error
            }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }

    /// One read transaction that ends by rolling back: on a damaged database SQLite reports the
    /// damage again at COMMIT, even of a transaction that only read, and the checks that caught it
    /// have already said what it is.
    private func inspect<T>(_ body: (Database) throws -> T) throws -> T {
        try database.inDatabase { db in
            var result: T?
            try db.inTransaction(.deferred) {
                result = try body(db)
                return .rollback
            }
            return result!
        }
    }

    /// What to do about the damage: rebuild what is derived from the reports, or go back to the
    /// newest snapshot (README, "A damaged store").
    private static func advice(_ survey: DamageSurvey, snapshot: SnapshotInfo?) -> String {
        let restore = snapshot.map { snapshot in
            "restore the newest snapshot, \(snapshot.name) (version \(snapshot.version)): with no reportdesk running, move reports.sqlite, " +
                "reports.sqlite-wal and reports.sqlite-shm out of the store folder and copy snapshots/\(snapshot.name).sqlite to reports.sqlite " +
                "(later versions are lost)"
        } ?? "there is no snapshot to restore: keep a copy of the store folder and recover what can be read with sqlite3's .recover"
        if survey.isRebuildable {
            return "the reports themselves are readable: verify --repair-index rebuilds the damaged index from them in place; or " + restore
        }
        return "to repair, " + restore
    }

    /// Runs one check; a check that cannot read what it checks fails, naming why, instead of
    /// failing all of `verify`.
    private static func guarded(_ name: String, _ check: @escaping (Database) throws -> VerificationCheck) -> (Database) -> VerificationCheck {
        { db in
            do {
                return try check(db)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                return VerificationCheck(name: name, passed: false, detail: "could not be checked: it reads the damaged part (see integrity)")
            } catch {
                return VerificationCheck(name: name, passed: false,
                                         detail: "could not be checked: \(StoreErrors.translate(error, opening: nil).message)")
            }
        }
    }

    /// Versions are numbered 1…n without gaps and each one changed something (an erasure of reports
    /// that were all removed changed only the log).
    private static func chainCheck(_ db: Database) throws -> VerificationCheck {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(min(number), 1), coalesce(max(number), 0) FROM version")!
        let count: Int = row[0], low: Int = row[1], high: Int = row[2]
        let empty = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM version v WHERE NOT EXISTS (SELECT 1 FROM report_change c WHERE c.version = v.number)
            AND NOT EXISTS (SELECT 1 FROM setting_change s WHERE s.version = v.number)
            AND NOT EXISTS (SELECT 1 FROM erasure e WHERE e.version = v.number)
            """) ?? 0
        let passed = count == high && (count == 0 || low == 1) && empty == 0
        return VerificationCheck(name: "versionChain", passed: passed,
                                 detail: passed ? "versions 1…\(high), no gaps, each changed something"
                                     : "\(count) versions numbered \(low)…\(high); \(empty) changed nothing")
    }

    /// Every report equals the state its newest version-log entry recorded (or is the row that
    /// entry names as its after-state), and removed reports are gone. Rows whose newest entry names
    /// the row itself hold by that alone, so only the others are read into reports and compared.
    private static func replayCheck(_ db: Database) throws -> VerificationCheck {
        var mismatches: [Int] = []
        let checked = try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0
        let latest = "(SELECT max(version) FROM report_change m WHERE m.key = r.key)"
        let blobs = BlobStore(directory: "")
        let logged = ReportRecord.columnNames.count
        let rows = try ColumnsCursor(db.makeStatement(sql: """
            SELECT \(ReportRecord.columnNames.map { "r." + $0 }.joined(separator: ", ")), c.after, \(latest)
            FROM report r LEFT JOIN report_change c ON c.key = r.key AND c.version = r.version
            WHERE NOT (coalesce(c.after = ?1, 0) AND coalesce(\(latest) = r.version, 0))
            ORDER BY r.key
            """), arguments: [VersionLog.rowMarker]) { columns in
            (report: ReportRecord.report(from: columns, blobs: blobs), after: columns.text(logged),
             latest: columns.integer(logged + 1).map(Int.init))
        }
        while let (report, after, latest) = try rows.next() {
            // An entry marked as the row itself (an import's insert) holds while the row is unchanged.
            guard let text = after, latest == report.version,
                  text == VersionLog.rowMarker || (try? JSONParser.parse(text)) == report.stateJSON else {
                if mismatches.count < 20 { mismatches.append(report.key) }
                continue
            }
        }
        let ghosts = try Int.fetchAll(db, sql: """
            SELECT c.key FROM report_change c
            WHERE c.version = (SELECT max(version) FROM report_change m WHERE m.key = c.key)
              AND c.after IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report r WHERE r.key = c.key) LIMIT 20
            """)
        let passed = mismatches.isEmpty && ghosts.isEmpty
        var detail = "replaying the log gives all \(checked) reports"
        if !mismatches.isEmpty { detail = "reports differing from their logged state: " + mismatches.map { "#\($0)" }.joined(separator: ", ") }
        if !ghosts.isEmpty { detail += "; logged but missing: " + ghosts.map { "#\($0)" }.joined(separator: ", ") }
        return VerificationCheck(name: "replay", passed: passed, detail: detail)
    }

    private static func settingsCheck(_ db: Database) throws -> VerificationCheck {
        let wrong = try String.fetchAll(db, sql: """
            SELECT c.name FROM setting_change c
            WHERE c.version = (SELECT max(version) FROM setting_change m WHERE m.name = c.name)
              AND c.after IS NOT (SELECT value FROM setting s WHERE s.name = c.name)
            """)
        return VerificationCheck(name: "settings", passed: wrong.isEmpty,
                                 detail: wrong.isEmpty ? "settings match their logged values" : "settings differing: " + wrong.joined(separator: ", "))
    }

    /// The tallies that `total`, `info`, `list` and `stats` read equal a recount of the reports. Each
    /// recount scans the table: no index holds category, issue type and status together, and reading each
    /// row through one costs more than reading the table once.
    private static func tallyCheck(_ db: Database) throws -> VerificationCheck {
        let counted = try Row.fetchAll(db, sql: """
            SELECT category, issue_type, status, count(*) AS reports FROM report NOT INDEXED GROUP BY category, issue_type, status
            ORDER BY category, issue_type, status
            """)
        let tallied = try Row.fetchAll(db, sql: """
            SELECT category, issue_type, status, reports FROM report_tally WHERE reports <> 0
            ORDER BY category, issue_type, status
            """)
        var differing: [String] = []
        if counted != tallied { differing.append("report_tally (\(Set(counted).symmetricDifference(tallied).count) groups)") }
        var groups = counted.count
        for tally in DayTally.all {
            // By values: the recount's columns are expressions, not the tally's names.
            let recounted = try Row.fetchAll(db, sql: tally.recountSQL).map { Array($0.databaseValues) }
            let stored = try Row.fetchAll(db, sql: tally.storedSQL).map { Array($0.databaseValues) }
            groups += recounted.count
            if recounted != stored { differing.append("\(tally.table) (\(Set(recounted).symmetricDifference(stored).count) groups)") }
        }
        return VerificationCheck(name: "tally", passed: differing.isEmpty,
                                 detail: differing.isEmpty ? "counts by category, issue type, status and day match the reports (\(groups) groups)"
                                     : "the stored counts differ from a recount of the reports in " + differing.joined(separator: ", "))
    }

    private static func blobCheck(_ db: Database, blobs: BlobStore) throws -> VerificationCheck {
        let rows = try Row.fetchAll(db, sql: """
            SELECT shot_sha256, shot_type, group_concat(key, ' ') FROM report WHERE shot_sha256 IS NOT NULL
            GROUP BY shot_sha256, shot_type ORDER BY min(key)
            """)
        var problems: [String] = []
        for row in rows {
            let sha: String = row[0]
            let keys = (row[2] as String).split(separator: " ").compactMap { Int($0) }
            let owners = "of " + DamageSurvey.ranges(keys)
            let path = blobs.path(sha256: sha, mediaType: row[1])
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("the screenshot \(owners) is missing (blobs/\(sha.prefix(12))…)")
                continue
            }
            let actual = Fingerprint.hex(SHA256.hash(data: data))
            if actual != sha { problems.append("the screenshot \(owners) was altered (blobs/\(sha.prefix(12))…)") }
        }
        return VerificationCheck(name: "screenshots", passed: problems.isEmpty,
                                 detail: problems.isEmpty ? "\(Wording.count(rows.count, "screenshot file")) present with \(rows.count == 1 ? "its hash" : "their hashes")"
                                     : problems.prefix(10).joined(separator: ", ") + "; the reports keep every other field, and a snapshot does not hold screenshots")
    }
}
