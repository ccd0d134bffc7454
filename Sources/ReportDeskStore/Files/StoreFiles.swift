import Foundation
import ReportDeskCore

/// File-system rules for a store folder: created owner-only (0700) and its files 0600 whatever the
/// umask, because it holds user ids, order ids and the developer's email.
enum StoreFiles {
    static func prepareDirectory(_ location: StoreLocation) throws(DeskError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: location.directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DeskError.storeUnavailable("the store path \(location.directory) is a file, not a folder")
            }
            let holdsStore = manager.fileExists(atPath: location.databasePath)
            // A folder about to become a store (empty) is made private too; an existing store's
            // folder needs no listing, which every one-shot command would otherwise pay for.
            if holdsStore || (try? manager.contentsOfDirectory(atPath: location.directory).isEmpty) == true {
                chmod(location.directory, 0o700)
            }
            guard access(location.directory, W_OK) == 0 || holdsStore else {
                throw DeskError.storeUnavailable("the store folder \(location.directory) is not writable")
            }
        } else {
            do {
                try createPrivateDirectory(location.directory)
            } catch {
                throw DeskError.storeUnavailable("cannot create the store folder \(location.directory): \(error.localizedDescription)")
            }
        }
    }

    /// Creates a folder (and missing parents) with mode 0700 regardless of the umask.
    static func createPrivateDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }

    static func restrictPermissions(_ location: StoreLocation) {
        for path in [location.databasePath, location.databasePath + "-wal", location.databasePath + "-shm", location.lockPath] {
            chmod(path, 0o600)
        }
    }
}
