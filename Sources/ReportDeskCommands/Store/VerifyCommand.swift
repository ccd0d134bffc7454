import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

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
        let progress = ProgressReporter(context, unit: "entries")
        var total = 0
        let (version, checks) = try context.store().verify { done, all in
            total = all
            try progress.step(done: done, total: all)
        }
        progress.finish(done: total, total: total)
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
