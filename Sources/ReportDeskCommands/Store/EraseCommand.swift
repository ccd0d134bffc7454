import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `erase`: forgets a user (a request to be forgotten) in the current state and in every version.
enum EraseCommand: Command {
    static let openId = Param.text("openId", help: "the user whose personal data is erased", positional: true, required: true,
                                   maximumLength: FieldLimits.identifier)

    static let spec = CommandSpec(
        "erase", topic: .store,
        summary: "Erase a user's personal data from every report and every version",
        discussion: "Open ID, details, order ID, screenshot (the stored file too) and appeal message become [erased] in the current state and in every earlier version; one new version records the erasure. Undo cannot bring the data back. REPL history lines that name the user are removed. Snapshots are separate files: the result lists those that still hold the data.",
        examples: ["erase --open-id _000Wq3LxT1"],
        parameters: [openId.spec],
        result: .fields(Schemas.object([
            "reports": ["type": "integer"], "versions": ["type": "integer"], "screenshots": ["type": "integer"],
            "keys": ["type": "array", "items": ["type": "integer"]], "fields": ["type": "array", "items": ["type": "string"]],
            "snapshotsHoldingData": ["type": "array", "items": ["type": "string"]],
            "otherFilesHoldingData": ["type": "array", "items": ["type": "string"]],
            "logCleared": ["type": "boolean"], "version": ["type": "integer"],
        ])),
        mutates: true, irreversible: true)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let user = try arguments.required(openId)
        guard !user.isEmpty, user != erasedTombstone else {
            throw DeskError.invalidParams(field: "openId", "give the Open ID of the user to erase")
        }
        let written = try context.write { transaction in try transaction.erase(openId: user) }
        let store = try context.store()
        let outcome = written.value
        var logCleared = true
        if written.changed {
            do { try store.checkpointAndTruncate() } catch { logCleared = false }
        }
        let removed = store.removeBlobs(outcome.blobs)
        // Lines typed at the REPL name the user too, and its history is kept in the store's folder.
        CommandHistory.forget(user, in: store.location.historyPath)
        let holders = store.filesHolding(user)
        return .object(JSONObject([
            ("reports", .int(outcome.reports.count)), ("versions", .int(outcome.versions)), ("screenshots", .int(removed)),
            ("keys", .array(outcome.reports.map(JSONValue.int))),
            ("fields", ["openId", "details", "orderId", "screenshot", "appeal.message"]),
            ("snapshotsHoldingData", .array(holders.snapshots.map(JSONValue.string))),
            ("otherFilesHoldingData", .array(holders.others.map(JSONValue.string))),
            ("logCleared", .bool(logCleared)),
            ("version", .int(written.version)),
        ]))
    }
}

/// `verify`: checks the whole store; fails (exit 1, -32003 with `data.rule` `verify`) if any check does.
enum VerifyCommand: Command {
    static let repairIndex = Param.flag("repairIndex", help: "first rebuild damaged indexes and the search index from the reports (nothing else changes)")

    static let spec = CommandSpec(
        "verify", topic: .store,
        summary: "Check the store: integrity, search index, version chain, replay of the log, screenshot files",
        discussion: "When a check fails, its detail names what is damaged (table or index, page, reports) and what to do. --repair-index rebuilds damaged indexes and the full-text search index from the reports in place, then checks again; damage to the reports or the log is refused, unchanged.",
        examples: ["verify", "verify --repair-index"],
        parameters: [repairIndex.spec],
        result: .fields(Schemas.object([
            "ok": ["type": "boolean"], "version": ["type": "integer"],
            "checks": ["type": "array", "items": Schemas.object(["name": ["type": "string"], "ok": ["type": "boolean"], "detail": ["type": "string"]])],
            "repaired": ["type": "string"],
        ], optional: ["repaired"])),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let repaired = try arguments.value(repairIndex) == true ? try context.store().repairIndexes() : nil
        let (version, checks) = try context.store().verify()
        let list: JSONValue = .array(checks.map { check in
            .object(JSONObject([("name", .string(check.name)), ("ok", .bool(check.passed)), ("detail", .string(check.detail))]))
        })
        let failed = checks.filter { !$0.passed }
        guard failed.isEmpty else {
            throw DeskError.rule("verify", "the store failed \(failed.count) check\(failed.count == 1 ? "" : "s"): " +
                                 failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; "),
                                 extra: [("checks", list), ("version", .int(version))])
        }
        var result = JSONObject([("ok", true), ("version", .int(version)), ("checks", list)])
        if let repaired { result["repaired"] = .string("rebuilt from the reports; was " + repaired) }
        return .object(result)
    }
}
