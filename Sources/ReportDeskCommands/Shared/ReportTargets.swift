import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `id` or `ids`: the reports a handling command acts on, all or nothing.
struct ReportTargets: ParameterSet {
    let id = Param.report(help: "the report: its key (17) or platform Report ID")
    let ids = Param.reports(help: "several reports at once (comma-separated); all change or none does")

    /// The references given, de-duplicated, and whether the caller asked for one report.
    static func references(_ arguments: Arguments<ReportTargets>) throws -> (references: [ReportReference], single: Bool) {
        let one = try arguments.value(\.id)
        let many = try arguments.value(\.ids)
        switch (one, many) {
        case (let one?, nil):
            return ([one], true)
        case (nil, let many?):
            var seen = Set<ReportReference>()
            return (many.filter { seen.insert($0).inserted }, false)
        case (nil, nil):
            throw DeskError.invalidParams(field: "id", "give the report as id (a key or Report ID) or several as ids")
        case (_?, _?):
            throw DeskError.invalidParams(field: "ids", "give either id or ids, not both")
        }
    }

    /// `#3` or `5 reports (#3, #5, #9, …)` for version summaries.
    static func summary(_ keys: [Int]) -> String {
        if keys.count == 1 { return "#\(keys[0])" }
        let shown = keys.prefix(5).map { "#\($0)" }.joined(separator: ", ")
        return "\(keys.count) reports (\(shown)\(keys.count > 5 ? ", …" : ""))"
    }
}
