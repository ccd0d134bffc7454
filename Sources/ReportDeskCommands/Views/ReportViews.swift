import ReportDeskCore
import ReportDeskInterpreter

/// The views of results that hold reports besides other fields.
enum ReportViews {
    /// Fields, with a list of reports (what `undo` reverted) as a report table.
    static let fieldsWithReports = FieldsView(table: { items, style in
        guard items.allSatisfy({ $0["key"]?.intValue != nil && $0["status"] != nil }) else { return nil }
        return ReportTable().render(["reports": .array(items)], style: style)
    })
}
