import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The common path of every command that changes existing reports: one write, the `ifVersion`
/// check per report (R12), the change itself, and one version summarised by verb and keys.
enum ReportChange {
    static func apply(_ references: [ReportReference], single: Bool, ifVersion: Int?, verb: String,
                      in context: CommandContext,
                      _ change: (inout Report, StoreTransaction) throws -> Void) throws -> ChangedReports {
        let written = try context.write { transaction -> [Report] in
            var saved: [Report] = []
            for reference in references {
                let before = try transaction.report(reference)
                try transaction.check(before, ifVersion: ifVersion)
                var after = before
                try change(&after, transaction)
                saved.append(after == before ? before : try transaction.save(after, replacing: before))
            }
            transaction.summary = "\(verb) \(ReportTargets.summary(saved.map(\.key)))"
            return saved
        }
        let now = context.now
        return ChangedReports(reports: written.value.map { $0.json(now: now) }, single: single, version: written.version)
    }

    /// Asks before changing many reports from the REPL (README, A five-minute tour of the REPL).
    static func confirmBulk(_ references: [ReportReference], verb: String, in context: CommandContext) throws {
        guard references.count > 3 else { return }
        let store = try context.store()
        let shown = references.prefix(12).map { reference in
            (try? store.report(reference)).map { "#\($0.key)  \($0.category)/\($0.issueType)  \($0.status.rawValue)" } ?? reference.description
        } + (references.count > 12 ? ["… and \(references.count - 12) more"] : [])
        guard context.interaction.confirm("\(verb) \(references.count) reports?", details: shown) else {
            throw DeskError(.requestCancelled, "\(verb) cancelled; nothing was changed")
        }
    }
}
