import GRDB
import ReportDeskCore

/// A statement's current row, read by position straight from SQLite: no copy of the row, no table
/// of column names, no per-value boxing (a GRDB `Row` makes all three). Every report the store
/// reads comes through here (`ReportRecord.report(from:blobs:)`).
struct StatementColumns {
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

extension ColumnsCursor where Element == Report {
    /// The reports a statement selects with `ReportRecord.columns`, read one at a time.
    convenience init(reports statement: Statement, arguments: StatementArguments = StatementArguments(), blobs: BlobStore) throws {
        try self.init(statement, arguments: arguments) { ReportRecord.report(from: $0, blobs: blobs) }
    }
}
