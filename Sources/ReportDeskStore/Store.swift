import Foundation
import GRDB
package import ReportDeskCore
import Synchronization

/// The one boundary around a store's folder and its SQLite database (R12). Every mutating command
/// is one IMMEDIATE transaction that appends exactly one version; every read is one read
/// transaction. GRDB stays inside this module.
public final class Store: Sendable {
    package let location: StoreLocation
    private let connection: DatabaseQueue
    let writeLock: WriteLock
    package let options: StoreOptions
    /// Whether `read` and `lookup` run inside one snapshot that `beginSharedSnapshot` opened.
    private let snapshotShared = Mutex(false)

    private init(location: StoreLocation, database: DatabaseQueue, writeLock: WriteLock, options: StoreOptions) {
        self.location = location
        connection = database
        self.writeLock = writeLock
        self.options = options
    }

    /// Opens the store in `location`, creating the folder and database on first use.
    ///
    /// Only creating or migrating the database takes the write lock: a store that is already up to
    /// date opens without it, so readers never wait behind another process's long import.
    package static func open(_ location: StoreLocation, options: StoreOptions = StoreOptions()) throws(DeskError) -> Store {
        try StoreFiles.prepareDirectory(location)
        let writeLock = try WriteLock(path: location.lockPath, timeout: options.lockTimeout)
        do {
            let configuration = configuration(lockTimeout: options.lockTimeout)
            let database: DatabaseQueue
            if FileManager.default.fileExists(atPath: location.databasePath) {
                database = try DatabaseQueue(path: location.databasePath, configuration: configuration)
                if try !isUpToDate(database) {
                    try writeLock.withLock { try migrateIfNeeded(database) }
                }
            } else {
                database = try writeLock.withLock {
                    let queue = try DatabaseQueue(path: location.databasePath, configuration: configuration)
                    try migrateIfNeeded(queue)
                    return queue
                }
            }
            StoreFiles.restrictPermissions(location)
            return Store(location: location, database: database, writeLock: writeLock, options: options)
        } catch {
            throw StoreErrors.translate(error, opening: location)
        }
    }

    static func configuration(lockTimeout: Double) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "ReportDesk"
        // A shared snapshot (`beginSharedSnapshot`) stays open between accesses; every other
        // transaction here is opened and closed inside one access.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // Durability: FULL syncs the WAL on every commit, so an acknowledged write survives a
            // crash. Automatic checkpoints are off; `Store` takes them under the write lock.
            try db.execute(sql: """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA wal_autocheckpoint = 0;
                PRAGMA secure_delete = ON;
                PRAGMA journal_size_limit = 67108864;
                PRAGMA cache_size = -16000;
                """)
            db.add(function: SearchIndex.indexFormFunction)
        }
        return configuration
    }

    /// Whether the schema is this version's; a schema from a newer ReportDesk is refused.
    private static func isUpToDate(_ queue: DatabaseQueue) throws -> Bool {
        let stamp = try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if stamp == Migrations.schemaVersion { return true }
        let (superseded, complete) = try queue.inDatabase { db in
            (try stamp > Migrations.schemaVersion || Migrations.migrator.hasBeenSuperseded(db),
             try Migrations.migrator.hasCompletedMigrations(db))
        }
        if superseded {
            throw DeskError.storeUnavailable(
                "this store was written by a newer version of ReportDesk; upgrade ReportDesk to open it (nothing was changed)")
        }
        return complete
    }

    /// Brings the schema up to date; the caller holds the write lock.
    private static func migrateIfNeeded(_ queue: DatabaseQueue) throws {
        guard try !isUpToDate(queue) else { return }
        try Migrations.migrator.migrate(queue)
        // A migration may fill tables or rewrite a large part of the store; left in the WAL, it
        // would be read again by every process that opens the store until the next write.
        _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// The connection for everything but `read` and `lookup`: a shared snapshot ends first, so writes,
    /// checks and copies see the newest commit and open transactions of their own.
    var database: DatabaseQueue {
        endSharedSnapshot()
        return connection
    }

    /// Runs a read in one deferred transaction (one consistent snapshot), translating storage
    /// failures; inside a shared snapshot it reads in that one.
    ///
    /// Not `DatabaseQueue.read`: it sets `PRAGMA query_only` around each read, and SQLite expires
    /// every prepared statement when a flag pragma changes, so each cached statement would be compiled
    /// again on every use, and compiling would outweigh a short read such as `show`.
    func read<T>(_ body: (Database) throws -> T) throws(DeskError) -> T {
        do {
            return try connection.inDatabase { db in
                if db.isInsideTransaction { return try body(db) }
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }

    /// Runs a lookup made of statements that each stand alone (no snapshot shared between them,
    /// unless one was begun), without an explicit transaction: every statement is atomic by itself,
    /// and the transaction's bookkeeping would be a large part of a short lookup such as `show`.
    func lookup<T>(_ body: (Database) throws -> T) throws(DeskError) -> T {
        do {
            return try connection.inDatabase { db in try body(db) }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }

    /// Lets the reads that follow share one snapshot until `endSharedSnapshot` (or any other use of
    /// the store) ends it: a server answering a queue of reads takes and lets go of the WAL's read
    /// lock once for all of them instead of once each.
    package func beginSharedSnapshot() throws(DeskError) {
        try lookup { db in
            guard !db.isInsideTransaction else { return }
            try db.beginTransaction(.deferred)
            snapshotShared.withLock { $0 = true }
        }
    }

    /// Ends the shared snapshot, if one is open. It only read, so it rolls back: a commit would
    /// report damage the reads have already reported.
    package func endSharedSnapshot() {
        guard snapshotShared.withLock({ shared in defer { shared = false }; return shared }) else { return }
        try? connection.inDatabase { db in
            if db.isInsideTransaction { try db.rollback() }
        }
    }

    /// The newest version number; 0 for a store nobody has changed yet.
    package func currentVersion() throws(DeskError) -> Int {
        try lookup { db in try VersionLog.latest(db) }
    }
}
