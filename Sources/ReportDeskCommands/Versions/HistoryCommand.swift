import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `history`: the version log, newest first, of the store or one report (R12).
enum HistoryCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "only versions that changed this report")
        let limit = Param.integer("limit", help: "versions per page", range: 1...1000, default: 20)
        let cursor = Param.integer("cursor", help: "the nextCursor of the previous page", range: 1...Int(Int32.max))
    }

    static let spec = CommandSpec(
        Self.self, "history", topic: .versions,
        summary: "List versions newest first: when, who, which command, what changed",
        examples: ["history", "history 17", "history --limit 100"],
        view: VersionTable(), mutates: false)

    static let entry = ObjectShape<VersionEntry>([
        .field("version", .integer, \.number),
        .field("at", .instant) { RFC3339.format($0.at) },
        .field("actor", .string, \.actor),
        .field("command", .string, \.command),
        .field("summary", .string, \.summary),
        .field("reverts", ValueShape.integer.orNull, \.reverts),
        .field("keys", .array(of: .integer), \.keys),
    ]).shape

    static let result = ObjectShape<Page>([
        .field("versions", .array(of: entry), \.entries),
        .field("nextCursor", ValueShape.integer.orNull, \.next),
    ]).shape

    /// A page of the log, newest first, and where the next one starts.
    struct Page {
        let entries: [VersionEntry]
        let next: Int?
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Page {
        let (entries, next) = try context.store().history(of: try arguments.value(\.id), limit: try arguments.required(\.limit),
                                                          before: try arguments.value(\.cursor))
        return Page(entries: entries, next: next)
    }
}

/// `undo`: reverts a version by writing a new one; history is never rewritten (R12).
enum UndoCommand: Command {
    struct Parameters: ParameterSet {
        let version = Param.integer("version", help: "the version to revert (default: the newest)", range: 1...Int(Int32.max),
                                    positional: true)
    }

    static let spec = CommandSpec(
        Self.self, "undo", topic: .versions,
        summary: "Revert a version by recording a new one",
        discussion: "Refused when a later version changed the same report (undo that first) or when the data was erased since.",
        examples: ["undo", "undo 41"],
        view: UndoText(), mutates: true)

    static let removedReport = ObjectShape<Report>([
        .field("key", .integer, \.key),
        .field("reportId", ValueShape.string.orNull, \.reportId),
    ]).shape

    static let result = ObjectShape<Undone>([
        .field("version", .integer, \.version),
        .field("undid", .integer, \.undid),
        .field("reports", .array(of: .report), \.reports),
        // Reports the undone version had added: they leave the store and their keys are never reused (R4).
        .field("removed", .array(of: removedReport, maximumCount: StoreTransaction.removedListed), \.removed),
        .field("removedCount", .integer(minimum: 0), \.removedCount),
    ]).shape

    /// The version made, the version reverted, the reports as they are now and those removed.
    struct Undone {
        let version: Int
        let undid: Int
        let reports: [JSONValue]
        /// The first `StoreTransaction.removedListed` reports removed, and how many were.
        let removed: [Report]
        let removedCount: Int
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Undone {
        let requested = try arguments.value(\.version)
        let progress = ProgressReporter(context, unit: "reports")
        var reverted = 0
        let written = try context.write { transaction -> (Int, (restored: [Report], removed: [Report], removedCount: Int)) in
            let target = requested ?? (transaction.version - 1)
            if target < 1 { throw DeskError.notFound("nothing to undo: the store has no versions yet") }
            let outcome = try transaction.revert(target) { pass, done, total in
                switch pass {
                case .reports:
                    reverted = done
                    try progress.step(done: done, total: total)
                case .indexes: try progress.step(done: done, total: total, phase: "building indexes", unit: "indexes")
                case .searchText: try progress.step(done: done, total: total, phase: "rebuilding the search index", unit: "steps")
                }
            }
            // The commit writes the whole change to disk.
            try progress.step(done: 0, total: nil, phase: "writing to disk", unit: "pages")
            return (target, outcome)
        }
        progress.finish(done: reverted, total: reverted)
        let now = context.now
        return Undone(version: written.version, undid: written.value.0, reports: written.value.1.restored.map { $0.json(now: now) },
                      removed: written.value.1.removed, removedCount: written.value.1.removedCount)
    }
}

/// `diff`: what changed between two versions, report by report, field by field (R12).
enum DiffCommand: Command {
    struct Parameters: ParameterSet {
        let from = Param.integer("from", help: "the earlier version", range: 0...Int(Int32.max), required: true, positional: true)
        let to = Param.integer("to", help: "the later version (default: now)", range: 0...Int(Int32.max), positional: true)
        let limit = Param.integer("limit", help: "reports per page", range: 1...1000, default: 50)
        let cursor = Param.integer("cursor", help: "the nextCursor of the previous page", range: 1...Int(Int32.max))
    }

    static let spec = CommandSpec(
        Self.self, "diff", topic: .versions,
        summary: "Compare two versions report by report, field by field",
        discussion: "A page holds the reports that differ in key order; recordedChanges counts every report change the versions in between recorded, so a change bigger than a page is summed up on the first one.",
        examples: ["diff 40", "diff 12 40", "diff 0 1 --limit 200"],
        view: DiffText(), mutates: false)

    static let fieldChange = ObjectShape<(field: String, from: JSONValue, to: JSONValue)>([
        .field("field", .string, { $0.field }),
        .field("from", .any, { $0.from }),
        .field("to", .any, { $0.to }),
    ]).shape

    static let difference = ObjectShape<ReportDifference>([
        .field("key", .integer, \.key),
        .field("change", .oneOf(["added", "removed", "changed"]), \.kind),
        .field("fields", .array(of: fieldChange), \.fields),
    ]).shape

    static let result = ObjectShape<DifferencePage>([
        .field("from", .integer, \.from),
        .field("to", .integer, \.to),
        .field("reports", .array(of: difference), \.reports),
        .field("recordedChanges", .integer, \.recordedChanges),
        .field("nextCursor", ValueShape.integer.orNull, \.next),
    ]).shape

    /// The versions compared (`to` resolved to a number), a page of what changed between them and
    /// where the next page starts.
    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> DifferencePage {
        try context.store().differences(from: try arguments.required(\.from), to: try arguments.value(\.to),
                                        limit: try arguments.required(\.limit), after: try arguments.value(\.cursor) ?? 0)
    }
}
