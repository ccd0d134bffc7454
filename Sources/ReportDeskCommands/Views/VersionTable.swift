package import ReportDeskCore
package import ReportDeskInterpreter

/// `history` as a table fitted to the terminal, newest first, with the next-page hint.
package struct VersionTable: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        Layout(style: style).render(value)
    }

    private struct Layout {
        let style: TerminalStyle

        static let columns: [TextTable.Column] = [
            .init(header: "VERSION", alignRight: true),
            .init(header: "WHEN"),
            .init(header: "ACTOR", minimum: 6, shrinkOrder: 2, dropOrder: 1),
            .init(header: "COMMAND", minimum: 8, shrinkOrder: 3, dropOrder: 2),
            .init(header: "SUMMARY", minimum: 12, shrinkOrder: 1),
        ]

        func render(_ value: JSONValue) -> String {
            let versions = value["versions"]?.arrayValue ?? []
            if versions.isEmpty { return "No versions yet: nothing has changed this store." }
            let rows = versions.map { version -> [TextTable.Cell] in
                [
                    .init("\(version["version"]?.intValue ?? 0)"),
                    .init(version["at"]?.stringValue.flatMap(RFC3339.parse).map(style.localTime) ?? ""),
                    .init(SafeText.line(version["actor"]?.stringValue ?? "")),
                    .init(SafeText.line(version["command"]?.stringValue ?? "")),
                    .init(SafeText.line(version["summary"]?.stringValue ?? "")),
                ]
            }
            let summary = style.firstRow > 1
                ? "rows \(style.firstRow)–\(style.firstRow + versions.count - 1) of the history"
                : "\(versions.count) version\(versions.count == 1 ? "" : "s")"
            let lines = TextTable(columns: Self.columns, rows: rows).render(style: style)
                + PageFooter(style: style).lines(summary, next: value["nextCursor"])
            return lines.joined(separator: "\n")
        }
    }
}
