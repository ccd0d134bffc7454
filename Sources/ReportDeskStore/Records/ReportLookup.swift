import GRDB
import ReportDeskCore

/// Finding reports by key or platform Report ID (R4; README, Commands).
enum ReportLookup {
    static func report(_ db: Database, key: Int, blobs: BlobStore) throws -> Report? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key = ?"), arguments: [key])
            .map { ReportRecord.report(from: $0, blobs: blobs) }
    }

    /// A Report ID wins over a key; digits (optionally after `#`) are a key when no Report ID matches.
    static func report(_ db: Database, _ reference: ReportReference, blobs: BlobStore) throws -> Report {
        if case .text(let text) = reference,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE report_id = ?"),
                                      arguments: [text]) {
            return ReportRecord.report(from: row, blobs: blobs)
        }
        if let key = reference.keyIfNoReportID, let report = try report(db, key: key, blobs: blobs) {
            return report
        }
        throw notFound(reference)
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
