import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot restore NAME|VERSION`: makes the store's state equal to a snapshot, or to the state
/// right after a version, by recording one new version; history is kept (R12).
enum SnapshotRestoreCommand: Command {
    static let name = Param.text("name", help: "a snapshot name (snapshot list) or a version number",
                                 positional: true, required: true, maximumLength: 100, completion: .snapshots)

    static let spec = CommandSpec(
        "snapshot restore", topic: .store,
        summary: "Bring back the state of a snapshot or a version, as one new version",
        discussion: "Reports and settings become what the snapshot (or version) held; every difference is an ordinary change in one new version, so history, diff and undo see it. Personal data erased since stays erased. Nothing differs: no version is made.",
        examples: ["snapshot restore v42", "snapshot restore before-migration", "snapshot restore 17"],
        parameters: [name.spec],
        result: .fields(Schemas.object([
            "version": ["type": "integer"], "source": ["type": "string"], "sourceVersion": ["type": "integer"],
            "changed": ["type": "integer"], "added": ["type": "integer"], "removed": ["type": "integer"],
            "settings": ["type": "integer"],
        ])),
        mutates: true)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let text = try arguments.required(name)
        let source: RestoreSource
        if !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(text) {
            source = .version(version)
        } else {
            source = .snapshot(try context.store().snapshot(named: text))
        }
        let written = try context.write { transaction in try transaction.restore(source) }
        let outcome = written.value
        return .object(JSONObject([
            ("version", .int(written.version)), ("source", .string(text)), ("sourceVersion", .int(outcome.sourceVersion)),
            ("changed", .int(outcome.changed)), ("added", .int(outcome.added)), ("removed", .int(outcome.removed)),
            ("settings", .int(outcome.settings)),
        ]))
    }
}
