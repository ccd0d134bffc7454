import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The parameters and behaviour `resolve` and `dismiss` share (R5).
struct Processing: ParameterSet {
    let targets = ReportTargets()
    let note = Param.text("note", help: "a line to add to the report's note", maximumLength: FieldLimits.note)
    let ifVersion = ConcurrencyParameters.ifVersion()

    static func run(as outcome: ReportStatus, _ arguments: Arguments<Processing>, in context: CommandContext) throws -> ChangedReports {
        let (references, single) = try ReportTargets.references(arguments.group(\.targets))
        let verb = outcome == .resolved ? "resolve" : "dismiss"
        try ReportChange.confirmBulk(references, verb: verb, in: context)
        let addition = try arguments.value(\.note)
        let now = context.now
        return try ReportChange.apply(references, single: single, ifVersion: try arguments.value(\.ifVersion),
                                      verb: verb, in: context) { report, _ in
            try report.process(as: outcome, at: now, note: addition)
        }
    }
}

/// `resolve`: marks pending reports resolved.
enum ResolveCommand: Command {
    typealias Parameters = Processing

    static let spec = CommandSpec(
        Self.self, "resolve", topic: .handling,
        summary: "Mark pending reports resolved",
        discussion: "Only pending reports can be resolved; with ids, either all change or none does.",
        examples: ["resolve 17 --note \"refund sent\"", "resolve --ids 3,5,9", "resolve 17 --if-version 42"],
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
        discussion: "Only pending reports can be dismissed; with ids, either all change or none does.",
        examples: ["dismiss 18 --note \"not reproducible\"", "dismiss --ids 4,6"],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.result

    static func run(_ arguments: Arguments<Processing>, in context: CommandContext) throws -> ChangedReports {
        try Processing.run(as: .dismissed, arguments, in: context)
    }
}
