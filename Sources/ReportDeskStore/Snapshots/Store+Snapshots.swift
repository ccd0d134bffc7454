import Foundation
import GRDB
package import ReportDeskCore

extension Store {
    /// Saves a consistent, self-contained copy of the store as it is now (R12) with SQLite's backup,
    /// which copies pages as they are (no rebuilding of tables and indexes) inside one read
    /// transaction, so a writer in another process cannot tear it. The file is made owner-only
    /// before SQLite writes into it. Without a name the snapshot is called after its version;
    /// saving that version again returns it. `progress` hears pages copied of the total and may
    /// throw to stop (the partial file is removed).
    package func saveSnapshot(named requested: String?,
                              progress: (_ pages: Int, _ total: Int) throws -> Void = { _, _ in }) throws(DeskError) -> (info: SnapshotInfo, created: Bool) {
        if let requested { try SnapshotName.check(requested) }
        let folder = location.snapshotsDirectory
        do {
            try StoreFiles.createPrivateDirectory(folder)
        } catch {
            throw DeskError.storeUnavailable("cannot create the snapshots folder \(folder): \(error.localizedDescription)")
        }
        let temporary = "\(folder)/.saving-\(getpid())-\(UInt32.random(in: 0...UInt32.max))\(SnapshotName.fileExtension)"
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw DeskError.storeUnavailable("cannot create a snapshot file in \(folder): \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o600)
        close(fd)
        do {
            try copy(to: temporary, progress: progress)
        } catch let error as DeskError {
            Self.removeDatabaseFiles(temporary)
            throw error
        } catch {
            Self.removeDatabaseFiles(temporary)
            throw StoreErrors.translate(error, opening: nil)
        }
        let saved: SnapshotInfo
        do {
            saved = try Self.describeSnapshot(at: temporary, name: requested ?? "")
        } catch {
            unlink(temporary)
            throw error
        }
        let name = requested ?? SnapshotName.defaultName(version: saved.version)
        let path = folder + "/" + name + SnapshotName.fileExtension
        if FileManager.default.fileExists(atPath: path) {
            unlink(temporary)
            if requested == nil, let existing = try? Self.describeSnapshot(at: path, name: name), existing.version == saved.version {
                return (existing, false)
            }
            throw DeskError.invalidParams(field: "name", "a snapshot called \(quoted(name)) already exists; choose another name",
                                          extra: [("name", .string(name))])
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DeskError.storeUnavailable("cannot save the snapshot \(name): \(reason)")
        }
        return (try Self.describeSnapshot(at: path, name: name), true)
    }

    /// Copies every page into the file at `path` a step at a time, all steps inside one read
    /// transaction. The copy is journalled as a plain rollback-journal database, so it opens
    /// read-only without a WAL beside it.
    private func copy(to path: String, progress: (Int, Int) throws -> Void) throws {
        var configuration = Configuration()
        configuration.label = "ReportDesk snapshot copy"
        let destination = try DatabaseQueue(path: path, configuration: configuration)
        try destination.writeWithoutTransaction { target in
            // A half-written copy is thrown away, so it needs neither a journal nor syncs.
            try target.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            try withoutActuallyEscaping(progress) { progress in
                try database.inDatabase { source in
                    try source.inTransaction(.deferred) {
                        try source.backup(to: target, pagesPerStep: 4096) { step in
                            try progress(step.completedPageCount, step.totalPageCount)
                        }
                        return .commit
                    }
                }
            }
            try target.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try destination.close()
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// The snapshots in the store's folder, oldest version first.
    package func snapshots() throws(DeskError) -> [SnapshotInfo] {
        let folder = location.snapshotsDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(SnapshotName.fileExtension) && !$0.hasPrefix(".") }
            .compactMap { file in try? Self.describeSnapshot(at: folder + "/" + file, name: String(file.dropLast(SnapshotName.fileExtension.count))) }
            .sorted { ($0.version, $0.name) < ($1.version, $1.name) }
    }

    /// One snapshot by name, or -32001 listing the ones there are.
    package func snapshot(named name: String) throws(DeskError) -> SnapshotInfo {
        try SnapshotName.check(name)
        let path = location.snapshotsDirectory + "/" + name + SnapshotName.fileExtension
        guard FileManager.default.fileExists(atPath: path) else {
            let known = (try? snapshots().map(\.name)) ?? []
            throw DeskError.notFound("no snapshot called \(quoted(name)); snapshot list shows \(known.isEmpty ? "none yet" : known.joined(separator: ", "))",
                                     data: ["name": .string(name), "snapshots": .array(known.map(JSONValue.string))])
        }
        return try Self.describeSnapshot(at: path, name: name)
    }

    /// Opens a snapshot file read-only.
    static func openSnapshot(at path: String) throws(DeskError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "ReportDesk snapshot"
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw DeskError.storeUnavailable("cannot open the snapshot \(path)")
        }
    }

    static func describeSnapshot(at path: String, name: String) throws(DeskError) -> SnapshotInfo {
        let queue = try openSnapshot(at: path)
        do {
            let row = try queue.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT (SELECT max(number) FROM version), (SELECT at FROM version ORDER BY number DESC LIMIT 1),
                           (SELECT count(*) FROM report)
                    """)
            }
            var info = stat()
            let bytes = stat(path, &info) == 0 ? Int(info.st_size) : 0
            let at: Int64? = row?[1]
            return SnapshotInfo(name: name, path: path, version: row?[0] ?? 0, at: at.map(Instant.init(milliseconds:)),
                                reports: row?[2] ?? 0, bytes: bytes)
        } catch {
            throw DeskError.storeUnavailable("\(path) is not a ReportDesk snapshot")
        }
    }
}
