import ReportDeskCore

/// Snapshot names: letters, digits, `.`, `_` and `-`, so a name is always one file in the
/// snapshots folder (no path can be smuggled in), and never all digits, which would read as a
/// version number in `snapshot restore`.
enum SnapshotName {
    static let fileExtension = ".sqlite"

    static func check(_ name: String) throws(DeskError) {
        let allowed = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty, name.utf8.count <= 100, allowed, !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw DeskError.invalidParams(field: "name",
                "a snapshot name is 1 to 100 letters, digits, '.', '_' or '-', not starting with '.' or '-'")
        }
        guard !name.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw DeskError.invalidParams(field: "name", "a snapshot name cannot be all digits (restore reads digits as a version number)")
        }
    }

    /// The name a snapshot of `version` gets when none is given.
    static func defaultName(version: Int) -> String { "v\(version)" }
}
