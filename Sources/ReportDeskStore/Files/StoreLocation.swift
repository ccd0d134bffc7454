import Foundation

/// Where a store lives: one folder holding the database, its lock file, blobs, snapshots and
/// rejects files (`--store`, `$REPORTDESK_STORE`, then the per-user default); front ends may keep
/// their own files there too.
public struct StoreLocation: Sendable, Equatable {
    public let directory: String

    package init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    /// The folder named by `--store`, else `$REPORTDESK_STORE`, else `$XDG_DATA_HOME/reportdesk`,
    /// else `~/.local/share/reportdesk`.
    package static func resolve(explicit: String?, environment: [String: String]) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return StoreLocation(directory: absolute(explicit)) }
        if let fromEnvironment = environment["REPORTDESK_STORE"], !fromEnvironment.isEmpty {
            return StoreLocation(directory: absolute(fromEnvironment))
        }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return StoreLocation(directory: dataHome + "/reportdesk")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return StoreLocation(directory: home + "/.local/share/reportdesk")
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst() }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    package var databasePath: String { directory + "/reports.sqlite" }
    package var lockPath: String { directory + "/store.lock" }
    package var blobsDirectory: String { directory + "/blobs" }
    package var snapshotsDirectory: String { directory + "/" + Self.snapshotsFolder }
    package var rejectsDirectory: String { directory + "/" + Self.rejectsFolder }

    package static let snapshotsFolder = "snapshots"
    package static let rejectsFolder = "rejects"
}
