import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `erase`: forgets a user (a request to be forgotten) in the current state and in every version.
enum EraseCommand: Command {
    struct Parameters: ParameterSet {
        let openId = Param.text("openId", help: "the user whose personal data is erased", positional: true, required: true,
                                maximumLength: FieldLimits.identifier)
    }

    static let spec = CommandSpec(
        Self.self, "erase", topic: .store,
        summary: "Erase a user's personal data from every report and every version",
        discussion: "Open ID, details, order ID, screenshot (the stored file too) and appeal message become [erased] in the current state and in every earlier version; one new version records the erasure. Undo cannot bring the data back. REPL history lines that name the user are removed. Snapshots are separate files: the result lists those that still hold the data, and any other file in the store's folder that does (a rejects file, or a history the disk had no room to rewrite). An erase that finds nothing makes no version and says so.",
        examples: ["erase --open-id _000Wq3LxT1"],
        view: ErasureText(), mutates: true, irreversible: true)

    static let result = ObjectShape<Erased>([
        .field("reports", .integer, \.keys.count),
        .field("versions", .integer, \.versions),
        .field("screenshots", .integer, \.screenshots),
        .field("keys", .array(of: .integer), \.keys),
        .field("fields", .array(of: .string)) { _ in ["openId", "details", "orderId", "screenshot", "appeal.message"] },
        .field("snapshotsHoldingData", .array(of: .string), \.snapshotsHoldingData),
        .field("otherFilesHoldingData", .array(of: .string), \.otherFilesHoldingData),
        .field("logCleared", .boolean, \.logCleared),
        .field("version", .integer, \.version),
    ]).shape

    /// What an erasure changed and which files outside the store still hold the user's data.
    struct Erased {
        /// The reports that held the user's data.
        let keys: [Int]
        let versions: Int
        let screenshots: Int
        let snapshotsHoldingData: [String]
        let otherFilesHoldingData: [String]
        let logCleared: Bool
        let version: Int
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Erased {
        let user = try arguments.required(\.openId)
        guard !user.isEmpty, user != erasedTombstone else {
            throw DeskError.invalidParams(field: "openId", "give the Open ID of the user to erase")
        }
        let written = try context.write { transaction in try transaction.erase(openId: user) }
        let store = try context.store()
        let outcome = written.value
        // Also when nothing was found: an earlier erase of the user may have left its log uncleared.
        var logCleared = true
        do { try store.checkpointAndTruncate() } catch { logCleared = false }
        let removed = store.removeBlobs(outcome.blobs)
        // Files beside the database name the user too: those that can forget (the REPL's history) do.
        // The erasure is committed; the search only reports on it, so Ctrl-C does not stop it.
        let progress = ProgressReporter(context, unit: "MiB searched", stopsOnInterrupt: false)
        let mebibyte = 1 << 20
        var searched = (done: 0, total: 0)
        let holders = try context.desk.settings.personalData.forget(user, in: store.location.directory) { done, total in
            let step = (done / mebibyte, total / mebibyte)
            // A step a chunk would redraw the line hundreds of times a second; every 32 MiB is enough.
            guard step.0 / 32 != searched.done / 32 || done == total else { return }
            searched = step
            try? progress.step(done: searched.done, total: searched.total)
        }
        progress.finish(done: searched.done, total: searched.total)
        return Erased(keys: outcome.reports, versions: outcome.versions, screenshots: removed,
                      snapshotsHoldingData: holders.snapshots, otherFilesHoldingData: holders.others,
                      logCleared: logCleared, version: written.version)
    }
}
