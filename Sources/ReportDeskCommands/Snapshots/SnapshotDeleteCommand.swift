import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot delete NAME`: removes one saved snapshot file (R12 keeps the store's own history).
enum SnapshotDeleteCommand: Command {
    struct Parameters: ParameterSet {
        let name = Param.text("name", help: "the snapshot to delete (snapshot list)", positional: true, required: true,
                              maximumLength: 100, completion: .snapshots)
    }

    static let spec = CommandSpec(
        Self.self, "snapshot delete", topic: .store,
        summary: "Delete a saved snapshot",
        discussion: "Removes the snapshot's file from the snapshots folder. The store, its versions and its screenshots are untouched; no version is made.",
        examples: ["snapshot delete before-migration"],
        mutates: true, irreversible: true)

    static let result = ObjectShape<SnapshotInfo>(extending: SnapshotSaveCommand.info.shape, { $0 }, [
        .field("deleted", .boolean) { _ in true },
    ]).shape

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> SnapshotInfo {
        try context.store().deleteSnapshot(named: try arguments.required(\.name))
    }
}
