import Foundation
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// What `stats` takes and does: the desk's figures over a period, as data for tools and as a
/// dashboard for people (`DashboardText`) or a page for the team (`DashboardPage`).
enum StatsDashboard {
    struct Parameters: ParameterSet {
        let since = Param.text("since", help: "start of the period: \(InstantExpression.forms) (default: 30 days ago, at midnight)",
                               maximumLength: 100)
        let until = Param.text("until", help: "end of the period, not included, in the same forms (default: the end of today)",
                               maximumLength: 100)
        let by = Param.choice("by", DashboardBucket.self, help: "count received reports per day, week (from Monday) or month",
                              default: .day)
        let category = Param.texts("category", help: "only these categories (id or display name; several: comma-separated)",
                                   completion: .categories)
        let ascii = Param.flag("ascii", help: "draw charts with ASCII characters only")
        let html = Param.path("html", help: "also write the dashboard as one self-contained HTML page to this file")
        let at = Param.integer("at", help: "the desk as it stood right after this version, rebuilt from the version log",
                               range: 0...Int(Int32.max))
    }

    static let discussion = """
        Without options: the last 30 days, per day, every category, in the display time zone. Headline counts \
        (pending, past due now, due within 24 h, open appeals) describe the desk now; received, processed, the share \
        processed within 72 h and the median time to process describe the period, and so do the charts. The fields \
        byStatus, byCategory, byIssueType, processed, processedWithin72h, shareProcessedWithin72h and \
        medianTimeToProcess count the whole desk, and so does appeals (every report with an appeal, and how many \
        are open, upheld and overturned). --at V rebuilds every report's state after version V from the \
        version log: it reads the log up to V and holds one small record per report, so on a store of a million \
        reports it takes seconds rather than the fraction of a second the live counts take.
        """

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> DashboardResult {
        let store = try context.store()
        let atVersion = try arguments.value(\.at)
        var reference = context.now
        if let atVersion, let made = try store.versionTime(atVersion) { reference = made }
        let period = try DashboardPeriod(since: try instant(\.since, "since", arguments, context: context, now: reference),
                                         until: try instant(\.until, "until", arguments, context: context, now: reference),
                                         by: try arguments.required(\.by), zone: context.zone, now: reference)
        let taxonomy = try store.taxonomy()
        let categories = try (arguments.value(\.category) ?? []).map { try taxonomy.requireCategory($0).id }
        let request = DashboardRequest(edges: period.edges, weekEdges: period.weekEdges, categories: categories, now: reference)
        let figures = if let atVersion { try store.dashboard(request, atVersion: atVersion) } else { try store.dashboard(request) }
        try context.checkCancelled()
        let style = TerminalStyle(width: 100, colour: false, zone: context.zone, now: reference)
        var result = DashboardResult(figures: figures, period: period, categories: categories, atVersion: atVersion,
                                     zone: style.zoneLabel, now: reference)
        if let path = try arguments.value(\.html) {
            result.html = try write(DashboardPage(style: style).render(DashboardResult.shape.json(result)), to: path)
        }
        return result
    }

    /// Read against the period's own "now" (the version's time with --at), which binding cannot know.
    private static func instant(_ parameter: KeyPath<Parameters, Parameter<String>>, _ name: String, _ arguments: Arguments<Parameters>,
                                context: CommandContext, now: Instant) throws -> Instant? {
        guard let text = try arguments.value(parameter) else { return nil }
        guard let instant = InstantExpression.parse(text, zone: context.zone, now: now) else {
            throw DeskError.invalidParams(field: name, "\(name) must be \(InstantExpression.forms); got \(quoted(text))")
        }
        return instant
    }

    /// Writes the page owner-only (it holds report details), replacing the file whole; returns its absolute path.
    private static func write(_ page: String, to path: String) throws(DeskError) -> String {
        let url = URL(fileURLWithPath: path)
        let absolute = url.standardizedFileURL.path
        let temporary = absolute + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(page.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DeskError(.invalidParams, "cannot write \(absolute): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, absolute) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DeskError(.invalidParams, "cannot write \(absolute): \(reason)")
        }
        return absolute
    }
}
