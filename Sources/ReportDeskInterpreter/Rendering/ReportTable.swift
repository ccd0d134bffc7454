import ReportDeskCore

/// A page of reports as a table sized to the terminal; long text ends in an ellipsis and a line
/// says how to get the next page.
struct ReportTable {
    let style: TerminalStyle

    func render(_ value: JSONValue) -> String {
        let reports = value["reports"]?.arrayValue ?? []
        if reports.isEmpty { return "No reports match." }
        let header = ["KEY", "STATUS", "CATEGORY", "ISSUE TYPE", "REPORTED (\(style.zone.identifier))", "DUE", "DETAILS / NOTE"]
        var rows: [[String]] = []
        var colours: [[String?]] = []
        for report in reports {
            let (due, dueColour) = dueText(report)
            let status = report["status"]?.stringValue ?? ""
            let text = report["details"]?.stringValue ?? report["note"]?.stringValue ?? ""
            rows.append([
                "\(report["key"]?.intValue ?? 0)",
                status,
                SafeText.line(report["category"]?.stringValue ?? ""),
                SafeText.line(report["issueType"]?.stringValue ?? ""),
                report["reportedAt"]?.stringValue.flatMap(RFC3339.parse).map(style.localTime) ?? "",
                due,
                SafeText.line(text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text),
            ])
            colours.append([nil, statusColour(status), nil, nil, nil, dueColour, nil])
        }
        let widths = fit(header: header, rows: rows)
        var lines = [line(header, widths: widths, colours: Array(repeating: "1", count: header.count))]
        for (row, rowColours) in zip(rows, colours) {
            lines.append(line(row, widths: widths, colours: rowColours))
        }
        if let total = value["total"]?.intValue {
            var footer = "\(reports.count) of \(total) report\(total == 1 ? "" : "s")"
            if let cursor = value["nextCursor"]?.stringValue {
                footer += " — more: repeat with --cursor \(cursor)"
            }
            lines.append(style.paint(footer, "2"))
        }
        return lines.joined(separator: "\n")
    }

    private func dueText(_ report: JSONValue) -> (String, String?) {
        guard let due = report["dueAt"]?.stringValue.flatMap(RFC3339.parse) else { return ("", nil) }
        if report["status"]?.stringValue == "pending" {
            if report["pastDue"]?.boolValue == true {
                return ("PAST DUE \(TerminalStyle.roughSpan(due.duration(until: style.now).milliseconds))", "1;31")
            }
            let left = style.now.duration(until: due).milliseconds
            return ("in \(TerminalStyle.roughSpan(left))", left < 6 * 3_600_000 ? "33" : nil)
        }
        return report["processedLate"]?.boolValue == true ? ("processed late", "35") : ("in time", "2")
    }

    private func statusColour(_ status: String) -> String? {
        switch status {
        case "pending": "33"
        case "resolved": "32"
        case "dismissed": "2"
        default: nil
        }
    }

    /// Column widths: each as wide as its content, the last taking what is left of the terminal;
    /// when even that does not fit, the widest text columns shrink.
    private func fit(header: [String], rows: [[String]]) -> [Int] {
        var widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(DisplayWidth.of).max() ?? 0
        }
        let gaps = 2 * (widths.count - 1)
        let fixed = widths.dropLast().reduce(0, +) + gaps
        let available = max(style.width - 1, 40)
        widths[widths.count - 1] = max(12, min(widths[widths.count - 1], available - fixed))
        var total = widths.reduce(0, +) + gaps
        while total > available {
            guard let widest = [2, 3, 4].max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 else { break }
            widths[widest] -= 1
            total -= 1
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], colours: [String?]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let cut = DisplayWidth.truncate(cell, to: widths[index])
            let padded = index == cells.count - 1 ? cut : DisplayWidth.pad(cut, to: widths[index])
            parts.append(colours[index].map { style.paint(padded, $0) } ?? padded)
        }
        return parts.joined(separator: "  ")
    }
}
