import GRDB

/// Progress from inside one long set-based statement: the statement calls the SQL function
/// `reportdesk_step(key)` for each row it takes, in key order, and every so many rows `report`
/// hears the last key. A pass over a big import stays one statement this way: split into a
/// statement per range of keys, each later statement would copy every page it frees of what an
/// earlier one wrote (FTS5 merges them, and secure_delete rewrites freed pages) into its
/// statement journal, which an import keeps in memory.
final class StatementProgress: @unchecked Sendable {
    // Unchecked: SQLite calls the function synchronously on the thread that runs the statement,
    // so no two calls overlap and none outlives `run`.
    private let every: Int
    private let report: (_ key: Int) throws -> Void
    private var count = 0
    /// What `report` threw, to be thrown again in place of SQLite's error for the statement.
    private var failure: (any Error)?

    private init(every: Int, report: @escaping (_ key: Int) throws -> Void) {
        self.every = every
        self.report = report
    }

    /// Runs `statement` with `reportdesk_step` registered; an error `report` throws (a
    /// cancellation) stops the statement and is thrown as it was.
    static func run(_ db: Database, every: Int = 10_000, report: (_ key: Int) throws -> Void, _ statement: () throws -> Void) throws {
        try withoutActuallyEscaping(report) { report in
            let progress = StatementProgress(every: every, report: report)
            let function = DatabaseFunction("reportdesk_step", argumentCount: 1, pure: false) { values in
                try progress.step(Int.fromDatabaseValue(values[0]) ?? 0)
            }
            db.add(function: function)
            defer { db.remove(function: function) }
            do {
                try statement()
            } catch {
                throw progress.failure ?? error
            }
        }
    }

    private func step(_ key: Int) throws -> Bool {
        count += 1
        guard count % every == 0 else { return true }
        do {
            try report(key)
        } catch {
            failure = error
            throw error
        }
        return true
    }
}
