import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `show`: one report, now or as it was at a version (R12).
enum ShowCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
        let at = Param.integer("at", help: "show the report as it was right after this store version", range: 0...Int(Int32.max))
    }

    static let spec = CommandSpec(
        Self.self, "show", topic: .reading,
        summary: "Show one report in full, now or at an earlier version",
        examples: ["show 17", "show 17 --at 40", "show RPT-8812"],
        view: ReportCard(), mutates: false)
    /// The report, and how many other reports share its Open ID and Order ID (absent for a report
    /// read as it was at an earlier version).
    static let result = ObjectShape<Shown>(extending: .report, \.report, [
        .optional("related", ObjectShape<Related>([
            .field("sameOpenId", .integer(minimum: 0), \.sameOpenId),
            .field("sameOrderId", .integer(minimum: 0), \.sameOrderId),
        ]).shape, \.related),
    ]).shape

    struct Shown {
        let report: JSONValue
        let related: Related?
    }

    struct Related {
        let sameOpenId: Int
        let sameOrderId: Int
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Shown {
        let store = try context.store()
        let reference = try arguments.required(\.id)
        if let version = try arguments.value(\.at) {
            return Shown(report: try store.report(reference, atVersion: version).json(now: context.now), related: nil)
        }
        let found = try store.reportWithRelated(reference)
        return Shown(report: found.report.json(now: context.now), related: Related(sameOpenId: found.sameOpenId, sameOrderId: found.sameOrderId))
    }
}
