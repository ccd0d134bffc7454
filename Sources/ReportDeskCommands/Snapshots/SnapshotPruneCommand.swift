import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot prune --keep N`: a retention rule, the N snapshots of the newest versions stay.
enum SnapshotPruneCommand: Command {
    struct Parameters: ParameterSet {
        let keep = Param.integer("keep", help: "how many snapshots to keep, those of the newest versions", range: 0...100_000,
                                 required: true)
    }

    static let spec = CommandSpec(
        Self.self, "snapshot prune", topic: .store,
        summary: "Delete all but the newest snapshots",
        discussion: "Keeps the given number of snapshots, those of the newest versions (ties by name), and deletes the others' files. The store and its versions are untouched; no version is made.",
        examples: ["snapshot prune --keep 3"],
        mutates: true, irreversible: true)

    static let result = ObjectShape<Pruned>([
        .field("deleted", .array(of: SnapshotSaveCommand.info.shape), \.deleted),
        .field("kept", .array(of: SnapshotSaveCommand.info.shape), \.kept),
    ]).shape

    /// The snapshots deleted and those kept, each oldest version first.
    struct Pruned {
        let deleted: [SnapshotInfo]
        let kept: [SnapshotInfo]
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Pruned {
        let (deleted, kept) = try context.store().pruneSnapshots(keep: try arguments.required(\.keep))
        return Pruned(deleted: deleted, kept: kept)
    }
}
