import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot list`: the snapshots saved in the store's folder, oldest version first (R12).
enum SnapshotListCommand: Command {
    static let spec = CommandSpec(
        "snapshot list", topic: .store,
        summary: "List saved snapshots with their version, time and size",
        examples: ["snapshot list"],
        parameters: [],
        result: .fields(Schemas.object(["snapshots": ["type": "array", "items": SnapshotSaveCommand.infoSchema()]])),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        .object(JSONObject([("snapshots", .array(try context.store().snapshots().map(\.json)))]))
    }
}
