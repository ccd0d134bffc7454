/// One user report as the store keeps it. Derived facts (due time, past due, processed late) are
/// computed from the times and a clock, never stored, so they cannot disagree with the clock (R6).
public struct Report: Sendable, Equatable {
    /// The short local key assigned at intake, never reused (R4).
    public var key: Int
    /// The platform Report ID; experience reports only (R3).
    public var reportId: String?
    public var category: String
    public var issueType: String
    /// The user's Open ID; `nil` when the user was not logged in.
    public var openId: String?
    public var details: String?
    public var orderId: String?
    public var screenshot: Screenshot?
    public var reportedAt: Instant
    public var status: ReportStatus
    public var processedAt: Instant?
    public var note: String
    public var appeal: Appeal?
    /// The store version at which this report last changed (R12).
    public var version: Int

    package init(key: Int, reportId: String? = nil, category: String, issueType: String, openId: String? = nil,
                 details: String? = nil, orderId: String? = nil, screenshot: Screenshot? = nil, reportedAt: Instant,
                 status: ReportStatus = .pending, processedAt: Instant? = nil, note: String = "",
                 appeal: Appeal? = nil, version: Int = 0) {
        self.key = key
        self.reportId = reportId
        self.category = category
        self.issueType = issueType
        self.openId = openId
        self.details = details
        self.orderId = orderId
        self.screenshot = screenshot
        self.reportedAt = reportedAt
        self.status = status
        self.processedAt = processedAt
        self.note = note
        self.appeal = appeal
        self.version = version
    }
}
