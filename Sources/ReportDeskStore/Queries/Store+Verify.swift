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
    package func verify() throws(DeskError) -> (version: Int, checks: [VerificationCheck]) {
        let blobs = self.blobs
        let searchIndex = searchIndexCheck()
        return try read { db in
            var checks: [VerificationCheck] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            checks.append(VerificationCheck(name: "integrity", passed: integrity == ["ok"],
                                            detail: integrity == ["ok"] ? "PRAGMA integrity_check: ok" : integrity.prefix(5).joined(separator: "; ")))
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            checks.append(VerificationCheck(name: "foreignKeys", passed: foreign.isEmpty,
                                            detail: foreign.isEmpty ? "every change refers to a version" : "\(foreign.count) rows refer to missing versions"))
            checks.append(searchIndex)
            checks.append(try Self.chainCheck(db))
            checks.append(try Self.replayCheck(db))
            checks.append(try Self.settingsCheck(db))
            checks.append(try Self.tallyCheck(db))
            checks.append(try Self.blobCheck(db, blobs: blobs))
            return (try VersionLog.latest(db), checks)
        }
    }

    /// FTS5's integrity check is spelled as an INSERT, so it runs as a (changeless) write under the
    /// write lock rather than in a read transaction.
    private func searchIndexCheck() -> VerificationCheck {
        do {
            try writeLock.withLock {
                try database.writeWithoutTransaction { db in
                    try db.execute(sql: "INSERT INTO report_text(report_text, rank) VALUES ('integrity-check', 0)")
                }
            }
            return VerificationCheck(name: "searchIndex", passed: true, detail: "FTS5 integrity-check: ok")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_CORRUPT_VTAB {
            return VerificationCheck(name: "searchIndex", passed: false, detail: "FTS5 integrity-check: the index does not match the text")
        } catch {
            return VerificationCheck(name: "searchIndex", passed: false, detail: "FTS5 integrity-check could not run: \(StoreErrors.translate(error, opening: nil).message)")
        }
    }

    /// Versions are numbered 1…n without gaps and each one changed something.
    private static func chainCheck(_ db: Database) throws -> VerificationCheck {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(min(number), 1), coalesce(max(number), 0) FROM version")!
        let count: Int = row[0], low: Int = row[1], high: Int = row[2]
        let empty = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM version v WHERE NOT EXISTS (SELECT 1 FROM report_change c WHERE c.version = v.number)
            AND NOT EXISTS (SELECT 1 FROM setting_change s WHERE s.version = v.number)
            """) ?? 0
        let passed = count == high && (count == 0 || low == 1) && empty == 0
        return VerificationCheck(name: "versionChain", passed: passed,
                                 detail: passed ? "versions 1…\(high), no gaps, each changed something"
                                     : "\(count) versions numbered \(low)…\(high); \(empty) changed nothing")
    }

    /// Every report equals the state its newest version-log entry recorded, and removed reports
    /// are gone.
    private static func replayCheck(_ db: Database) throws -> VerificationCheck {
        var mismatches: [Int] = []
        var checked = 0
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(ReportRecord.columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                   c.after, (SELECT max(version) FROM report_change m WHERE m.key = r.key)
            FROM report r LEFT JOIN report_change c ON c.key = r.key AND c.version = r.version ORDER BY r.key
            """)
        let blobs = BlobStore(directory: "")
        while let row = try cursor.next() {
            checked += 1
            let report = ReportRecord.report(from: row, blobs: blobs)
            let latest: Int? = row[22]
            guard let text: String = row[21], latest == report.version,
                  let logged = try? JSONParser.parse(text), logged == report.stateJSON else {
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

    /// The tally that `total`, `info` and `stats` read equals a recount of the reports.
    private static func tallyCheck(_ db: Database) throws -> VerificationCheck {
        let counted = try Row.fetchAll(db, sql: """
            SELECT category, issue_type, status, count(*) AS reports FROM report GROUP BY category, issue_type, status
            ORDER BY category, issue_type, status
            """)
        let tallied = try Row.fetchAll(db, sql: """
            SELECT category, issue_type, status, reports FROM report_tally WHERE reports <> 0
            ORDER BY category, issue_type, status
            """)
        let passed = counted == tallied
        return VerificationCheck(name: "tally", passed: passed,
                                 detail: passed ? "counts by category, issue type and status match the reports (\(counted.count) groups)"
                                     : "the stored counts differ from a recount of the reports in \(Set(counted).symmetricDifference(tallied).count) groups")
    }

    private static func blobCheck(_ db: Database, blobs: BlobStore) throws -> VerificationCheck {
        let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT shot_sha256, shot_type FROM report WHERE shot_sha256 IS NOT NULL")
        var problems: [String] = []
        for row in rows {
            let sha: String = row[0]
            let path = blobs.path(sha256: sha, mediaType: row[1])
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("missing \(sha.prefix(12))…")
                continue
            }
            let actual = Fingerprint.hex(SHA256.hash(data: data))
            if actual != sha { problems.append("altered \(sha.prefix(12))…") }
        }
        return VerificationCheck(name: "screenshots", passed: problems.isEmpty,
                                 detail: problems.isEmpty ? "\(Wording.count(rows.count, "screenshot file")) present with \(rows.count == 1 ? "its hash" : "their hashes")"
                                     : problems.prefix(10).joined(separator: ", "))
    }
}
