/// A report as a user (`submit`) or another tool (`import`) hands it in, before the store gives it a
/// key. `validated(against:)` applies R1–R3: category, issue type and the fields its category allows.
public struct ReportSubmission: Sendable, Equatable {
    public var category: String
    public var issueType: String
    public var openId: String?
    public var details: String?
    public var orderId: String?
    public var screenshot: ScreenshotSource?
    public var reportedAt: Instant
    public var reportId: String?
    /// Imported rows from a migrated desk may arrive processed, with a note and an appeal (R13).
    public var status: ReportStatus = .pending
    public var processedAt: Instant?
    public var note: String = ""
    public var appeal: Appeal?

    package init(category: String, issueType: String, openId: String? = nil, details: String? = nil,
                 orderId: String? = nil, screenshot: ScreenshotSource? = nil, reportedAt: Instant, reportId: String? = nil) {
        self.category = category
        self.issueType = issueType
        self.openId = openId
        self.details = details
        self.orderId = orderId
        self.screenshot = screenshot
        self.reportedAt = reportedAt
        self.reportId = reportId
    }

    /// Checks the submission against the taxonomy and field rules, returning it with the category
    /// and issue type in their canonical ids and empty optional fields removed.
    package func validated(against taxonomy: Taxonomy) throws(DeskError) -> ReportSubmission {
        var result = self
        let category = try taxonomy.requireCategory(self.category)
        result.category = category.id
        result.issueType = try taxonomy.requireIssueType(issueType, in: category).id
        result.openId = openId.nonEmpty
        result.details = details.nonEmpty
        result.orderId = orderId.nonEmpty
        result.reportId = reportId.nonEmpty
        if case .url(let url) = screenshot, url.isEmpty { result.screenshot = nil }
        if case .file(let path) = screenshot, path.isEmpty { result.screenshot = nil }

        let present: [(ReportField, Bool)] = [
            (.reportId, result.reportId != nil), (.details, result.details != nil),
            (.orderId, result.orderId != nil), (.screenshot, result.screenshot != nil),
        ]
        for (field, isPresent) in present where isPresent && !category.fields.contains(field) {
            let allowedIn = taxonomy.categories.filter { $0.fields.contains(field) }.map(\.id)
            throw DeskError.rule(
                "R3",
                "\(field.rawValue) (\(field.consoleName)) is not allowed for \(category.id) reports; it belongs to \(Wording.list(allowedIn)) reports only",
                extra: [("field", .string(field.rawValue)), ("category", .string(category.id)),
                        ("allowedIn", .array(allowedIn.map(JSONValue.string)))])
        }
        if let openId = result.openId { try FieldLimits.check(openId, field: "openId", limit: FieldLimits.identifier) }
        if let reportId = result.reportId { try FieldLimits.check(reportId, field: "reportId", limit: FieldLimits.identifier) }
        if let orderId = result.orderId { try FieldLimits.check(orderId, field: "orderId", limit: FieldLimits.identifier) }
        if let details = result.details { try FieldLimits.check(details, field: "details", limit: FieldLimits.details) }
        try FieldLimits.check(note, field: "note", limit: FieldLimits.note)
        if status == .pending, processedAt != nil {
            throw DeskError.invalidParams(field: "processedAt", "a pending report has no processedAt")
        }
        if status == .pending { result.processedAt = nil }
        if let appeal {
            guard category.appealable else {
                throw DeskError.rule("R10", "appeals are only for payment reports, not \(category.id)",
                                     extra: [("field", "appeal"), ("category", .string(category.id))])
            }
            // An overturned appeal can leave a report pending again (R10).
            guard status.isProcessed || appeal.status == .overturned else {
                throw DeskError.rule("R10", "a report with an open or upheld appeal must be resolved or dismissed",
                                     extra: [("field", "appeal"), ("status", .string(status.rawValue))])
            }
            try FieldLimits.check(appeal.message, field: "appeal.message", limit: FieldLimits.appealMessage)
        }
        return result
    }
}

/// Where a submitted screenshot comes from: a local image file to copy in, or a URL to keep (R11).
public enum ScreenshotSource: Sendable, Equatable {
    case file(String)
    case url(String)
    /// Already a stored blob (re-import of an export); the path, if any, is where to copy it from.
    case stored(Screenshot)

    /// `http(s)://…` is a URL; anything else names a file.
    package init(text: String) {
        let lower = text.lowercased()
        self = lower.hasPrefix("https://") || lower.hasPrefix("http://") ? .url(text) : .file(text)
    }
}

extension Optional where Wrapped == String {
    /// `nil` for absent or empty text: an empty export cell means "not given".
    package var nonEmpty: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
