package import ReportDeskCore
package import ReportDeskInterpreter

/// `diff` field by field: `#17 changed` then `status: pending → resolved`.
package struct DiffText: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        Layout(style: style).render(value)
    }

    private struct Layout {
        let style: TerminalStyle

        func render(_ value: JSONValue) -> String {
            let reports = value["reports"]?.arrayValue ?? []
            let range = "versions \(value["from"]?.intValue ?? 0) → \(value["to"]?.intValue ?? 0)"
            let next = value["nextCursor"].flatMap { $0.isNull ? nil : $0.intValue }
            if reports.isEmpty, next == nil { return "No report changed between \(range)." }
            let fields = FieldList(style: style)
            let room = max(12, (style.usableWidth - 10) / 2)
            let count = "\(reports.count) report\(reports.count == 1 ? "" : "s")"
            let recorded = value["recordedChanges"]?.intValue ?? 0
            let heading = next == nil ? "\(count) changed between \(range)"
                : "\(count) changed between \(range) on this page, of \(recorded) report change\(recorded == 1 ? "" : "s") recorded in between"
            var lines = [style.paint(heading, "1")]
            for report in reports {
                lines.append("#\(report["key"]?.intValue ?? 0) \(SafeText.line(report["change"]?.stringValue ?? ""))")
                for field in report["fields"]?.arrayValue ?? [] {
                    let name = SafeText.line(field["field"]?.stringValue ?? "")
                    let from = DisplayWidth.truncate(shown(field["from"] ?? .null, fields), to: room)
                    let to = DisplayWidth.truncate(shown(field["to"] ?? .null, fields), to: room)
                    lines.append("  \(name): \(style.paint(from, "31")) → \(style.paint(to, "32"))")
                }
            }
            if let next {
                lines.append(style.paint(style.interactive ? "next page: more" : "next page: repeat with --cursor \(next)", "2"))
            }
            return lines.joined(separator: "\n")
        }

        /// An empty text shows as `""` so that "emptied" and "unchanged" look different.
        private func shown(_ value: JSONValue, _ fields: FieldList) -> String {
            value.stringValue == "" ? "\"\"" : fields.scalar(value)
        }
    }
}
