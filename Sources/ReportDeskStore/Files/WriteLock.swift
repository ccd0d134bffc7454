import Foundation
import ReportDeskCore

/// An advisory lock on the store's sidecar file that every write transaction and checkpoint holds.
///
/// SQLite 3.40 (Debian 12) has the WAL-reset bug (fixed in 3.51.3): a checkpoint racing another
/// connection's commit can corrupt the database. Serialising every write and checkpoint across
/// processes with `flock`, and turning automatic checkpoints off, means the race cannot happen.
final class WriteLock: Sendable {
    private let descriptor: Int32
    private let timeout: TimeInterval

    init(path: String, timeout: TimeInterval) throws(DeskError) {
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        // On a read-only file system the store still serves reads: flock needs no write access,
        // and with no lock file at all every write fails as one on a read-only store does.
        if fd < 0 && (errno == EROFS || errno == EACCES) {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            if fd < 0 && errno == ENOENT { fd = -1; readOnly = true } else { readOnly = false }
        } else {
            readOnly = false
        }
        guard fd >= 0 || readOnly else {
            throw DeskError.storeUnavailable("cannot open the store's lock file \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        self.timeout = timeout
    }

    /// No lock file exists and none can be made: the folder is read-only.
    private let readOnly: Bool

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Runs `body` holding the lock, waiting up to the timeout for other processes to let go.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        try acquire()
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private func acquire() throws(DeskError) {
        if readOnly { throw DeskError.storeUnavailable("the store is on a read-only file system; nothing was changed") }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        let deadline = Date().addingTimeInterval(timeout)
        // flock has no timed wait, so waiters poll; the pause stays short, because a waiter that
        // backs off for longer loses the lock to every newer one and waits far beyond its turn.
        var pause: useconds_t = 50
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw DeskError.storeUnavailable("cannot lock the store: \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                throw DeskError.storeUnavailable(
                    "the store is locked by another process and stayed locked for \(Int(timeout)) s; nothing was changed")
            }
            usleep(pause)
            pause = min(pause * 2, 1_000)
        }
    }
}
