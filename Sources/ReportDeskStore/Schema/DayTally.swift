/// A count of reports per day kept by triggers (migration v7), and how to count it again from the
/// reports: the triggers, the migration's first fill and `verify`'s recount all come from here.
struct DayTally: Sendable {
    let table: String
    let columns: [String]
    /// The key of a report row: `"new."`, `"old."` or `""` for the bare table.
    let values: @Sendable (String) -> [String]
    /// Which reports the tally counts; empty for all of them.
    let condition: String

    static let all: [DayTally] = [
        DayTally(table: "report_day_tally", columns: ["category", "issue_type", "status", "appeal", "day"],
                 values: { row in ["\(row)category", "\(row)issue_type", "\(row)status", "coalesce(\(row)appeal_status, '')", day("\(row)reported_at")] },
                 condition: ""),
        DayTally(table: "report_status_day_tally", columns: ["status", "appeal", "day"],
                 values: { row in ["\(row)status", "coalesce(\(row)appeal_status, '')", day("\(row)reported_at")] }, condition: ""),
        DayTally(table: "processed_day_tally", columns: ["category", "day", "steps"],
                 values: { row in ["\(row)category", day("\(row)processed_at"), steps(row)] }, condition: "processed_at IS NOT NULL"),
    ]

    /// The UTC day of an instant in milliseconds, rounded down also before 1970.
    static func day(_ instant: String) -> String {
        "((\(instant) - ((\(instant) % 86400000) + 86400000) % 86400000) / 86400000)"
    }

    /// Time to process in six-hour steps, rounded up, so the 24, 48 and 72 h limits of `stats` fall on
    /// step boundaries (steps 4, 8 and 12).
    static func steps(_ row: String) -> String {
        let negated = "(\(row)reported_at - \(row)processed_at)"
        return "(-(\(negated) - ((\(negated) % 21600000) + 21600000) % 21600000) / 21600000)"
    }

    var key: String { columns.joined(separator: ", ") }

    /// The tally counted again from the reports, in key order.
    var recountSQL: String {
        let rowValues = values("")
        return """
            SELECT \(rowValues.joined(separator: ", ")), count(*) FROM report NOT INDEXED\(condition.isEmpty ? "" : " WHERE \(condition)")
            GROUP BY \(rowValues.joined(separator: ", ")) ORDER BY \(rowValues.joined(separator: ", "))
            """
    }

    /// The tally as stored, in key order, leaving out groups counted down to nothing.
    var storedSQL: String {
        "SELECT \(key), reports FROM \(table) WHERE reports <> 0 ORDER BY \(key)"
    }
}
