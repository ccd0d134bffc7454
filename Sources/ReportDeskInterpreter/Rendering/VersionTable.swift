import ReportDeskCore

/// `history` as a table, newest first.
struct VersionTable {
    let style: TerminalStyle

    func render(_ value: JSONValue) -> String {
        let versions = value["versions"]?.arrayValue ?? []
        if versions.isEmpty { return "No versions yet: nothing has changed this store." }
        var lines = [style.paint("VERSION  WHEN (\(style.zone.identifier))  ACTOR         COMMAND         SUMMARY", "1")]
        for version in versions {
            let when = version["at"]?.stringValue.flatMap(RFC3339.parse).map(style.localTime) ?? ""
            let row = DisplayWidth.pad("\(version["version"]?.intValue ?? 0)", to: 9)
                + DisplayWidth.pad(when, to: 18 + style.zone.identifier.count - 5)
                + DisplayWidth.pad(DisplayWidth.truncate(SafeText.line(version["actor"]?.stringValue ?? ""), to: 12), to: 14)
                + DisplayWidth.pad(SafeText.line(version["command"]?.stringValue ?? ""), to: 16)
                + SafeText.line(version["summary"]?.stringValue ?? "")
            lines.append(DisplayWidth.truncate(row, to: max(style.width - 1, 40)))
        }
        if let cursor = value["nextCursor"], !cursor.isNull {
            lines.append(style.paint("more: repeat with --cursor \(FieldList(style: style).scalar(cursor))", "2"))
        }
        return lines.joined(separator: "\n")
    }
}

/// `diff` field by field: `#17 changed` then `status: pending → resolved`.
struct DiffText {
    let style: TerminalStyle

    func render(_ value: JSONValue) -> String {
        let reports = value["reports"]?.arrayValue ?? []
        let range = "versions \(value["from"]?.intValue ?? 0) → \(value["to"]?.intValue ?? 0)"
        if reports.isEmpty { return "No report changed between \(range)." }
        let fields = FieldList(style: style)
        var lines = [style.paint("\(reports.count) report\(reports.count == 1 ? "" : "s") changed between \(range)", "1")]
        for report in reports {
            lines.append("#\(report["key"]?.intValue ?? 0) \(report["change"]?.stringValue ?? "")")
            for field in report["fields"]?.arrayValue ?? [] {
                let name = field["field"]?.stringValue ?? ""
                let from = DisplayWidth.truncate(fields.scalar(field["from"] ?? .null), to: 60)
                let to = DisplayWidth.truncate(fields.scalar(field["to"] ?? .null), to: 60)
                lines.append("  \(name): \(style.paint(from, "31")) → \(style.paint(to, "32"))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
