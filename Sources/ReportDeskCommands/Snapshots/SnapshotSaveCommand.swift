import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot save [NAME]`: a consistent copy of the whole store at its current version (R12).
enum SnapshotSaveCommand: Command {
    struct Parameters: ParameterSet {
        let name = Param.text("name", help: "what to call it (letters, digits, . _ -; default: v and the version, e.g. v42)",
                              positional: true, maximumLength: 100)
    }

    static let spec = CommandSpec(
        Self.self, "snapshot save", topic: .store,
        summary: "Save a consistent copy of the whole store in its snapshots folder",
        discussion: "Copies the database with SQLite's backup inside one read transaction, so a write in another process cannot tear it; Ctrl-C stops it and leaves no file; the file is owner-only (0600). Saving the same version again without a name returns the snapshot already saved. Screenshots stay in the store's blobs folder, shared by all snapshots.",
        examples: ["snapshot save", "snapshot save before-migration"],
        mutates: false)

    /// One snapshot as `snapshot save` and `snapshot list` show it.
    static let info = ObjectShape<SnapshotInfo>([
        .field("name", .string, \.name),
        .field("version", .integer, \.version),
        .field("at", ValueShape.instant.orNull) { $0.at.map(RFC3339.format) },
        .field("reports", .integer, \.reports),
        .field("bytes", .integer, \.bytes),
        .field("path", .string, \.path),
    ])

    static let result = ObjectShape<Saved>(extending: info.shape, \.info, [
        .field("created", .boolean, \.created),
    ]).shape

    struct Saved {
        let info: SnapshotInfo
        /// False when the same version was saved already and that snapshot is returned.
        let created: Bool
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Saved {
        let progress = ProgressReporter(context, unit: "pages")
        var copied = 0
        let (info, created) = try context.store().saveSnapshot(named: try arguments.value(\.name)) { pages, total in
            copied = pages
            try progress.step(done: pages, total: total)
        }
        progress.finish(done: copied, total: copied)
        return Saved(info: info, created: created)
    }
}
