import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `appeal decide`: records the outcome of an open appeal and its note (R10; INTERFACE.md, Appeals).
enum AppealDecideCommand: Command {
    static let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
    static let outcome = Param.choice("outcome", AppealOutcome.self,
                                      help: "upheld: the decision stands; overturned: dismissed becomes resolved, resolved becomes pending",
                                      required: true)
    static let note = Param.text("note", help: "why, kept on the appeal", required: true, maximumLength: FieldLimits.note)

    static let spec = CommandSpec(
        "appeal decide", topic: .appeals,
        summary: "Decide an open appeal: upheld or overturned",
        examples: ["appeal decide 21 --outcome overturned --note \"refund confirmed missing\""],
        parameters: [id.spec, outcome.spec, note.spec, ConcurrencyParameters.ifVersion.spec],
        result: .report, mutates: true)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let decision = try arguments.required(outcome)
        let text = try arguments.required(note)
        let now = context.now
        return try ReportChange.apply([try arguments.required(id)], single: true,
                                      ifVersion: try arguments.value(ConcurrencyParameters.ifVersion),
                                      verb: "appeal \(decision.rawValue)", in: context) { report, _ in
            try report.decideAppeal(decision, note: text, at: now)
        }
    }
}
