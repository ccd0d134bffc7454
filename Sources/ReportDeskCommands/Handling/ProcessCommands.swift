import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The parameters and behaviour `resolve` and `dismiss` share (R5, R9).
struct Processing: ParameterSet {
    let selection = ChangeSelection()
    let note = Param.text("note", help: "a line to add to the report's note", maximumLength: FieldLimits.note)
    let ifVersion = ConcurrencyParameters.ifVersion()

    static func run(as outcome: ReportStatus, _ arguments: Arguments<Processing>, in context: CommandContext) throws -> ChangedReports {
        let addition = try arguments.value(\.note)
        let now = context.now
        return try ReportChange.apply(arguments.group(\.selection), impliedStatuses: [.pending],
                                      ifVersion: try arguments.value(\.ifVersion),
                                      verb: outcome == .resolved ? "resolve" : "dismiss", in: context) { report in
            try report.process(as: outcome, at: now, note: addition)
        }
    }

    static let discussion = """
        Give one report, several (--ids 3-9,12,#15,RPT0001) or filters (--past-due, --category, --issue-type, --open-id, \
        --order-id, --since, --until, --due-within, --appeal, --matching WORDS): filters pick pending reports. Every report \
        is checked first: if one cannot change, nothing changes and the error names each (the first 20). The set is one \
        version, which one undo reverts. --dry-run shows the set; --expect-count N refuses unless the set has N reports. \
        In the REPL and at a terminal a change of more than three reports asks once (--yes does not ask).
        """
}

/// `resolve`: marks pending reports resolved.
enum ResolveCommand: Command {
    typealias Parameters = Processing

    static let spec = CommandSpec(
        Self.self, "resolve", topic: .handling,
        summary: "Mark pending reports resolved",
        discussion: Processing.discussion,
        examples: ["resolve 17 --note \"refund sent\"", "resolve --ids 3-9,12", "resolve --past-due --category payment --dry-run",
                   "resolve 17 --if-version 42"],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.result

    static func run(_ arguments: Arguments<Processing>, in context: CommandContext) throws -> ChangedReports {
        try Processing.run(as: .resolved, arguments, in: context)
    }
}

/// `dismiss`: marks pending reports dismissed.
enum DismissCommand: Command {
    typealias Parameters = Processing

    static let spec = CommandSpec(
        Self.self, "dismiss", topic: .handling,
        summary: "Mark pending reports dismissed",
        discussion: Processing.discussion,
        examples: ["dismiss 18 --note \"not reproducible\"", "dismiss --past-due --category community --note \"spam wave\" --yes",
                   "dismiss --matching \"free gems\" --since 7d --expect-count 35"],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.result

    static func run(_ arguments: Arguments<Processing>, in context: CommandContext) throws -> ChangedReports {
        try Processing.run(as: .dismissed, arguments, in: context)
    }
}
