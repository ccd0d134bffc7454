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
        let row: Row?
        switch (reference, reference.keyIfNoReportID) {
        case (.key(let key), _):
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key = ?"), arguments: [key])
        case (.text(let text), let key?):
            row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(ReportRecord.columns) FROM report WHERE report_id = ?1 OR key = ?2 ORDER BY report_id IS ?1 DESC LIMIT 1
                """), arguments: [text, key])
        case (.text(let text), nil):
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE report_id = ?"),
                                   arguments: [text])
        }
        guard let row else { throw notFound(reference) }
        return ReportRecord.report(from: row, blobs: blobs)
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
