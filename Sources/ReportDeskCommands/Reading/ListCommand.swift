import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `list`: filter, sort and page through reports (R9).
enum ListCommand: Command {
    static let spec = CommandSpec(
        "list", topic: .reading,
        summary: "List reports by status, due time, category and more",
        discussion: "Without --sort, reports come oldest first, which is also most urgent first (due = report time + 72 h).",
        examples: ["list --status pending --category payment", "list --past-due", "list --due-within 6h --sort dueAt"],
        parameters: FilterParameters.all + PagingParameters.all,
        result: .reportPage, mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let store = try context.store()
        let filter = try FilterParameters.filter(from: arguments, taxonomy: store.taxonomy())
        let query = try PagingParameters.query(from: arguments, filter: filter)
        let now = context.now
        return PagingParameters.json(try store.page(query, now: now), now: now)
    }
}
