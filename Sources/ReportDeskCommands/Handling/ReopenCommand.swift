import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `reopen`: makes a processed report pending again, as an explicit recorded act (R5).
enum ReopenCommand: Command {
    static let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
    static let note = Param.text("note", help: "why it is reopened (added to the note)", maximumLength: FieldLimits.note)

    static let spec = CommandSpec(
        "reopen", topic: .handling,
        summary: "Make a resolved or dismissed report pending again",
        examples: ["reopen 17 --note \"user wrote again\""],
        parameters: [id.spec, note.spec, ConcurrencyParameters.ifVersion.spec],
        result: .report, mutates: true)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let addition = try arguments.value(note)
        return try ReportChange.apply([try arguments.required(id)], single: true,
                                      ifVersion: try arguments.value(ConcurrencyParameters.ifVersion),
                                      verb: "reopen", in: context) { report, _ in
            try report.reopen(note: addition)
        }
    }
}
