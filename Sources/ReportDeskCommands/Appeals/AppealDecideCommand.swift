import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `appeal decide`: records the outcome of an open appeal and its note (R10).
enum AppealDecideCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
        let outcome = Param.choice("outcome", AppealOutcome.self,
                                   help: "upheld: the decision stands; overturned: dismissed becomes resolved, resolved becomes pending",
                                   required: true)
        let note = Param.text("note", help: "why, kept on the appeal", required: true, maximumLength: FieldLimits.note)
        let ifVersion = ConcurrencyParameters.ifVersion()
    }

    static let spec = CommandSpec(
        Self.self, "appeal decide", topic: .appeals,
        summary: "Decide an open appeal: upheld or overturned",
        examples: ["appeal decide 21 --outcome overturned --note \"refund confirmed missing\""],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.one

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> ChangedReports {
        let decision = try arguments.required(\.outcome)
        let text = try arguments.required(\.note)
        let now = context.now
        return try ReportChange.apply(try arguments.required(\.id),
                                      ifVersion: try arguments.value(\.ifVersion),
                                      verb: "appeal \(decision.rawValue)", in: context) { report, _ in
            try report.decideAppeal(decision, note: text, at: now)
        }
    }
}
