import ReportDeskCore

/// The dashboard's figures counted report by report, for a desk rebuilt from the version log
/// (`stats --at`). It counts exactly what `DashboardSQL` counts from the live tables.
struct DashboardTally {
    let request: DashboardRequest
    let version: Int
    private let window = Report.processingWindow.milliseconds
    private var categories: Set<String> = []
    private var received: [[String: Int]]
    private var issueTypes: [String: [String: Int]] = [:]
    private var processing: ProcessingCounts
    private var pending = 0
    private var pastDue = 0
    private var dueSoon = 0
    private var pastDueAges = Array(repeating: 0, count: DashboardFigures.pastDueLimits.count + 1)
    private var pastDueReports: [Report] = []
    private var openAppealReports: [Report] = []
    private var byStatus: [String: Int] = [:]
    private var byIssueType: [String: [String: Int]] = [:]
    private var allDurations: [Int64] = []
    private var allInTime = 0
    private var appeals = DashboardFigures.AppealCounts()

    init(request: DashboardRequest, version: Int) {
        self.request = request
        self.version = version
        received = Array(repeating: [:], count: max(request.edges.count - 1, 0))
        processing = ProcessingCounts(request: request)
    }

    mutating func add(_ report: Report) {
        byStatus[report.status.rawValue, default: 0] += 1
        byIssueType[report.category, default: [:]][report.issueType, default: 0] += 1
        if report.status != .pending, let processedAt = report.processedAt {
            let duration = processedAt.milliseconds - report.reportedAt.milliseconds
            allDurations.append(duration)
            if duration <= window { allInTime += 1 }
        }
        if let appeal = report.appeal { appeals.add(appeal.status) }
        guard request.categories.isEmpty || request.categories.contains(report.category) else { return }
        categories.insert(report.category)
        if let bucket = DashboardRequest.bucket(of: report.reportedAt, in: request.edges) {
            received[bucket][report.category, default: 0] += 1
        }
        if report.reportedAt >= request.since, report.reportedAt < request.until {
            issueTypes[report.category, default: [:]][report.issueType, default: 0] += 1
        }
        if let processedAt = report.processedAt {
            let duration = processedAt.milliseconds - report.reportedAt.milliseconds
            processing.add(processedAt: processedAt, duration: duration)
        }
        if report.status == .pending {
            pending += 1
            let late = request.now.milliseconds - report.dueAt.milliseconds
            if late > 0 {
                pastDue += 1
                pastDueAges[DashboardFigures.bin(late, limits: DashboardFigures.pastDueLimits)] += 1
                pastDueReports.append(report)
            } else if late >= -86_400_000 {
                dueSoon += 1
            }
        }
        if report.appeal?.status == .open { openAppealReports.append(report) }
    }

    mutating func figures() -> DashboardFigures {
        let shown = request.categories.isEmpty ? categories.sorted() : request.categories
        var allMedian = allDurations
        let statistics = StoreStatistics(
            version: version,
            byStatus: byStatus.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            byCategory: byIssueType.keys.sorted().map { category in (category, byIssueType[category]!.values.reduce(0, +)) },
            byIssueType: byIssueType.keys.sorted().flatMap { category in
                byIssueType[category]!.keys.sorted().map { (category, $0, byIssueType[category]![$0]!) }
            },
            processed: allDurations.count, processedInTime: allInTime,
            medianMillisecondsToProcess: DashboardFigures.median(&allMedian))
        let counts = issueTypes.flatMap { category, types in
            types.map { DashboardFigures.IssueTypeCount(category: category, issueType: $0.key, count: $0.value) }
        }
        let limit = request.listLimit
        return DashboardFigures(
            version: version, categories: shown,
            received: received.map { bucket in shown.map { bucket[$0] ?? 0 } },
            issueTypes: counts.sorted { ($0.count, $1.category, $1.issueType) > ($1.count, $0.category, $0.issueType) },
            weeks: processing.weeks, timeToProcess: processing.timeToProcess, processed: processing.durations.count,
            processedInTime: processing.processedInTime,
            medianMillisecondsToProcess: DashboardFigures.median(&processing.durations),
            pending: pending, pastDue: pastDue, dueSoon: dueSoon, openAppeals: openAppealReports.count,
            appeals: appeals,
            pastDueAges: pastDueAges,
            pastDueReports: Array(pastDueReports.sorted { ($0.reportedAt, $0.key) < ($1.reportedAt, $1.key) }.prefix(limit)),
            openAppealReports: Array(openAppealReports.sorted {
                ($0.appeal?.openedAt.milliseconds ?? 0, $0.key) < ($1.appeal?.openedAt.milliseconds ?? 0, $1.key)
            }.prefix(limit)),
            statistics: statistics)
    }
}
