import GRDB
package import ReportDeskCore

/// One entry of the append-only version log (R12).
package struct VersionEntry: Sendable, Equatable {
    package let number: Int
    package let at: Instant
    package let actor: String
    package let command: String
    package let summary: String
    /// The version this one undid, if it is an undo.
    package let reverts: Int?
    /// The reports it touched.
    package var keys: [Int]

    package var json: JSONValue {
        .object(JSONObject([
            ("version", .int(number)), ("at", .string(RFC3339.format(at))), ("actor", .string(actor)),
            ("command", .string(command)), ("summary", .string(summary)), ("reverts", .optional(reverts)),
            ("keys", .array(keys.map(JSONValue.int))),
        ]))
    }
}

/// Reads of the version log.
enum VersionLog {
    static func latest(_ db: Database) throws -> Int {
        // Every write and most reads ask; compiling it each time cost more than running it.
        try Int.fetchOne(db.cachedStatement(sql: "SELECT max(number) FROM version")) ?? 0
    }

    static func entry(_ db: Database, number: Int, keyLimit: Int = 50) throws -> VersionEntry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT number, at, actor, command, summary, reverts FROM version WHERE number = ?",
                                         arguments: [number]) else { return nil }
        var entry = makeEntry(row)
        entry.keys = try Int.fetchAll(db, sql: "SELECT key FROM report_change WHERE version = ? ORDER BY key LIMIT ?",
                                      arguments: [number, keyLimit])
        return entry
    }

    static func makeEntry(_ row: Row) -> VersionEntry {
        VersionEntry(number: row[0], at: Instant(milliseconds: row[1]), actor: row[2], command: row[3],
                     summary: row[4], reverts: row[5], keys: [])
    }

    /// The `after` of an entry whose after-state is the report row itself (an import's insert): the
    /// state holds until the report's next change, whose entry carries it as its before-state, or
    /// it is the row as stored now. Entries never store an import's row a second time.
    static let rowMarker = "{}"

    /// The stored state of a report right after `version` (or its latest state at or before it).
    static func state(_ db: Database, key: Int, atOrBefore version: Int) throws -> (state: JSONValue?, version: Int)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT after, version FROM report_change WHERE key = ? AND version <= ? ORDER BY version DESC LIMIT 1
            """), arguments: [key, version]) else { return nil }
        let text: String? = row[0]
        let entryVersion: Int = row[1]
        guard let text else { return (nil, entryVersion) }
        if text == rowMarker { return (try rowState(db, key: key, after: entryVersion), entryVersion) }
        return (try JSONParser.parse(text), entryVersion)
    }

    /// The state an entry marked `rowMarker` at `version` stands for.
    static func rowState(_ db: Database, key: Int, after version: Int) throws -> JSONValue? {
        if let next = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT before FROM report_change WHERE key = ? AND version > ? ORDER BY version LIMIT 1
            """), arguments: [key, version]) {
            return try (next[0] as String?).map { try JSONParser.parse($0) }
        }
        return try ReportLookup.report(db, key: key, blobs: BlobStore(directory: "")).map(\.stateJSON)
    }
}
