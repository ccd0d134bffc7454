import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `reopen`: makes processed reports pending again, as an explicit recorded act (R5).
enum ReopenCommand: Command {
    struct Parameters: ParameterSet {
        let selection = ChangeSelection()
        let note = Param.text("note", help: "why it is reopened (added to the note)", maximumLength: FieldLimits.note)
        let ifVersion = ConcurrencyParameters.ifVersion()
    }

    static let spec = CommandSpec(
        Self.self, "reopen", topic: .handling,
        summary: "Make resolved or dismissed reports pending again",
        discussion: """
            Give one report, several (--ids) or filters: filters pick processed (resolved or dismissed) reports. \
            Every report is checked first; the set is one version; --dry-run, --expect-count and --yes work as for resolve.
            """,
        examples: ["reopen 17 --note \"user wrote again\"", "reopen --ids 40-44 --note \"closed by mistake\""],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.result

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> ChangedReports {
        let addition = try arguments.value(\.note)
        return try ReportChange.apply(arguments.group(\.selection), impliedStatuses: [.resolved, .dismissed],
                                      ifVersion: try arguments.value(\.ifVersion), verb: "reopen", in: context) { report in
            try report.reopen(note: addition)
        }
    }
}
