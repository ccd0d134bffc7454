import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The common path of every command that changes existing reports: choose the set, check every
/// report in it before anything is asked or written, ask a person when the set is large, then one
/// write and one version summarised by verb and keys (R12; `ifVersion` applies to each report).
enum ReportChange {
    /// A change to one report: `body` mutates a copy of it; throws to refuse.
    typealias Change = (inout Report, StoreTransaction) throws -> Void

    /// One named report (`note`, `appeal`): no set to choose or confirm.
    static func apply(_ reference: ReportReference, ifVersion: Int?, verb: String, in context: CommandContext,
                      _ change: Change) throws -> ChangedReports {
        let written = try context.write { transaction -> [Report] in
            let before = try transaction.report(reference)
            try transaction.check(before, ifVersion: ifVersion)
            var after = before
            try change(&after, transaction)
            transaction.summary = "\(verb) #\(before.key)"
            return [after == before ? before : try transaction.save(after, replacing: before)]
        }
        let now = context.now
        return ChangedReports(reports: written.value.map { $0.json(now: now) }, single: true, version: written.version)
    }

    /// A change to the reports a selection chooses (`resolve`, `dismiss`, `reopen`).
    /// `verb` names it in questions, errors and the version summary.
    static func apply(_ selection: Arguments<ChangeSelection>, impliedStatuses: [ReportStatus], ifVersion: Int?,
                      verb: String, in context: CommandContext, _ change: (inout Report) throws -> Void) throws -> ChangedReports {
        if let reference = try ChangeSelection.onlyOneReport(selection) {
            // One named report needs no set, no question and no separate check: the write checks it.
            return try apply(reference, ifVersion: ifVersion, verb: verb, in: context) { report, _ in try change(&report) }
        }
        let store = try context.store()
        let now = context.now
        let chosen = try ChangeSelection.choose(selection, impliedStatuses: impliedStatuses, store: store, now: now)
        if chosen.keys.isEmpty {
            if chosen.byFilter {
                let none = ChangedReports(reports: [], keys: [], single: false, version: try store.currentVersion(), dryRun: try selection.value(\.dryRun) ?? false)
                if let expected = try selection.value(\.expectCount), expected != 0 { throw try countMismatch(expected: expected, count: 0, verb: verb, store: store) }
                return none
            }
            throw DeskError.notFound("no report matches; nothing was changed", data: ["count": 0])
        }
        let reports = try store.reports(keys: chosen.keys)
        try check(reports, ifVersion: ifVersion, verb: verb, store: store, change)
        if let expected = try selection.value(\.expectCount), expected != reports.count {
            throw try countMismatch(expected: expected, count: reports.count, verb: verb, store: store)
        }
        if try selection.value(\.dryRun) == true {
            return ChangedReports(reports: reports.map { $0.json(now: now) }, keys: reports.map(\.key), single: false,
                                  version: try store.currentVersion(), dryRun: true)
        }
        if reports.count > ChangeSelection.confirmAbove, try selection.value(\.yes) != true {
            try confirm(reports, verb: verb, in: context)
        }
        let written = try context.write { transaction -> [Report] in
            var saved: [Report] = []
            saved.reserveCapacity(reports.count)
            for key in chosen.keys {
                try context.checkCancelled()
                // Read again under the write lock: another process may have changed it since the check.
                let before = try transaction.report(.key(key))
                try transaction.check(before, ifVersion: ifVersion)
                var after = before
                try change(&after)
                saved.append(after == before ? before : try transaction.save(after, replacing: before))
            }
            transaction.summary = "\(verb) \(summary(saved.map(\.key)))"
            return saved
        }
        return ChangedReports(reports: written.value.map { $0.json(now: now) }, keys: written.value.map(\.key),
                              single: chosen.single, version: written.version)
    }

    /// Every report of the set, checked before anything is asked or written: the first 20 that
    /// cannot change are named with why, and the error counts them all.
    private static func check(_ reports: [Report], ifVersion: Int?, verb: String, store: Store,
                              _ change: (inout Report) throws -> Void) throws {
        var conflicts: [Report] = []
        var refused: [(Report, DeskError)] = []
        for report in reports {
            if let ifVersion, report.version > ifVersion {
                conflicts.append(report)
                continue
            }
            var copy = report
            do {
                try change(&copy)
            } catch let error as DeskError where error.code == .ruleViolated || error.code == .invalidParams {
                refused.append((report, error))
            }
        }
        if !conflicts.isEmpty {
            let listed = conflicts.prefix(20).map { "#\($0.key) (changed at version \($0.version))" }.joined(separator: ", ")
            throw DeskError.conflict(
                "\(conflicts.count) of \(reports.count) reports changed after version \(ifVersion ?? 0) that you saw: \(listed)\(more(conflicts.count)); read them again and retry; nothing was changed",
                currentVersion: try store.currentVersion(),
                extra: [("reports", .array(conflicts.prefix(20).map { ["key": .int($0.key), "reportVersion": .int($0.version)] })),
                        ("count", .int(conflicts.count))])
        }
        guard !refused.isEmpty else { return }
        if reports.count == 1, let (_, error) = refused.first { throw error }
        let listed = refused.prefix(20).map { report, error in "#\(report.key) (\(reason(error, report)))" }.joined(separator: ", ")
        let rule = refused.first?.1.data?["rule"]?.stringValue ?? "R5"
        throw DeskError.rule(rule, "cannot \(verb) \(refused.count) of \(reports.count) reports: \(listed)\(more(refused.count)); nothing was changed",
                             extra: [("reports", .array(refused.prefix(20).map { report, error in
                                         ["key": .int(report.key), "status": .string(report.status.rawValue),
                                          "reason": .string(error.message)] })),
                                     ("count", .int(refused.count))])
    }

    /// A short reason for a list: the report's status, or the rule's own words.
    private static func reason(_ error: DeskError, _ report: Report) -> String {
        if error.data?["rule"]?.stringValue == "R5" { return "already \(report.status.rawValue)" }
        return error.message
    }

    /// `#3` or `5 reports (#3, #5, #9, …)` for version summaries.
    static func summary(_ keys: [Int]) -> String {
        if keys.count == 1 { return "#\(keys[0])" }
        let shown = keys.prefix(5).map { "#\($0)" }.joined(separator: ", ")
        return "\(keys.count) reports (\(shown)\(keys.count > 5 ? ", …" : ""))"
    }

    private static func more(_ count: Int) -> String { count > 20 ? " and \(count - 20) more" : "" }

    private static func countMismatch(expected: Int, count: Int, verb: String, store: Store) throws -> DeskError {
        DeskError.conflict("expected to \(verb) \(expected) report\(expected == 1 ? "" : "s") but the selection has \(count); nothing was changed",
                           currentVersion: try store.currentVersion(), extra: [("count", .int(count)), ("expected", .int(expected))])
    }

    /// Asks once before changing many reports (the REPL, a one-shot at a terminal, an MCP client
    /// that can ask its person); a refusal changes nothing and is not an error of the command.
    private static func confirm(_ reports: [Report], verb: String, in context: CommandContext) throws {
        let shown = reports.prefix(8).map { "#\($0.key)  \($0.category)/\($0.issueType)  \($0.status.rawValue)" }
            + (reports.count > 8 ? ["… and \(reports.count - 8) more"] : [])
        let question = "\(verb.prefix(1).uppercased() + verb.dropFirst()) \(reports.count) reports?"
        guard context.interaction.confirm(question, details: shown) else {
            throw DeskError.declined("\(verb) of \(reports.count) reports not confirmed; nothing changed")
        }
    }
}
