package import ReportDeskCore
package import ReportDeskInterpreter

/// A page of reports as a table fitted to the terminal: times in the display zone (R8), due times
/// as relative hints (R6), status and past-due coloured, and a footer that says how many there are
/// and how to get the next page.
package struct ReportTable: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        Layout(style: style).render(value)
    }

    static func statusColour(_ status: String) -> String? { Layout.statusColour(status) }

    private struct Layout {
        let style: TerminalStyle

        /// Key, status and due time always stay; the details give way first (they shrink, then
        /// go: `show` has them in full), then the report time, the issue type and the category.
        static let columns: [TextTable.Column] = [
            .init(header: "KEY", alignRight: true),
            .init(header: "STATUS"),
            .init(header: "CATEGORY", minimum: 6, shrinkOrder: 3, dropOrder: 4),
            .init(header: "ISSUE TYPE", minimum: 8, shrinkOrder: 2, dropOrder: 3),
            .init(header: "REPORTED", dropOrder: 2),
            .init(header: "DUE"),
            .init(header: "DETAILS / NOTE", minimum: 16, shrinkOrder: 1, dropOrder: 1),
        ]

        func render(_ value: JSONValue) -> String {
            let reports = value["reports"]?.arrayValue ?? []
            if reports.isEmpty {
                return value["total"]?.intValue.map { $0 > 0 ? "No more reports: all \($0) were shown." : "No reports match." }
                    ?? "No reports."
            }
            let table = TextTable(columns: Self.columns, rows: reports.map(row))
            return (table.render(style: style) + PageFooter(style: style).lines(summary(value, shown: reports.count), next: value["nextCursor"]))
                .joined(separator: "\n")
        }

        private func row(_ report: JSONValue) -> [TextTable.Cell] {
            let status = report["status"]?.stringValue ?? ""
            let reported = report["reportedAt"]?.stringValue.flatMap(RFC3339.parse).map(style.localTime) ?? ""
            return [
                .init("\(report["key"]?.intValue ?? 0)"),
                .init(SafeText.line(status), colour: Self.statusColour(status)),
                .init(SafeText.line(report["category"]?.stringValue ?? "")),
                .init(SafeText.line(report["issueType"]?.stringValue ?? "")),
                .init(reported),
                due(report),
                .init(text(report)),
            ]
        }

        /// The details, or for reports without details (community) the note, on one line.
        private func text(_ report: JSONValue) -> String {
            if let details = report["details"]?.stringValue, !details.isEmpty { return SafeText.line(details) }
            let note = report["note"]?.stringValue ?? ""
            return note.isEmpty ? "" : "note: " + SafeText.line(note)
        }

        private func due(_ report: JSONValue) -> TextTable.Cell {
            guard let due = report["dueAt"]?.stringValue.flatMap(RFC3339.parse) else { return .init("") }
            guard report["status"]?.stringValue == "pending" else {
                return report["processedLate"]?.boolValue == true ? .init("processed late", colour: "35") : .init("in time", colour: "2")
            }
            let hint = style.dueHint(due, pending: true)
            if report["pastDue"]?.boolValue == true || Report.isPast(due: due, at: style.now) { return .init(hint, colour: "1;31") }
            return .init(hint, colour: style.now.duration(until: due).milliseconds < 6 * 3_600_000 ? "33" : nil)
        }

        /// `4 of 9 reports`, `51–100 of 284 reports` on a later page (or `4 reports · store
        /// version 17` after a change to several).
        private func summary(_ value: JSONValue, shown: Int) -> String {
            if let total = value["total"]?.intValue {
                let rows = style.firstRow > 1 ? "\(style.firstRow)–\(style.firstRow + shown - 1)" : "\(shown)"
                return "\(rows) of \(total) report\(total == 1 ? "" : "s")"
            }
            let version = value["version"]?.intValue.map { " · store version \($0)" } ?? ""
            return "\(shown) report\(shown == 1 ? "" : "s")" + version
        }

        static func statusColour(_ status: String) -> String? {
            switch status {
            case "pending": "33"
            case "resolved": "32"
            case "dismissed": "2"
            default: nil
            }
        }
    }
}
