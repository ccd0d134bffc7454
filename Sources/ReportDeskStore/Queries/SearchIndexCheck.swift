import Foundation
import GRDB
import ReportDeskCore
import Synchronization

/// FTS5's check of the search index against its text, on a connection and thread of its own, so
/// it runs while `verify` checks the tables' integrity: at a million reports each takes seconds
/// and they read different b-trees. FTS5's check is spelled as an INSERT, so it runs as a
/// (changeless) write under the write lock rather than in a read transaction.
final class SearchIndexCheck: Sendable {
    private struct Stopped: Error {}

    /// Documents checked so far, estimated from SQLite's instructions.
    private let documents = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let outcome = Mutex<VerificationCheck?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts the check on `store`'s database.
    static func start(_ store: Store) -> SearchIndexCheck {
        let check = SearchIndexCheck()
        let thread = Thread {
            let result = check.run(store)
            check.outcome.withLock { $0 = result }
            check.finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return check
    }

    /// Documents checked so far (all of them once the check has ended).
    var documentsDone: Int { documents.load(ordering: .relaxed) }

    /// Waits for the check; `nil` when it was stopped.
    func wait() -> VerificationCheck? {
        finished.wait()
        finished.signal()
        return outcome.withLock { $0 }
    }

    /// Interrupts the check and waits for it to end.
    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        _ = wait()
    }

    private func run(_ store: Store) -> VerificationCheck? {
        do {
            let connection = try DatabaseQueue(path: store.location.databasePath,
                                               configuration: Store.configuration(lockTimeout: store.options.lockTimeout))
            try store.writeLock.withLock {
                try connection.writeWithoutTransaction { db in
                    try ProgressTicks.around(db, tick: { instructions in
                        guard !stopRequested.load(ordering: .relaxed) else { throw Stopped() }
                        documents.store(instructions / VerificationPlan.instructionsPerDocument, ordering: .relaxed)
                    }) {
                        try db.execute(sql: "INSERT INTO report_text(report_text, rank) VALUES ('integrity-check', 0)")
                    }
                }
            }
            documents.store(Int.max, ordering: .relaxed)
            return VerificationCheck(name: "searchIndex", passed: true, detail: "FTS5 integrity-check: ok")
        } catch is Stopped {
            return nil
        } catch {
            documents.store(Int.max, ordering: .relaxed)
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_CORRUPT_VTAB {
                return VerificationCheck(name: "searchIndex", passed: false,
                                         detail: "FTS5 integrity-check: the full-text search index is damaged or does not match the text; "
                                             + "verify --repair-index rebuilds it from the reports in place")
            }
            return VerificationCheck(name: "searchIndex", passed: false,
                                     detail: "FTS5 integrity-check could not run: \(StoreErrors.translate(error, opening: nil).message)")
        }
    }
}
