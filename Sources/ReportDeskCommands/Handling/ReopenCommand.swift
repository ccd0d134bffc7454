import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `reopen`: makes a processed report pending again, as an explicit recorded act (R5).
enum ReopenCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
        let note = Param.text("note", help: "why it is reopened (added to the note)", maximumLength: FieldLimits.note)
        let ifVersion = ConcurrencyParameters.ifVersion()
    }

    static let spec = CommandSpec(
        Self.self, "reopen", topic: .handling,
        summary: "Make a resolved or dismissed report pending again",
        examples: ["reopen 17 --note \"user wrote again\""],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.one

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> ChangedReports {
        let addition = try arguments.value(\.note)
        return try ReportChange.apply([try arguments.required(\.id)], single: true,
                                      ifVersion: try arguments.value(\.ifVersion),
                                      verb: "reopen", in: context) { report, _ in
            try report.reopen(note: addition)
        }
    }
}
