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
        let holders = try context.desk.settings.personalData.forget(user, in: store.location.directory)
        return Erased(keys: outcome.reports, versions: outcome.versions, screenshots: removed,
                      snapshotsHoldingData: holders.snapshots, otherFilesHoldingData: holders.others,
                      logCleared: logCleared, version: written.version)
    }
}

/// `verify`: checks the whole store; fails (exit 1, -32003 with `data.rule` `verify`) if any check does.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        Self.self, "verify", topic: .store,
        summary: "Check the store: integrity, search index, version chain, replay of the log, screenshot files",
        discussion: "When a check fails, its detail names what is damaged (table or index, page, reports) and what to do. --repair-index rebuilds damaged indexes and the full-text search index from the reports in place, then checks again; damage to the reports or the log is refused, unchanged.",
        examples: ["verify", "verify --repair-index"],
        mutates: false)

    struct Parameters: ParameterSet {
        let repairIndex = Param.flag("repairIndex", help: "first rebuild damaged indexes and the search index from the reports (nothing else changes)")
    }

    static let check = ObjectShape<VerificationCheck>([
        .field("name", .string, \.name),
        .field("ok", .boolean, \.passed),
        .field("detail", .string, \.detail),
    ]).shape

    /// `ok` is always true: a failed check fails the command, with the same checks in the error's data.
    static let result = ObjectShape<Verified>([
        .field("ok", .boolean) { _ in true },
        .field("version", .integer, \.version),
        .field("checks", .array(of: check), \.checks),
        .optional("repaired", .string) { $0.repaired.map { "rebuilt from the reports; was " + $0 } },
    ]).shape

    struct Verified {
        let version: Int
        let checks: [VerificationCheck]
        let repaired: String?
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Verified {
        let repaired = try arguments.value(\.repairIndex) == true ? try context.store().repairIndexes() : nil
        let progress = ProgressReporter(context, unit: "checks")
        let (version, checks) = try context.store().verify { done, total in try progress.step(done: done, total: total) }
        progress.finish(done: checks.count + 1, total: checks.count + 1)
        let list = ValueShape.array(of: check).json(checks)
        let failed = checks.filter { !$0.passed }
        guard failed.isEmpty else {
            throw DeskError.rule("verify", "the store failed \(failed.count) check\(failed.count == 1 ? "" : "s"): " +
                                 failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; "),
                                 extra: [("checks", list), ("version", .int(version))])
        }
        return Verified(version: version, checks: checks, repaired: repaired)
    }
}
