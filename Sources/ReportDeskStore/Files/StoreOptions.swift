/// How a process uses a store it shares with others (documented in the README).
public struct StoreOptions: Sendable, Equatable {
    /// Seconds a write waits for another process's write before failing with -32004.
    package var lockTimeout: Double
    /// The WAL size past which a write checkpoints and truncates the WAL (under the write lock) after
    /// committing; 0 checkpoints after every write (stress tests use it to race checkpoints against
    /// writers). Small, because every process that opens an idle store reads the whole WAL.
    package var checkpointBytes: Int

    package init(lockTimeout: Double = 10, checkpointBytes: Int = 1024 * 1024) {
        self.lockTimeout = lockTimeout
        self.checkpointBytes = checkpointBytes
    }
}
