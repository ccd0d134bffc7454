import ReportDeskCore

/// Processed reports counted the one way every dashboard figure counts them, live or rebuilt from
/// the version log: per week of the request (processed, and within 72 h), and for those processed
/// in the period, by time to process.
struct ProcessingCounts {
    private let request: DashboardRequest
    private let window = Report.processingWindow.milliseconds
    private(set) var weeks: [DashboardFigures.WeekShare]
    private(set) var timeToProcess = Array(repeating: 0, count: DashboardFigures.timeToProcessLimits.count + 1)
    /// Times to process of the reports processed in the period, for the median.
    var durations: [Int64] = []

    init(request: DashboardRequest) {
        self.request = request
        weeks = Array(repeating: DashboardFigures.WeekShare(), count: max(request.weekEdges.count - 1, 0))
    }

    mutating func add(processedAt: Instant, duration: Int64) {
        if let week = DashboardRequest.bucket(of: processedAt, in: request.weekEdges) {
            weeks[week].processed += 1
            if duration <= window { weeks[week].processedInTime += 1 }
        }
        if processedAt >= request.since, processedAt < request.until {
            timeToProcess[DashboardFigures.bin(duration, limits: DashboardFigures.timeToProcessLimits)] += 1
            durations.append(duration)
        }
    }

    /// Processed in the period within 72 h: every bin but the last (> 3 d).
    var processedInTime: Int { timeToProcess.dropLast().reduce(0, +) }
}
