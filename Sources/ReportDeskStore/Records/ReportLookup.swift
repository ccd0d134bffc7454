import GRDB
import ReportDeskCore

/// Finding reports by key or platform Report ID (R4; README, Commands).
enum ReportLookup {
    static func report(_ db: Database, key: Int, blobs: BlobStore) throws -> Report? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key = ?"), arguments: [key])
            .map { ReportRecord.report(from: $0, blobs: blobs) }
    }

    /// A Report ID wins over a key; digits (optionally after `#`) are a key when no Report ID matches.
    /// Text that could be either is looked up in one query (Report ID rows first), not one per reading.
    static func report(_ db: Database, _ reference: ReportReference, blobs: BlobStore) throws -> Report {
        ReportRecord.report(from: try row(db, reference, columns: ReportRecord.columns), blobs: blobs)
    }

    /// The report and how many other reports share its Open ID and its Order ID, read in the same
    /// statement (`show` asks for both on every call).
    static func reportWithRelated(_ db: Database, _ reference: ReportReference,
                                  blobs: BlobStore) throws -> (report: Report, sameOpenId: Int, sameOrderId: Int) {
        let row = try row(db, reference, columns: ReportRecord.columns + """
            , (SELECT count(*) FROM report other WHERE other.open_id = report.open_id AND other.key <> report.key)\
            , (SELECT count(*) FROM report other WHERE other.order_id = report.order_id AND other.key <> report.key)
            """)
        return (ReportRecord.report(from: row, blobs: blobs), row[row.count - 2], row[row.count - 1])
    }

    private static func row(_ db: Database, _ reference: ReportReference, columns: String) throws -> Row {
        let row: Row?
        switch (reference, reference.keyIfNoReportID) {
        case (.key(let key), _):
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM report WHERE key = ?"), arguments: [key])
        case (.text(let text), let key?):
            row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(columns) FROM report WHERE report_id = ?1 OR key = ?2 ORDER BY report_id IS ?1 DESC LIMIT 1
                """), arguments: [text, key])
        case (.text(let text), nil):
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM report WHERE report_id = ?"), arguments: [text])
        }
        guard let row else { throw notFound(reference) }
        return row
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
