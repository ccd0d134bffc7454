package import ReportDeskCore

/// A report key or Report ID offered by completion, with what its hint shows, read in one query.
package struct ReportCompletion: Sendable, Equatable {
    /// The key (as typed, without `#`) or the Report ID that matched the prefix.
    package let value: String
    package let status: ReportStatus
    package let dueAt: Instant
    package let category: String
    package let issueType: String
    /// The start of the details, else of the note; empty when neither has text.
    package let text: String

    /// As `Report.isPastDue(at:)`: pending and past its due instant.
    package func isPastDue(at now: Instant) -> Bool {
        status == .pending && Report.isPast(due: dueAt, at: now)
    }
}
