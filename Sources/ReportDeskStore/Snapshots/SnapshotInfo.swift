package import ReportDeskCore

/// One saved snapshot of a store (R12): a self-contained SQLite file in the store's snapshots folder.
package struct SnapshotInfo: Sendable, Equatable {
    package let name: String
    package let path: String
    /// The store version the snapshot holds.
    package let version: Int
    /// When that version was made.
    package let at: Instant?
    package let reports: Int
    package let bytes: Int

    package var json: JSONValue {
        .object(JSONObject([
            ("name", .string(name)), ("version", .int(version)), ("at", at.map { .string(RFC3339.format($0)) } ?? .null),
            ("reports", .int(reports)), ("bytes", .int(bytes)), ("path", .string(path)),
        ]))
    }
}
