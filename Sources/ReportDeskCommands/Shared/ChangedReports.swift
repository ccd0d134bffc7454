import ReportDeskCore
import ReportDeskInterpreter

/// The reports a change saved, as the change returns them: one report when the caller named one,
/// `{reports, version}` for several.
struct ChangedReports {
    let reports: [JSONValue]
    let single: Bool
    let version: Int

    /// The report of a change to one report.
    var report: JSONValue { reports.first ?? .null }

    static let several = ObjectShape<ChangedReports>([
        .field("reports", .array(of: .report), \.reports),
        .field("version", .integer, \.version),
    ]).shape

    /// One report, or several with the store's version.
    static let result = ValueShape<ChangedReports>.oneOf(.report, several) { changed in
        changed.single && !changed.reports.isEmpty ? .first(changed.report) : .second(changed)
    }

    /// A change that always names one report.
    static let one = ValueShape.report.from(\ChangedReports.report)
}
