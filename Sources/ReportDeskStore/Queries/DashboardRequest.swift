package import ReportDeskCore

/// What the `stats` dashboard counts: a period cut into buckets, the weeks of the in-time share,
/// the categories looked at, and the instant "now" stands for.
package struct DashboardRequest: Sendable {
    /// Bucket boundaries of the received chart, ascending; the period is `edges.first ..< edges.last`.
    package var edges: [Instant]
    /// Week boundaries, ascending, for the share processed within 72 h per week.
    package var weekEdges: [Instant]
    /// Only these categories (ids); empty for all.
    package var categories: [String]
    /// Past due, due soon and past-due ages are counted at this instant.
    package var now: Instant
    /// How many past-due reports and open appeals are listed (their counts are always whole).
    package var listLimit: Int

    package init(edges: [Instant], weekEdges: [Instant], categories: [String] = [], now: Instant, listLimit: Int = 100) {
        self.edges = edges
        self.weekEdges = weekEdges
        self.categories = categories
        self.now = now
        self.listLimit = listLimit
    }

    package var since: Instant { edges.first ?? now }
    package var until: Instant { edges.last ?? now }

    /// The index of the bucket holding `instant`, if it lies within `boundaries`.
    static func bucket(of instant: Instant, in boundaries: [Instant]) -> Int? {
        guard let first = boundaries.first, let last = boundaries.last, instant >= first, instant < last else { return nil }
        var low = 0
        var high = boundaries.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if boundaries[middle] <= instant { low = middle } else { high = middle }
        }
        return low
    }
}
