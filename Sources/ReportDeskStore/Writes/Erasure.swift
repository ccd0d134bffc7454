import Crypto
import Foundation
import GRDB
import ReportDeskCore

/// What `erase` removed (a user asked to be forgotten).
package struct ErasureOutcome: Sendable {
    package var reports: [Int] = []
    package var versions = 0
    package var blobs: [String] = []
}

/// The text erased values become, in the current state and in every version.
package let erasedTombstone = "[erased]"

extension StoreTransaction {
    /// Replaces a user's personal data (Open ID, details, order ID, screenshot, appeal message) with
    /// the tombstone in the reports and in every version that ever held it, records which reports
    /// were erased (so undo cannot bring the data back), and refreshes their search text.
    /// Screenshot files are returned for removal after the commit.
    package func erase(openId: String) throws -> ErasureOutcome {
        var outcome = ErasureOutcome()
        let keys = try Int.fetchAll(db, sql: """
            SELECT key FROM report WHERE open_id = ?1
            UNION SELECT key FROM report_change WHERE json_extract(before, '$.openId') = ?1 OR json_extract(after, '$.openId') = ?1
            ORDER BY 1
            """, arguments: [openId])
        guard !keys.isEmpty else { return outcome }
        var shots = Set<String>()
        for key in keys {
            guard let current = try report(key: key) else { continue }
            if let sha = current.screenshot?.sha256 { shots.insert(sha) }
            _ = try save(Self.scrubbed(current), replacing: current)
        }
        for key in keys {
            try db.execute(sql: "INSERT OR IGNORE INTO erasure(version, key) VALUES (?, ?)", arguments: [version, key])
            let rows = try Row.fetchAll(db, sql: "SELECT version, before, after FROM report_change WHERE key = ?", arguments: [key])
            for row in rows {
                let changeVersion: Int = row[0]
                let before = try (row[1] as String?).map { try Self.scrubbedState($0, shots: &shots) }
                let after = try (row[2] as String?).map { try Self.scrubbedState($0, shots: &shots) }
                try db.execute(sql: "UPDATE report_change SET before = ?, after = ? WHERE key = ? AND version = ?",
                               arguments: [before, after, key, changeVersion])
            }
            outcome.versions += rows.count
        }
        scrubbedLog = true
        outcome.reports = keys
        for sha in shots {
            let stillUsed = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM report WHERE shot_sha256 = ?)", arguments: [sha]) ?? true
            if !stillUsed { outcome.blobs.append(sha) }
        }
        // Merge the index so no erased term survives in older segments; freed pages are zeroed
        // because the store runs with secure_delete.
        try db.execute(sql: "INSERT INTO report_text(report_text) VALUES ('optimize')")
        summary = "erase one user's personal data from \(keys.count) report\(keys.count == 1 ? "" : "s") in \(outcome.versions) version entries"
        return outcome
    }

    static func scrubbed(_ report: Report) -> Report {
        var erased = report
        if erased.openId != nil { erased.openId = erasedTombstone }
        if erased.details != nil { erased.details = erasedTombstone }
        if erased.orderId != nil { erased.orderId = erasedTombstone }
        if erased.screenshot != nil { erased.screenshot = Screenshot(url: erasedTombstone) }
        if var appeal = erased.appeal {
            appeal.message = erasedTombstone
            erased.appeal = appeal
        }
        return erased
    }

    /// A version-log state with the personal fields replaced; screenshot hashes it held are collected.
    static func scrubbedState(_ text: String, shots: inout Set<String>) throws -> String {
        let state = try JSONParser.parse(text)
        guard let report = Report(stateJSON: state, version: 0) else { return text }
        if let sha = report.screenshot?.sha256 { shots.insert(sha) }
        return JSONWriter.string(scrubbed(report).stateJSON)
    }
}

extension Store {
    /// Removes screenshot files no report refers to any more (after an erasure has committed).
    package func removeBlobs(_ hashes: [String]) -> Int {
        var removed = 0
        let folder = location.blobsDirectory
        for sha in hashes {
            let directory = "\(folder)/\(sha.prefix(2))"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where name.hasPrefix(sha) {
                if unlink("\(directory)/\(name)") == 0 { removed += 1 }
            }
        }
        return removed
    }
}
