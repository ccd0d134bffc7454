package import ReportDeskCore

/// The slots of an import row: the fields the row decoder applies the desk's rules to. Which names
/// fill them comes from the field table (`ImportNames`); `.derived` collects what import recognises
/// and ignores (derived facts, the key and the version: the importing store gives them, R6).
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

    /// The console's column heading (the field table's), written by CSV export and named in reasons.
    package var consoleName: String { Self.headings[rawValue] }

    private static let headings: [String] = allCases.map { field in
        for spec in ReportFieldTable.standard.fields {
            if spec.name == field.name { return spec.consoleName }
            if let column = spec.columns.first(where: { $0.name == field.name }) { return column.heading }
        }
        return "Derived"
    }

    /// `"reportId"` and `"reportid"` for messages: the name, and the console's words when they differ.
    package var label: String {
        let plain = consoleName.lowercased().filter { $0.isLetter || $0.isNumber }
        return plain == name.lowercased().filter { $0.isLetter || $0.isNumber } ? name : "\(name) (\(consoleName))"
    }

    /// The field a heading or JSON key names in the standard field table; `nil` for one the desk
    /// does not know.
    package static func named(_ name: String) -> ImportField? {
        ImportNames.standard.field(named: name)
    }

    /// The slot for a field table's column name (`appeal.status`); `nil` when the decoder has none.
    package init?(columnName: String) {
        guard let field = Self.allCases.first(where: { $0 != .derived && $0.name == columnName }) else { return nil }
        self = field
    }

    /// Lower case with everything but letters and digits removed: "Report ID" = "reportId" = "report_id".
    package static func normalised(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.lazy
            .filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .flatMap { $0.properties.lowercaseMapping.unicodeScalars }))
    }
}

extension ImportRejection {
    package init(_ field: ImportField, _ reason: String) {
        self.init(field: field.name, "\(field.label) \(reason)")
    }
}
