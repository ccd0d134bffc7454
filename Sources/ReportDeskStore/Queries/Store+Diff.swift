import GRDB
package import ReportDeskCore

/// One report's differences between two versions, field by field (R12: `diff`).
package struct ReportDifference: Sendable {
    package let key: Int
    /// `added`, `removed` or `changed`.
    package let kind: String
    package let fields: [(field: String, from: JSONValue, to: JSONValue)]
}

extension Store {
    /// What changed between versions `from` and `to` (inclusive of `to`), report by report.
    package func differences(from: Int, to: Int?) throws(DeskError) -> (from: Int, to: Int, reports: [ReportDifference]) {
        try read { db in
            let latest = try VersionLog.latest(db)
            let upper = to ?? latest
            for version in [from, upper] where version < 0 || version > latest {
                throw DeskError.notFound("no version \(version); the store is at version \(latest)",
                                         data: ["version": .int(version), "latest": .int(latest)])
            }
            let (low, high) = from <= upper ? (from, upper) : (upper, from)
            let keys = try Int.fetchAll(db, sql: "SELECT DISTINCT key FROM report_change WHERE version > ? AND version <= ? ORDER BY key",
                                        arguments: [low, high])
            var differences: [ReportDifference] = []
            for key in keys {
                // Not `?.state ?? nil`: JSONValue is ExpressibleByNilLiteral, so that `nil` would be
                // JSON null and a report that did not exist yet would read as "changed".
                let before = try VersionLog.state(db, key: key, atOrBefore: low).flatMap(\.state)
                let after = try VersionLog.state(db, key: key, atOrBefore: high).flatMap(\.state)
                let (old, new) = from <= upper ? (before, after) : (after, before)
                if let difference = Self.compare(key: key, old, new) { differences.append(difference) }
            }
            return (from, upper, differences)
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
