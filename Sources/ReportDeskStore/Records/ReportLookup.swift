import GRDB
import ReportDeskCore

/// Finding reports by key or platform Report ID (R4; README, Commands).
enum ReportLookup {
    static func report(_ db: Database, key: Int, blobs: BlobStore) throws -> Report? {
        try ColumnsCursor(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key = ?"), arguments: [key]) {
            ReportRecord.report(from: $0, blobs: blobs)
        }.single()
    }

    /// A Report ID wins over a key; digits (optionally after `#`) are a key when no Report ID matches.
    /// Text that could be either is looked up in one query (Report ID rows first), not one per reading.
    static func report(_ db: Database, _ reference: ReportReference, blobs: BlobStore) throws -> Report {
        try row(db, reference, columns: ReportRecord.columns) { ReportRecord.report(from: $0, blobs: blobs) }
    }

    /// The report and how many other reports share its Open ID and its Order ID, read in the same
    /// statement (`show` asks for both on every call).
    static func reportWithRelated(_ db: Database, _ reference: ReportReference,
                                  blobs: BlobStore) throws -> (report: Report, sameOpenId: Int, sameOrderId: Int) {
        let counted = ReportRecord.columnNames.count
        return try row(db, reference, columns: ReportRecord.columns + """
            , (SELECT count(*) FROM report other WHERE other.open_id = report.open_id AND other.key <> report.key)\
            , (SELECT count(*) FROM report other WHERE other.order_id = report.order_id AND other.key <> report.key)
            """) { columns in
            (ReportRecord.report(from: columns, blobs: blobs),
             Int(columns.integer(counted) ?? 0), Int(columns.integer(counted + 1) ?? 0))
        }
    }

    private static func row<Found>(_ db: Database, _ reference: ReportReference, columns: String,
                                   read: @escaping (StatementColumns) -> Found) throws -> Found {
        let found: Found?
        switch (reference, reference.keyIfNoReportID) {
        case (.key(let key), _):
            found = try ColumnsCursor(db.cachedStatement(sql: "SELECT \(columns) FROM report WHERE key = ?"),
                                      arguments: [key], read: read).single()
        case (.text(let text), let key?):
            // The Report ID's key if one matches, else the digits: one probe of the Report ID index
            // and one of the table, where an OR of both would gather and sort the two.
            found = try ColumnsCursor(db.cachedStatement(sql: """
                SELECT \(columns) FROM report WHERE key = coalesce((SELECT key FROM report WHERE report_id = ?1), ?2)
                """), arguments: [text, key], read: read).single()
        case (.text(let text), nil):
            found = try ColumnsCursor(db.cachedStatement(sql: "SELECT \(columns) FROM report WHERE report_id = ?"),
                                      arguments: [text], read: read).single()
        }
        guard let found else { throw notFound(reference) }
        return found
    }

    static func notFound(_ reference: ReportReference) -> DeskError {
        switch reference {
        case .key(let key):
            DeskError.notFound("no report with key \(key)", data: ["id": .int(key)])
        case .text(let text):
            DeskError.notFound("no report with Report ID or key \(quoted(text))", data: ["id": .string(text)])
        }
    }
}
