import GRDB
package import ReportDeskCore

/// One report's differences between two versions, field by field (R12: `diff`).
package struct ReportDifference: Sendable {
    package let key: Int
    /// `added`, `removed` or `changed`.
    package let kind: String
    package let fields: [(field: String, from: JSONValue, to: JSONValue)]
}

/// One page of a `diff`: the reports that differ, in key order, from a key on.
package struct DifferencePage: Sendable {
    package let from: Int
    package let to: Int
    package let reports: [ReportDifference]
    /// The key the next page starts after; `nil` on the last page.
    package let next: Int?
    /// How many report changes the versions between the two recorded (a report changed in two of
    /// them counts twice), so a page can say how much there is beyond it.
    package let recordedChanges: Int
}

extension Store {
    /// What changed between versions `from` and `to` (inclusive of `to`), report by report, a page
    /// of at most `limit` differing reports with keys above `after`. A range that recorded more than
    /// `keyOrderAbove` changes is walked along the log's primary key, a narrower one through the
    /// version index (both give the same pages).
    package func differences(from: Int, to: Int?, limit: Int = Int.max, after: Int = 0,
                             keyOrderAbove: Int = 10_000) throws(DeskError) -> DifferencePage {
        try read { db in
            let latest = try VersionLog.latest(db)
            let upper = to ?? latest
            for version in [from, upper] where version < 0 || version > latest {
                throw DeskError.notFound("no version \(version); the store is at version \(latest)",
                                         data: ["version": .int(version), "latest": .int(latest)])
            }
            let (low, high) = from <= upper ? (from, upper) : (upper, from)
            let recorded = try Int.fetchOne(db, sql: "SELECT count(*) FROM report_change WHERE version > ? AND version <= ?",
                                            arguments: [low, high]) ?? 0
            // A wide range is walked in key order along the log's primary key, page by page, so no
            // sort of every touched key is needed; a narrow one is read through the version index.
            let candidates = recorded > keyOrderAbove
                ? "SELECT DISTINCT key FROM report_change NOT INDEXED WHERE key > ? AND version > ? AND version <= ? ORDER BY key LIMIT ?"
                : "SELECT DISTINCT key FROM report_change INDEXED BY report_change_by_version WHERE key > ? AND version > ? AND version <= ? ORDER BY key LIMIT ?"
            var differences: [ReportDifference] = []
            var cursor = after
            var exhausted = false
            while differences.count < limit, !exhausted {
                let batch = min(500, max(limit - differences.count, 50))
                let keys = try Int.fetchAll(db.cachedStatement(sql: candidates), arguments: [cursor, low, high, batch])
                exhausted = keys.count < batch
                for key in keys {
                    cursor = key
                    // Not `?.state ?? nil`: JSONValue is ExpressibleByNilLiteral, so that `nil` would be
                    // JSON null and a report that did not exist yet would read as "changed".
                    let before = try VersionLog.state(db, key: key, atOrBefore: low).flatMap(\.state)
                    let after = try VersionLog.state(db, key: key, atOrBefore: high).flatMap(\.state)
                    let (old, new) = from <= upper ? (before, after) : (after, before)
                    if let difference = Self.compare(key: key, old, new) { differences.append(difference) }
                    if differences.count == limit {
                        exhausted = exhausted && key == keys.last
                        break
                    }
                }
            }
            return DifferencePage(from: from, to: upper, reports: differences, next: exhausted ? nil : cursor,
                                  recordedChanges: recorded)
        }
    }

    static func compare(key: Int, _ old: JSONValue?, _ new: JSONValue?) -> ReportDifference? {
        switch (old, new) {
        case (nil, nil): return nil
        case (nil, let new?): return ReportDifference(key: key, kind: "added", fields: fieldChanges(.object(JSONObject()), new))
        case (let old?, nil): return ReportDifference(key: key, kind: "removed", fields: fieldChanges(old, .object(JSONObject())))
        case (let old?, let new?):
            let fields = fieldChanges(old, new)
            return fields.isEmpty ? nil : ReportDifference(key: key, kind: "changed", fields: fields)
        }
    }

    /// Member-by-member changes, descending into nested objects (`appeal.status`).
    static func fieldChanges(_ old: JSONValue, _ new: JSONValue, prefix: String = "") -> [(field: String, from: JSONValue, to: JSONValue)] {
        let oldObject = old.objectValue ?? JSONObject()
        let newObject = new.objectValue ?? JSONObject()
        var names = oldObject.keys
        for name in newObject.keys where !names.contains(name) { names.append(name) }
        var changes: [(field: String, from: JSONValue, to: JSONValue)] = []
        for name in names where name != "key" {
            let before = oldObject[name] ?? .null
            let after = newObject[name] ?? .null
            guard before != after else { continue }
            if before.objectValue != nil, after.objectValue != nil {
                changes += fieldChanges(before, after, prefix: prefix + name + ".")
            } else {
                changes.append((prefix + name, before, after))
            }
        }
        return changes
    }
}
