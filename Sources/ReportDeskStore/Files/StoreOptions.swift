/// How a process uses a store it shares with others (documented in the README).
public struct StoreOptions: Sendable, Equatable {
    /// Seconds a write waits for another process's write before failing with -32004.
    package var lockTimeout: Double
    /// The WAL size past which a write checkpoints and truncates the WAL (under the write lock) after
    /// committing; 0 checkpoints after every write (stress tests use it to race checkpoints against
    /// writers). Small, because every process that opens an idle store reads the whole WAL.
    package var checkpointBytes: Int
    /// Reports an import adds (or an undo removes) in one write past which, when they also
    /// outnumber the reports held before, the report table's secondary indexes are built once at
    /// the end of the write instead of kept row by row (`SetAsideIndexes`).
    package var bulkRows: Int

    package init(lockTimeout: Double = 10, checkpointBytes: Int = 1024 * 1024, bulkRows: Int = 20_000) {
        self.lockTimeout = lockTimeout
        self.checkpointBytes = checkpointBytes
        self.bulkRows = bulkRows
    }
}
