/// The fields an import row may carry, named in the contract's camelCase (INTERFACE.md) or in the
/// console's words ("Report ID", "Issue type", "Report time"…), matched without regard to case,
/// spaces or punctuation (R13). Derived facts an export writes (due time, past due) are recognised
/// and ignored, since the store computes them (R6).
package enum ImportField: Int, CaseIterable, Sendable {
    case reportId, category, issueType, openId, details, reportedAt, orderId, screenshot, status, processedAt, note
    case appeal, appealStatus, appealMessage, appealOpenedAt, appealDecidedAt, appealNote
    case derived

    /// The contract's name, used in rejection reasons.
    package var name: String {
        switch self {
        case .reportId: "reportId"
        case .category: "category"
        case .issueType: "issueType"
        case .openId: "openId"
        case .details: "details"
        case .reportedAt: "reportedAt"
        case .orderId: "orderId"
        case .screenshot: "screenshot"
        case .status: "status"
        case .processedAt: "processedAt"
        case .note: "note"
        case .appeal: "appeal"
        case .appealStatus: "appeal.status"
        case .appealMessage: "appeal.message"
        case .appealOpenedAt: "appeal.openedAt"
        case .appealDecidedAt: "appeal.decidedAt"
        case .appealNote: "appeal.note"
        case .derived: "derived"
        }
    }

    /// The console's column heading, written by CSV export and named in reasons.
    package var consoleName: String {
        switch self {
        case .reportId: "Report ID"
        case .category: "Category"
        case .issueType: "Issue type"
        case .openId: "Open ID"
        case .details: "Report details"
        case .reportedAt: "Report time"
        case .orderId: "Order ID"
        case .screenshot: "Screenshot"
        case .status: "Status"
        case .processedAt: "Processed time"
        case .note: "Note"
        case .appeal: "Appeal"
        case .appealStatus: "Appeal status"
        case .appealMessage: "Appeal message"
        case .appealOpenedAt: "Appeal opened"
        case .appealDecidedAt: "Appeal decided"
        case .appealNote: "Appeal note"
        case .derived: "Derived"
        }
    }

    /// `"reportId"` and `"reportid"` for messages: the name, and the console's words when they differ.
    package var label: String {
        let plain = consoleName.lowercased().filter { $0.isLetter || $0.isNumber }
        return plain == name.lowercased().filter { $0.isLetter || $0.isNumber } ? name : "\(name) (\(consoleName))"
    }

    private static let aliases: [String: ImportField] = {
        var table: [String: ImportField] = [:]
        for field in allCases where field != .derived {
            table[normalised(field.name)] = field
            table[normalised(field.consoleName)] = field
        }
        let extra: [(String, ImportField)] = [
            ("Report category", .category), ("Category name", .category), ("Issue", .issueType),
            ("Details", .details), ("Feedback", .details), ("Additional feedback", .details),
            ("Submission time", .reportedAt), ("Reported at", .reportedAt), ("Time", .reportedAt),
            ("Screenshot URL", .screenshot), ("Processed at", .processedAt), ("Notes", .note),
            ("Appeal opened at", .appealOpenedAt), ("Appeal decided at", .appealDecidedAt),
            ("Key", .derived), ("Version", .derived), ("Due time", .derived), ("dueAt", .derived),
            ("Past due", .derived), ("Processed late", .derived),
        ]
        for (alias, field) in extra { table[normalised(alias)] = field }
        return table
    }()

    /// The field a heading or JSON key names; `nil` for one the desk does not know.
    package static func named(_ name: String) -> ImportField? {
        aliases[normalised(name)]
    }

    /// Lower case with everything but letters and digits removed: "Report ID" = "reportId" = "report_id".
    static func normalised(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.lazy
            .filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .flatMap { $0.properties.lowercaseMapping.unicodeScalars }))
    }
}
