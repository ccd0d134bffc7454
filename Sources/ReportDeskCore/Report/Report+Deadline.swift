extension Report {
    /// How long a report may wait before it is processed (R6).
    package static let processingWindow = DeskDuration.hours(72)

    /// The instant by which the report must be processed: report time + 72 h.
    package var dueAt: Instant { reportedAt.adding(Report.processingWindow) }

    /// Pending and past its due instant; at the due instant itself it is not yet past due.
    package func isPastDue(at now: Instant) -> Bool {
        status == .pending && Self.isPast(due: dueAt, at: now)
    }

    /// The one comparison behind "past due" (R6), for the data and for every screen: strictly after
    /// the due instant. At the instant itself a report is due now, not yet past due.
    package static func isPast(due: Instant, at now: Instant) -> Bool { now > due }

    /// Processed after its due instant.
    package var wasProcessedLate: Bool {
        guard status.isProcessed, let processedAt else { return false }
        return processedAt > dueAt
    }
}
