import ReportDeskCore
import ReportDeskInterpreter

/// `stats`: the desk at a glance — a dashboard for people, the series behind its charts for tools.
enum StatsCommand: Command {
    typealias Parameters = StatsDashboard.Parameters

    static let spec = CommandSpec(
        Self.self, "stats", topic: .store,
        summary: "Count reports by status, category and issue type; share processed within 72 h; median time to process",
        discussion: StatsDashboard.discussion,
        examples: ["stats", "stats --since 2026-11-01 --by week", "stats --category payment --ascii", "stats --html desk.html",
                   "stats --at 120"],
        view: DashboardView(), mutates: false)

    static let result = DashboardResult.shape

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> DashboardResult {
        try StatsDashboard.run(arguments, in: context)
    }
}
