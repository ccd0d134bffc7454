import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `note`: replaces a report's note text, at any status (R7). Earlier texts stay in the versions.
enum NoteCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
        let text = Param.text("text", help: "the whole new note text (the words after the id, or --text)",
                              positional: true, rest: true, maximumLength: FieldLimits.note)
        let edit = Param.flag("edit", help: "write the note in $EDITOR, starting from the current text (REPL only)")
        let ifVersion = ConcurrencyParameters.ifVersion()
    }

    static let spec = CommandSpec(
        Self.self, "note", topic: .handling,
        summary: "Write or replace the note on a report (any status)",
        discussion: "The note is replaced; every earlier text is kept in the store's versions (history, show --at).",
        examples: ["note 17 \"asked the user for the order number\"", "note 17 --text \"refund sent\" --if-version 42", "note 17 --edit"],
        view: ReportCard(), mutates: true)
    static let result = ChangedReports.one

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> ChangedReports {
        let reference = try arguments.required(\.id)
        var newText = try arguments.value(\.text)
        if try arguments.value(\.edit) == true {
            guard newText == nil else { throw DeskError.invalidParams(field: "edit", "give the note text or --edit, not both") }
            let current = try context.store().report(reference)
            guard let edited = try context.interaction.editText(current.note, purpose: "note on report #\(current.key)") else {
                throw DeskError(.requestCancelled, "the note was left unchanged")
            }
            newText = edited
        }
        guard let newText else {
            throw DeskError.invalidParams(field: "text", "missing the note text: note ID TEXT, note ID --text TEXT, or note ID --edit in the REPL")
        }
        try FieldLimits.check(newText, field: "text", limit: FieldLimits.note)
        return try ReportChange.apply(reference, ifVersion: try arguments.value(\.ifVersion),
                                      verb: "note", in: context) { report, _ in
            report.replaceNote(newText)
        }
    }
}
