import GRDB
import ReportDeskCore

/// How a `Report` maps onto the `report` table's columns: the field table's store columns, in its
/// order (`ReportFieldTable.storeColumns`); reads and writes below follow that order.
enum ReportRecord {
    static let columnNames = ReportFieldTable.standard.storeColumns
    static let columns = columnNames.joined(separator: ", ")
    /// The columns plus the fingerprint an insert writes.
    static let insertedColumnCount = columnNames.count + 1

    /// Reads a report from a row selected with `columns` (in that order).
    static func report(from row: StatementColumns, blobs: BlobStore) -> Report {
        var screenshot: Screenshot?
        let sha = row.text(7)
        let url = row.text(10)
        if sha != nil || url != nil {
            let mediaType = row.text(9)
            screenshot = Screenshot(sha256: sha, bytes: row.integer(8).map(Int.init), mediaType: mediaType, url: url,
                                    path: sha.map { blobs.path(sha256: $0, mediaType: mediaType) })
        }
        var appeal: Appeal?
        if let statusText = row.text(15), let status = Appeal.Status(rawValue: statusText) {
            appeal = Appeal(status: status, message: row.text(16) ?? "", openedAt: Instant(milliseconds: row.integer(17) ?? 0),
                            decidedAt: row.integer(18).map(Instant.init(milliseconds:)), note: row.text(19) ?? "")
        }
        return Report(
            key: Int(row.integer(0) ?? 0), reportId: row.text(1), category: row.text(2) ?? "", issueType: row.text(3) ?? "",
            openId: row.text(4), details: row.text(5), orderId: row.text(6), screenshot: screenshot,
            reportedAt: Instant(milliseconds: row.integer(11) ?? 0),
            status: row.text(12).flatMap(ReportStatus.init(rawValue:)) ?? .pending,
            processedAt: row.integer(13).map(Instant.init(milliseconds:)),
            note: row.text(14) ?? "", appeal: appeal, version: Int(row.integer(20) ?? 0))
    }

    /// The column values of a report in `columns` order; `key: nil` lets SQLite assign one.
    static func arguments(of report: Report, key: Int?, fingerprint: String?) -> StatementArguments {
        StatementArguments(values(of: report, key: key) + [fingerprint])
    }

    private static func values(of report: Report, key: Int?) -> [(any DatabaseValueConvertible)?] {
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(insertedColumnCount)
        append(report, key: key, to: &values)
        return values
    }

    /// Appends a report's column values in `columns` order; imports append many rows to one
    /// argument list, so the one list of columns serves single inserts and batches alike.
    static func append(_ report: Report, key: Int?, to values: inout [(any DatabaseValueConvertible)?]) {
        values.append(key)
        values.append(report.reportId)
        values.append(report.category)
        values.append(report.issueType)
        values.append(report.openId)
        values.append(report.details)
        values.append(report.orderId)
        values.append(report.screenshot?.sha256)
        values.append(report.screenshot?.bytes)
        values.append(report.screenshot?.mediaType)
        values.append(report.screenshot?.url)
        values.append(report.reportedAt.milliseconds)
        values.append(report.status.rawValue)
        values.append(report.processedAt?.milliseconds)
        values.append(report.note)
        values.append(report.appeal?.status.rawValue)
        values.append(report.appeal?.message)
        values.append(report.appeal?.openedAt.milliseconds)
        values.append(report.appeal?.decidedAt?.milliseconds)
        values.append(report.appeal?.note)
        values.append(report.version)
    }

    static let insertSQL = "INSERT INTO report (\(columns), fingerprint) VALUES (\(Array(repeating: "?", count: insertedColumnCount).joined(separator: ", ")))"

    /// Writes the columns whose values differ between `before` (the row as stored) and `after`.
    /// Naming an unchanged column would make SQLite rewrite every index that holds it: a note
    /// would dirty the pages of all the report's indexes instead of its own row.
    static func update(_ db: Database, from before: Report, to after: Report) throws {
        var old: [(any DatabaseValueConvertible)?] = [], new: [(any DatabaseValueConvertible)?] = []
        old.reserveCapacity(columnNames.count)
        new.reserveCapacity(columnNames.count)
        append(before, key: before.key, to: &old)
        append(after, key: after.key, to: &new)
        var assignments: [String] = []
        var values: [DatabaseValue] = []
        for index in 1..<columnNames.count {
            let value = new[index]?.databaseValue ?? .null
            guard value != (old[index]?.databaseValue ?? .null) else { continue }
            assignments.append("\(columnNames[index]) = ?")
            values.append(value)
        }
        guard !assignments.isEmpty else { return }
        values.append(after.key.databaseValue)
        try db.cachedStatement(sql: "UPDATE report SET \(assignments.joined(separator: ", ")) WHERE key = ?")
            .execute(arguments: StatementArguments(values))
    }
}
