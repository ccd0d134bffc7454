import ReportDeskCore
import ReportDeskInterpreter

/// The reports a change saved (or, for a dry run, would change), as the change returns them: one
/// report when the caller named one by `id`, otherwise `{reports, keys, count, version}`.
struct ChangedReports {
    let reports: [JSONValue]
    let keys: [Int]
    let single: Bool
    let version: Int
    let dryRun: Bool

    init(reports: [JSONValue], keys: [Int] = [], single: Bool, version: Int, dryRun: Bool = false) {
        self.reports = reports
        self.keys = keys.isEmpty ? reports.compactMap { $0["key"]?.intValue } : keys
        self.single = single
        self.version = version
        self.dryRun = dryRun
    }

    /// The report of a change to one report.
    var report: JSONValue { reports.first ?? .null }

    static let several = ObjectShape<ChangedReports>([
        .field("reports", .array(of: .report), \.reports),
        .field("keys", .array(of: .integer), \.keys),
        .field("count", .integer(minimum: 0)) { $0.keys.count },
        .field("version", .integer, \.version),
        .optional("dryRun", .boolean) { $0.dryRun ? true : nil },
    ]).shape

    /// One report, or several with the store's version.
    static let result = ValueShape<ChangedReports>.oneOf(.report, several) { changed in
        changed.single && !changed.dryRun && !changed.reports.isEmpty ? .first(changed.report) : .second(changed)
    }

    /// A change that always names one report.
    static let one = ValueShape.report.from(\ChangedReports.report)
}
