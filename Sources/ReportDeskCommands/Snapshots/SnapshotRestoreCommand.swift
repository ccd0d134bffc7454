import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot restore NAME|VERSION`: makes the store's state equal to a snapshot, or to the state
/// right after a version, by recording one new version; history is kept (R12).
enum SnapshotRestoreCommand: Command {
    struct Parameters: ParameterSet {
        let name = Param.text("name", help: "a snapshot name (snapshot list) or a version number",
                              positional: true, required: true, maximumLength: 100, completion: .snapshots)
    }

    static let spec = CommandSpec(
        Self.self, "snapshot restore", topic: .store,
        summary: "Bring back the state of a snapshot or a version, as one new version",
        discussion: "Reports and settings become what the snapshot (or version) held; every difference is an ordinary change in one new version, so history, diff and undo see it. Only reports changed since the source's version are compared, so the work is in proportion to what differs. Personal data erased since stays erased. Nothing differs: no version is made.",
        examples: ["snapshot restore v42", "snapshot restore before-migration", "snapshot restore 17"],
        mutates: true)

    static let result = ObjectShape<Restored>([
        .field("version", .integer, \.version),
        .field("source", .string, \.source),
        .field("sourceVersion", .integer, \.outcome.sourceVersion),
        .field("changed", .integer, \.outcome.changed),
        .field("added", .integer, \.outcome.added),
        .field("removed", .integer, \.outcome.removed),
        .field("settings", .integer, \.outcome.settings),
    ]).shape

    struct Restored {
        let version: Int
        /// The snapshot name or version as given.
        let source: String
        let outcome: RestoreOutcome
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Restored {
        let text = try arguments.required(\.name)
        let source: RestoreSource
        if !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(text) {
            source = .version(version)
        } else {
            source = .snapshot(try context.store().snapshot(named: text))
        }
        let progress = ProgressReporter(context, unit: "reports")
        var compared = 0
        let written = try context.write { transaction in
            try transaction.restore(source) { done, total in
                compared = done
                try progress.step(done: done, total: total)
            }
        }
        progress.finish(done: compared, total: compared)
        return Restored(version: written.version, source: text, outcome: written.value)
    }
}
