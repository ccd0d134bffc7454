extension Report {
    /// How long a report may wait before it is processed (R6).
    package static let processingWindow = DeskDuration.hours(72)

    /// The instant by which the report must be processed: report time + 72 h.
    package var dueAt: Instant { reportedAt.adding(Report.processingWindow) }

    /// Pending and past its due instant; at the due instant itself it is not yet past due.
    package func isPastDue(at now: Instant) -> Bool {
        status == .pending && now > dueAt
    }

    /// Processed after its due instant.
    package var wasProcessedLate: Bool {
        guard status.isProcessed, let processedAt else { return false }
        return processedAt > dueAt
    }
}
