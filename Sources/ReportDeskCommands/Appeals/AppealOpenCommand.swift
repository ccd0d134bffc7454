import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `appeal open`: records a user's appeal of a processed payment report, with the disclosure that
/// the developer's contact email may be shared with them (R10).
enum AppealOpenCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
        let message = Param.text("message", help: "what the user wrote in the appeal", positional: true, rest: true,
                                 required: true, maximumLength: FieldLimits.appealMessage)
        let ifVersion = ConcurrencyParameters.ifVersion()
    }

    static let spec = CommandSpec(
        Self.self, "appeal open", topic: .appeals,
        summary: "Record a user's appeal of a processed payment report",
        discussion: "Appeals are for payment reports only, after they were resolved or dismissed. The developer's contact email may be shared with the user who appeals; the result says so.",
        examples: ["appeal open 21 \"I never got the refund\""],
        view: ReportCard(), mutates: true)

    /// The report, then the disclosure about the contact email.
    static let result = ObjectShape<Appeal>(extending: .report, \.report, [
        .field("notice", .string, \.notice),
    ]).shape

    struct Appeal {
        let report: JSONValue
        let notice: String
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Appeal {
        let text = try arguments.required(\.message)
        let now = context.now
        var email: String?
        let changed = try ReportChange.apply(try arguments.required(\.id),
                                             ifVersion: try arguments.value(\.ifVersion),
                                             verb: "appeal open", in: context) { report, transaction in
            email = try transaction.setting(Settings.contactEmail)?.stringValue
            let category = try transaction.taxonomy().requireCategory(report.category)
            try report.openAppeal(message: text, at: now, category: category)
        }
        let notice = email.map { "The developer's contact email (\($0)) may be shared with the user who appealed." }
            ?? "The developer's contact email may be shared with the user who appealed; none is set yet (config set contactEmail ADDRESS)."
        return Appeal(report: changed.report, notice: notice)
    }
}
