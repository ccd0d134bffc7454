import Foundation
import GRDB
package import ReportDeskCore

/// The result of a write: what the command produced and the version it made (R12).
package struct Written<Value> {
    package let value: Value
    /// The new version, or the unchanged current one when the write changed nothing.
    package let version: Int
    package let changed: Bool
    package let keys: [Int]
}

extension Store {
    var blobs: BlobStore { BlobStore(directory: location.blobsDirectory) }

    /// Runs `body` as one write: the cross-process write lock, then one IMMEDIATE transaction that
    /// appends exactly one version if anything changed and rolls back completely if `body` throws.
    package func write<Value>(command: String, actor: String, at: Instant,
                              _ body: (StoreTransaction) throws -> Value) throws(DeskError) -> Written<Value> {
        let created = CreatedBlobs()
        do {
            return try writeLock.withLock {
                let written: Written<Value>
                do {
                    written = try commit(command: command, actor: actor, at: at, blobs: created, body)
                } catch {
                    // Under the lock still: once it is free another write may take up the same file.
                    created.removeAll()
                    throw error
                }
                if written.changed { checkpointIfLarge() } else { created.removeAll() }
                return written
            }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }

    /// The IMMEDIATE transaction of `write`; screenshot files it adds are recorded in `created`.
    private func commit<Value>(command: String, actor: String, at: Instant, blobs created: CreatedBlobs,
                               _ body: (StoreTransaction) throws -> Value) throws -> Written<Value> {
        var blobs = self.blobs
        blobs.created = created
        return try database.writeWithoutTransaction { db -> Written<Value> in
            var outcome: Written<Value>?
            try db.inTransaction(.immediate) {
                let version = try VersionLog.latest(db) + 1
                let transaction = StoreTransaction(db: db, blobs: blobs, version: version, at: at, bulkRows: options.bulkRows)
                let value = try body(transaction)
                guard transaction.hasChanges else {
                    outcome = Written(value: value, version: version - 1, changed: false, keys: [])
                    return .rollback
                }
                try db.cachedStatement(sql: "INSERT INTO version(number, at, actor, command, summary, reverts) VALUES (?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [version, at.milliseconds, actor, command,
                                         transaction.summary.isEmpty ? command : transaction.summary,
                                         transaction.reverts])
                outcome = Written(value: value, version: version, changed: true, keys: transaction.changedKeys)
                return .commit
            }
            return outcome!
        }
    }

    /// Copies the WAL back into the database once it has grown, under the write lock the caller holds.
    ///
    /// The WAL is truncated rather than only copied back: a process that opens the store while no
    /// other connection is open rebuilds SQLite's WAL index by reading every valid frame, so a large
    /// WAL makes every one-shot command slow. Truncating needs
    /// every reader to be past the WAL; it does not wait for them (a reader may be a long export):
    /// when one is there, what can be copied is copied and a later write tries again.
    private func checkpointIfLarge() {
        var info = stat()
        guard stat(location.databasePath + "-wal", &info) == 0, Int(info.st_size) > options.checkpointBytes else { return }
        try? database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(options.lockTimeout * 1000))") }
            do {
                _ = try db.checkpoint(.truncate)
            } catch {
                _ = try? db.checkpoint(.passive)
            }
        }
    }

    /// A full checkpoint that empties the WAL file, taken under the write lock (erasure needs it so
    /// no erased value survives in old WAL frames).
    package func checkpointAndTruncate() throws(DeskError) {
        do {
            try writeLock.withLock {
                try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }
}
