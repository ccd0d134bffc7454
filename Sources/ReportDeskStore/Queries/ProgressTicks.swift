import GRDB
import GRDBSQLite

/// SQLite's progress handler around one statement: a long check (an integrity check, FTS5's
/// check) calls back between its virtual machine's steps, so progress can move inside it and a
/// stop request can interrupt it.
enum ProgressTicks {
    /// How many virtual machine instructions run between two calls of `tick`.
    static let interval: Int32 = 100_000

    private final class Ticker {
        let tick: (_ instructions: Int) throws -> Void
        var calls = 0
        var failure: (any Error)?

        init(_ tick: @escaping (_ instructions: Int) throws -> Void) { self.tick = tick }
    }

    /// Tells the ticker passed as the context; a non-zero answer interrupts the statement.
    private static let callback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        guard let context else { return 0 }
        let ticker = Unmanaged<Ticker>.fromOpaque(context).takeUnretainedValue()
        guard ticker.failure == nil else { return 1 }
        ticker.calls += 1
        do {
            try ticker.tick(ticker.calls * Int(ProgressTicks.interval))
            return 0
        } catch {
            ticker.failure = error
            return 1
        }
    }

    /// Runs `body` on `db`, calling `tick` with the instructions run so far about every `interval`
    /// of them. When `tick` throws, SQLite is interrupted and that error is thrown, whatever `body`
    /// made of the interruption.
    static func around<T>(_ db: Database, tick: (_ instructions: Int) throws -> Void, _ body: () throws -> T) throws -> T {
        try withoutActuallyEscaping(tick) { tick in
            let ticker = Ticker(tick)
            sqlite3_progress_handler(db.sqliteConnection, interval, callback, Unmanaged.passUnretained(ticker).toOpaque())
            defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
            let result: Result<T, any Error> = Result { try body() }
            if let failure = ticker.failure { throw failure }
            return try result.get()
        }
    }
}
