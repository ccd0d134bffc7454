import Foundation

/// One report category with its issue types and the rules that differ by category (R1–R3, R10).
public struct ReportCategory: Sendable, Equatable {
    public let id: String
    public let displayName: String
    public let issueTypes: [IssueType]
    /// Which optional fields a report of this category may carry (R3).
    public let fields: Set<ReportField>
    /// Whether users may appeal processed reports of this category (R10: payment only by default).
    public let appealable: Bool

    package init(id: String, displayName: String, issueTypes: [IssueType], fields: Set<ReportField>, appealable: Bool) {
        self.id = id
        self.displayName = displayName
        self.issueTypes = issueTypes
        self.fields = fields
        self.appealable = appealable
    }

    /// Only categories that carry a platform Report ID get one generated on local intake (R3, R4).
    package var hasPlatformReportID: Bool { fields.contains(.reportId) }

    /// Finds an issue type by its id or, case-insensitively, by its display name.
    package func issueType(named name: String) -> IssueType? {
        issueTypes.first { $0.id == name }
            ?? issueTypes.first { $0.displayName.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// An issue type a user picks from the category's list (R2).
public struct IssueType: Sendable, Equatable {
    public let id: String
    public let displayName: String

    package init(_ id: String, _ displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}
