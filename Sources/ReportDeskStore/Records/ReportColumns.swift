import GRDB

/// The columns of one selected row, read by position: a GRDB `Row`, or a statement's current step
/// read in place. `ReportRecord` reads a report through this, so both read the same mapping.
protocol ReportColumns {
    func text(_ index: Int) -> String?
    func integer(_ index: Int) -> Int64?
}

extension Row: ReportColumns {
    func text(_ index: Int) -> String? { self[index] }
    func integer(_ index: Int) -> Int64? { self[index] }
}

/// A statement's current row, read straight from SQLite: no copy of the row, no table of column
/// names, no per-value boxing (a `Row` makes all three, and `show` reads one row per request).
struct StatementColumns: ReportColumns {
    let statement: SQLiteStatement

    func text(_ index: Int) -> String? { String.fromStatement(statement, atUncheckedIndex: CInt(index)) }
    func integer(_ index: Int) -> Int64? { Int64.fromStatement(statement, atUncheckedIndex: CInt(index)) }
}

/// Steps a statement and reads each row in place with `read`.
final class ColumnsCursor<Element>: DatabaseCursor {
    let _statement: Statement
    var _isDone = false
    private let read: (StatementColumns) -> Element

    init(_ statement: Statement, arguments: StatementArguments, read: @escaping (StatementColumns) -> Element) throws {
        try statement.setArguments(arguments)
        _statement = statement
        self.read = read
    }

    func _element(sqliteStatement: SQLiteStatement) -> Element { read(StatementColumns(statement: sqliteStatement)) }

    /// The only row, stepping on to the end so the statement's read is over when this returns.
    func single() throws -> Element? {
        guard let element = try next() else { return nil }
        while try next() != nil {}
        return element
    }
}
