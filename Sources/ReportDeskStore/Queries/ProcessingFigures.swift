import ReportDeskCore

/// What `stats` says about processing times, read from `processed_day_tally`: the weeks' shares,
/// the period's bins and median, and the whole desk's count, share and median.
struct ProcessingFigures {
    /// The tally's unit of time to process: the 24, 48 and 72 h limits are whole steps.
    static let step: Int64 = 21_600_000

    /// Processed reports and how many of them within 72 h.
    struct Totals {
        var count = 0
        var inTime = 0

        init() {}

        init(_ steps: [Int64: Int]) {
            for (step, reports) in steps {
                count += reports
                if ProcessingFigures.inTime(steps: step) { inTime += reports }
            }
        }
    }

    var weeks: [DashboardFigures.WeekShare]
    var timeToProcess = Array(repeating: 0, count: DashboardFigures.timeToProcessLimits.count + 1)
    var period = Totals()
    var periodMedian: Int64?
    var desk = Totals()
    var deskMedian: Int64?

    init(weeks: Int) {
        self.weeks = Array(repeating: DashboardFigures.WeekShare(), count: weeks)
    }

    /// The step of a time to process, rounded up as the tally rounds it.
    static func steps(_ duration: Int64) -> Int64 {
        let (quotient, remainder) = duration.quotientAndRemainder(dividingBy: step)
        return remainder > 0 ? quotient + 1 : quotient
    }

    /// Whether reports in this step were processed within 72 h.
    static func inTime(steps: Int64) -> Bool {
        steps * step <= Report.processingWindow.milliseconds
    }
}
