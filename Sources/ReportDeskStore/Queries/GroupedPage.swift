import GRDB

/// The sort values of a page for a sort whose first value takes few values (a status rank, a
/// category, an issue type, an appeal's time or none): each group is read with its own condition, in index order of the rest
/// of the sort, and the groups are taken in order until the page is full. The rows hold the same
/// sort values, in the same order, as one query ordered by every sort expression.
struct GroupedPage {
    struct Group {
        /// How a group gives the first sort value: the same for all its rows, or a column.
        enum Leading {
            case value(DatabaseValue)
            case column(String)
        }

        let condition: String
        let leading: Leading
    }

    let groups: [Group]
    /// The sort expressions after the first; the key last.
    let rest: [String]
    let descending: Bool
    let limit: Int

    func rows(_ db: Database, terms: [String], arguments: StatementArguments,
              cursor: [(any DatabaseValueConvertible)?]?) throws -> [Row] {
        let direction = descending ? " DESC" : ""
        let comparison = descending ? "<" : ">"
        var rows: [Row] = []
        for group in descending ? groups.reversed() : groups {
            var groupTerms = terms + [group.condition]
            var groupArguments = arguments
            let order: [String]
            let first: String
            var leadingArguments: StatementArguments = []
            switch group.leading {
            case .value(let value):
                first = "?"
                leadingArguments = [value]
                order = rest
            case .column(let column):
                first = column
                order = [column] + rest
            }
            if let cursor {
                switch position(of: group, after: cursor.first ?? nil) {
                case .before: continue
                case .holds:
                    let values = Array(group.leadingIsColumn ? cursor : Array(cursor.dropFirst()))
                    addCursorTerm(&groupTerms, &groupArguments, order: order, values: values, comparison: comparison)
                case .after: break
                }
            }
            let sql = "SELECT \(([first] + rest).joined(separator: ", ")) FROM report r WHERE \(groupTerms.joined(separator: " AND ")) "
                + "ORDER BY \(order.map { $0 + direction }.joined(separator: ", ")) LIMIT ?"
            _ = groupArguments.append(contentsOf: [limit + 1 - rows.count])
            rows += try Row.fetchAll(db, sql: sql, arguments: leadingArguments + groupArguments)
            if rows.count > limit { break }
        }
        return rows
    }

    private func addCursorTerm(_ terms: inout [String], _ arguments: inout StatementArguments, order: [String],
                       values: [(any DatabaseValueConvertible)?], comparison: String) {
        terms.append("(\(order.joined(separator: ", "))) \(comparison) (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
        _ = arguments.append(contentsOf: StatementArguments(values))
    }

    private enum Position { case before, holds, after }

    /// Where a group lies against the cursor's first sort value, in the walk's direction.
    private func position(of group: Group, after value: (any DatabaseValueConvertible)?) -> Position {
        let cursorValue = value?.databaseValue ?? .null
        switch group.leading {
        case .value(let groupValue):
            let order = Self.compare(groupValue, cursorValue)
            if order == 0 { return .holds }
            return (order < 0) != descending ? .before : .after
        case .column:
            // A column group holds every value but those of the other groups, which follow it.
            let others = groups.compactMap { other -> DatabaseValue? in
                if case .value(let value) = other.leading { return value }
                return nil
            }
            guard others.contains(cursorValue) else { return .holds }
            return descending ? .after : .before
        }
    }

    /// SQLite's order of two integers or two texts (BINARY collation: bytes of UTF-8).
    private static func compare(_ left: DatabaseValue, _ right: DatabaseValue) -> Int {
        switch (left.storage, right.storage) {
        case (.int64(let a), .int64(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        default: return 0
        }
    }
}

extension GroupedPage.Group {
    var leadingIsColumn: Bool {
        if case .column = leading { true } else { false }
    }
}
