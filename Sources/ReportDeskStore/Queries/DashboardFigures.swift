package import ReportDeskCore

/// The numbers behind the `stats` dashboard: the desk now (or after a version), and what came in
/// and was processed within a period.
package struct DashboardFigures: Sendable {
    /// Upper limits of the time-to-process bins (0–24 h, 1–2 d, 2–3 d); the last bin is the rest (> 3 d).
    package static let timeToProcessLimits: [Int64] = [86_400_000, 172_800_000, 259_200_000]
    /// Upper limits of the past-due bins, by how long past due (< 1 d, 1–3 d, 3–7 d); the rest is ≥ 7 d.
    package static let pastDueLimits: [Int64] = [86_400_000, 259_200_000, 604_800_000]

    package struct IssueTypeCount: Sendable, Equatable {
        package let category: String
        package let issueType: String
        package let count: Int
    }

    package struct WeekShare: Sendable, Equatable {
        package var processed = 0
        package var processedInTime = 0
    }

    /// Appeals by where they stand (R10); a report holds at most one appeal.
    package struct AppealCounts: Sendable, Equatable {
        package var open = 0
        package var upheld = 0
        package var overturned = 0

        /// Every report with an appeal, decided or not.
        package var opened: Int { open + upheld + overturned }

        mutating func add(_ status: Appeal.Status, count: Int = 1) {
            switch status {
            case .open: open += count
            case .upheld: upheld += count
            case .overturned: overturned += count
            }
        }
    }

    /// The version the figures describe.
    package var version: Int
    /// The categories of the received chart, in order.
    package var categories: [String]
    /// Reports received per bucket (outer) per category (inner, in `categories` order).
    package var received: [[Int]]
    /// Reports received in the period per issue type, most first.
    package var issueTypes: [IssueTypeCount]
    /// Per week of `weekEdges`: reports processed then, and how many of them within 72 h.
    package var weeks: [WeekShare]
    /// Reports processed in the period per time-to-process bin (`timeToProcessLimits`).
    package var timeToProcess: [Int]
    package var processed: Int
    package var processedInTime: Int
    package var medianMillisecondsToProcess: Int64?
    package var pending: Int
    package var pastDue: Int
    package var dueSoon: Int
    package var openAppeals: Int
    /// Every appeal on the desk, whatever the request's categories.
    package var appeals: AppealCounts
    /// Past-due reports per bin of how long past due (`pastDueLimits`).
    package var pastDueAges: [Int]
    /// The longest past due first, at most `listLimit`.
    package var pastDueReports: [Report]
    /// The oldest appeal first, at most `listLimit`.
    package var openAppealReports: [Report]
    /// The whole desk's counts, as `stats` has always given them.
    package var statistics: StoreStatistics

    /// The bin of a time to process or of a span past due.
    static func bin(_ milliseconds: Int64, limits: [Int64]) -> Int {
        limits.firstIndex { milliseconds <= $0 } ?? limits.count
    }

    /// The median of durations (the mean of the two middle ones for an even count), as `stats` computes it.
    static func median(_ durations: inout [Int64]) -> Int64? {
        guard !durations.isEmpty else { return nil }
        durations.sort()
        return (durations[(durations.count - 1) / 2] + durations[durations.count / 2]) / 2
    }
}
