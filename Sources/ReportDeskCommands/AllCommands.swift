package import ReportDeskInterpreter

/// Every command of the desk, in the order help lists them within a topic. Adding a command is a
/// file under a topic folder and one line here.
package enum AllCommands {
    package static let registry = CommandRegistry([
        SubmitCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        ListCommand.self,
        SearchCommand.self,
        ShowCommand.self,
        WatchCommand.self,
        NoteCommand.self,
        ResolveCommand.self,
        DismissCommand.self,
        ReopenCommand.self,
        AppealOpenCommand.self,
        AppealDecideCommand.self,
        HistoryCommand.self,
        UndoCommand.self,
        DiffCommand.self,
        InfoCommand.self,
        StatsCommand.self,
        TaxonomyCommand.self,
        TaxonomyAddCommand.self,
        ConfigGetCommand.self,
        ConfigSetCommand.self,
        SnapshotSaveCommand.self,
        SnapshotListCommand.self,
        SnapshotRestoreCommand.self,
        SnapshotDeleteCommand.self,
        SnapshotPruneCommand.self,
        EraseCommand.self,
        VerifyCommand.self,
        HelpCommand.self,
        CompletionCommand.self,
    ])
}
