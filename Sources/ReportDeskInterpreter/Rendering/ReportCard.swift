import ReportDeskCore

/// One report in full: every field, the note, the appeal and where the screenshot is kept.
struct ReportCard {
    let style: TerminalStyle

    func render(_ report: JSONValue) -> String {
        let fields = FieldList(style: style)
        let key = report["key"]?.intValue ?? 0
        let status = report["status"]?.stringValue ?? ""
        var title = "Report #\(key)  ·  \(SafeText.line(report["category"]?.stringValue ?? "")) / \(SafeText.line(report["issueType"]?.stringValue ?? ""))  ·  "
        var statusText = status
        if report["pastDue"]?.boolValue == true {
            statusText += " — PAST DUE"
        } else if report["processedLate"]?.boolValue == true {
            statusText += " (processed late)"
        }
        title += style.paint(statusText, report["pastDue"]?.boolValue == true ? "1;31" : status == "pending" ? "33" : status == "resolved" ? "32" : "2")
        var lines = [style.paint(title, "1")]
        func add(_ label: String, _ text: String) {
            lines.append("  " + DisplayWidth.pad(label, to: 13) + text)
        }
        func time(_ name: String) -> String {
            guard let instant = report[name]?.stringValue.flatMap(RFC3339.parse) else { return "—" }
            return "\(style.localTime(instant)) (\(style.relative(instant)))"
        }
        add("Report ID", fields.scalar(report["reportId"] ?? .null))
        add("Open ID", report["openId"]?.stringValue.map(SafeText.line) ?? "— (not logged in)")
        if let order = report["orderId"]?.stringValue { add("Order ID", SafeText.line(order)) }
        add("Reported", time("reportedAt"))
        add("Due", time("dueAt"))
        add("Processed", time("processedAt"))
        if let details = report["details"]?.stringValue { add("Details", indentBlock(details)) }
        if let shot = report["screenshot"], !shot.isNull {
            var text = shot["path"]?.stringValue.map(SafeText.line) ?? shot["url"]?.stringValue.map(SafeText.line) ?? "—"
            if let bytes = shot["bytes"]?.intValue { text += "  (\(shot["mediaType"]?.stringValue ?? "image"), \(bytes) bytes)" }
            add("Screenshot", text)
        }
        let note = report["note"]?.stringValue ?? ""
        add("Note", note.isEmpty ? "—" : indentBlock(note))
        if let appeal = report["appeal"], !appeal.isNull {
            add("Appeal", "\(appeal["status"]?.stringValue ?? "") — opened \(fields.scalar(appeal["openedAt"] ?? .null))")
            add("  message", indentBlock(appeal["message"]?.stringValue ?? ""))
            if let decided = appeal["decidedAt"], !decided.isNull { add("  decided", fields.scalar(decided)) }
            if let appealNote = appeal["note"]?.stringValue, !appealNote.isEmpty { add("  note", indentBlock(appealNote)) }
        }
        add("Version", "\(report["version"]?.intValue ?? 0)")
        if let notice = report["notice"]?.stringValue {
            lines.append("")
            lines.append(style.paint("Notice: ", "1;33") + SafeText.line(notice))
        }
        return lines.joined(separator: "\n")
    }

    private func indentBlock(_ text: String) -> String {
        SafeText.block(text).split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + String(repeating: " ", count: 15))
    }
}
