package import ReportDeskCore
package import ReportDeskInterpreter

/// `undo`: which version it made and reverted, each report it took out of the store (an undone
/// submit or import) with the note that its key is never given again (R4), and the reports it
/// brought back as a table.
package struct UndoText: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        var lines = ["Version \(value["version"]?.intValue ?? 0) undid version \(value["undid"]?.intValue ?? 0)."]
        for removed in value["removed"]?.arrayValue ?? [] {
            let reportId = removed["reportId"]?.stringValue.map { " (Report ID \(SafeText.line($0)))" } ?? ""
            let text = "Removed report #\(removed["key"]?.intValue ?? 0)\(reportId) from the store; its key is not reused."
            lines += DisplayWidth.wrap(text, to: style.usableWidth)
        }
        let listed = value["removed"]?.arrayValue?.count ?? 0
        if let count = value["removedCount"]?.intValue, count > listed {
            lines.append("… and \(count - listed) more reports removed; their keys are not reused either.")
        }
        let reports = value["reports"]?.arrayValue ?? []
        if !reports.isEmpty {
            lines.append(ReportTable().render(["reports": .array(reports), "version": value["version"] ?? .null], style: style))
        }
        return lines.joined(separator: "\n")
    }
}
