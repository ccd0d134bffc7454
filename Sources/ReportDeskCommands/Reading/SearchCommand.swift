import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `search`: full text over details and notes, exact over ids, best matches first (R9).
enum SearchCommand: Command {
    struct Parameters: ParameterSet {
        let query = Param.text("query", help: "words to find (whole or by prefix, any case or accent), or an exact Report ID, Open ID or Order ID",
                               positional: true, rest: true, required: true, maximumLength: 1000)
        let filters = FilterParameters()
        let paging = PagingParameters()
    }

    static let spec = CommandSpec(
        Self.self, "search", topic: .reading,
        summary: "Find reports by words in details and notes, or by an exact id",
        discussion: "Every word must match; a word also matches longer words it starts. Chinese, Japanese and Thai text matches anywhere for two or more characters. The text is never read as query syntax.",
        examples: ["search refund", "search \"charged twice\" --status pending", "search 画面"],
        view: ReportTable(), mutates: false)
    static let result = PagingParameters.result

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> PagingParameters.Page {
        let store = try context.store()
        let filter = try FilterParameters.filter(from: arguments.group(\.filters), taxonomy: store.taxonomy())
        var pageQuery = try PagingParameters.query(from: arguments.group(\.paging), filter: filter)
        pageQuery.text = try arguments.required(\.query)
        let now = context.now
        return PagingParameters.Page(page: try store.page(pageQuery, now: now), now: now)
    }
}
