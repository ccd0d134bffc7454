import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `list`: filter, sort and page through reports (R9).
enum ListCommand: Command {
    struct Parameters: ParameterSet {
        let filters = FilterParameters()
        let paging = PagingParameters()
    }

    static let spec = CommandSpec(
        Self.self, "list", topic: .reading,
        summary: "List reports by status, due time, category and more",
        discussion: "Without --sort, reports come oldest first, which is also most urgent first (due = report time + 72 h).",
        examples: ["list --status pending --category payment", "list --past-due", "list --due-within 6h --sort dueAt"],
        view: ReportTable(), mutates: false)
    static let result = PagingParameters.result

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> PagingParameters.Page {
        let store = try context.store()
        let filter = try FilterParameters.filter(from: arguments.group(\.filters), taxonomy: store.taxonomy())
        let query = try PagingParameters.query(from: arguments.group(\.paging), filter: filter)
        let now = context.now
        return PagingParameters.Page(page: try store.page(query, now: now), now: now)
    }
}
