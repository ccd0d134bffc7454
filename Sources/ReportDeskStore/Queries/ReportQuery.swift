package import ReportDeskCore

/// The filters of `list`, `search` and `export` (R9; README, Commands).
package struct ReportFilter: Sendable, Equatable {
    package var statuses: [ReportStatus] = []
    package var pastDue: Bool?
    package var categories: [String] = []
    package var issueTypes: [String] = []
    package var openId: String?
    package var orderId: String?
    package var since: Instant?
    package var until: Instant?
    /// Pending reports not yet past due whose due time is within this span from now.
    package var dueWithin: DeskDuration?
    /// Reports by the state of their appeal (R10); `nil` and `.any` select every report.
    package var appeal: AppealFilter?

    package init() {}
}

/// Which reports an appeal filter keeps: with an open appeal, with a decided one, without any.
package enum AppealFilter: String, CaseIterable, Sendable {
    case open, decided, none, any
}

/// What `list` and `search` sort by. `dueAt` orders like `reportedAt` (due = report time + 72 h);
/// `appealOpenedAt` puts reports without an appeal last.
package enum ReportSort: String, CaseIterable, Sendable {
    case reportedAt, dueAt, status, category, issueType, appealOpenedAt
}

/// One page request: filters, optional search text, order and keyset cursor.
package struct ReportQuery: Sendable {
    package static let defaultLimit = 50
    package static let maximumLimit = 1000

    package var filter = ReportFilter()
    /// Search text; when set, results are matches, best first unless `sort` is given.
    package var text: String?
    package var sort: ReportSort?
    package var descending = false
    package var limit = ReportQuery.defaultLimit
    package var cursor: String?

    package init() {}
}

/// A page of reports with the cursor of the next page (`nil` on the last) and the total match count.
package struct ReportPage: Sendable {
    package let reports: [Report]
    package let nextCursor: String?
    package let total: Int
    package let version: Int
}
