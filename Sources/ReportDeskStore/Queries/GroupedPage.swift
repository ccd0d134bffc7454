import GRDB

/// The sort values of a page for a sort whose first value takes few values (a status rank, an
/// appeal's time or none): each group is read with its own condition, in index order of the rest
/// of the sort, and the groups are taken in order until the page is full. The rows hold the same
/// sort values, in the same order, as one query ordered by every sort expression.
struct GroupedPage {
    struct Group {
        /// How a group gives the first sort value: the same for all its rows, or a column.
        enum Leading {
            case literal(Int64)
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
            switch group.leading {
            case .literal(let value):
                first = String(value)
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
            rows += try Row.fetchAll(db, sql: sql, arguments: groupArguments)
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
        guard let cursorValue = value.flatMap({ Int64.fromDatabaseValue($0.databaseValue) }) else { return .after }
        switch group.leading {
        case .literal(let literal):
            if literal == cursorValue { return .holds }
            return (literal < cursorValue) != descending ? .before : .after
        case .column:
            // A column group holds every value but the literals of the other groups.
            let literals = groups.compactMap { other -> Int64? in
                if case .literal(let literal) = other.leading { return literal }
                return nil
            }
            guard literals.contains(cursorValue) else { return .holds }
            let groupIndex = groups.firstIndex { $0.leadingIsColumn }!
            let cursorIndex = groups.firstIndex { if case .literal(cursorValue) = $0.leading { true } else { false } }!
            return (groupIndex < cursorIndex) != descending ? .before : .after
        }
    }
}

extension GroupedPage.Group {
    var leadingIsColumn: Bool {
        if case .column = leading { true } else { false }
    }
}
