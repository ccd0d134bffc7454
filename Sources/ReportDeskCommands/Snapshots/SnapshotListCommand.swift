import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot list`: the snapshots saved in the store's folder, oldest version first (R12).
enum SnapshotListCommand: Command {
    static let spec = CommandSpec(
        Self.self, "snapshot list", topic: .store,
        summary: "List saved snapshots with their version, time and size",
        examples: ["snapshot list"],
        mutates: false)

    static let result = ObjectShape<[SnapshotInfo]>([
        .field("snapshots", .array(of: SnapshotSaveCommand.info.shape)) { $0 },
    ]).shape

    static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> [SnapshotInfo] {
        try context.store().snapshots()
    }
}
