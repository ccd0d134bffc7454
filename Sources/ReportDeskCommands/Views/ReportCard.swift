package import ReportDeskCore
package import ReportDeskInterpreter

/// One report in full: every field, the note, the appeal and where the screenshot is kept. Long
/// text wraps under its label; everything a user or operator wrote is neutralised.
package struct ReportCard: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        // A change to several reports returns them as a list: a table, not a card.
        if value["reports"] != nil { return ReportTable().render(value, style: style) }
        return Layout(style: style).render(value)
    }

    private struct Layout {
        let style: TerminalStyle

        private static let labelWidth = 13
        private static let indent = String(repeating: " ", count: labelWidth + 2)

        func render(_ report: JSONValue) -> String {
            var lines = [title(report)]
            // Identifiers and paths wrap only between words, never inside one, so they can be copied whole.
            func add(_ label: String, _ text: String, whole: Bool = false) {
                lines.append("  " + DisplayWidth.pad(label, to: Self.labelWidth) + wrapped(text, breakingWords: !whole))
            }
            func addBlock(_ label: String, _ text: String) {
                add(label, SafeText.block(text))
            }
            let pending = report["status"]?.stringValue == "pending"
            add("Report ID", report["reportId"]?.stringValue.map(SafeText.line) ?? "—", whole: true)
            add("Open ID", report["openId"]?.stringValue.map(SafeText.line) ?? "— (not logged in)", whole: true)
            if let order = report["orderId"]?.stringValue { add("Order ID", SafeText.line(order), whole: true) }
            add("Reported", time(report["reportedAt"]))
            add("Due", time(report["dueAt"], due: true, pending: pending, pastDue: report["pastDue"]?.boolValue == true))
            add("Processed", time(report["processedAt"]))
            if let details = report["details"]?.stringValue { addBlock("Details", details) }
            if let shot = report["screenshot"], !shot.isNull { add("Screenshot", screenshot(shot), whole: true) }
            let note = report["note"]?.stringValue ?? ""
            addBlock("Note", note.isEmpty ? "—" : note)
            if let appeal = report["appeal"], !appeal.isNull {
                let status = SafeText.line(appeal["status"]?.stringValue ?? "")
                add("Appeal", style.paint(status, status == "open" ? "33" : nil) + " — opened " + time(appeal["openedAt"]))
                addBlock("  message", appeal["message"]?.stringValue ?? "")
                if let decided = appeal["decidedAt"], !decided.isNull { add("  decided", time(decided)) }
                if let appealNote = appeal["note"]?.stringValue, !appealNote.isEmpty { addBlock("  note", appealNote) }
            }
            if let related = report["related"], !related.isNull { addRelated(related, report) { add($0, $1) } }
            add("Version", "\(report["version"]?.intValue ?? 0)" + style.paint(" · times in \(style.zoneLabel)", "2"))
            if let notice = report["notice"]?.stringValue {
                lines.append("")
                lines.append(style.paint("Notice:", "1;33") + " " + wrapped(SafeText.block(notice), indent: "        "))
            }
            return lines.joined(separator: "\n")
        }

        /// Other reports from the same user and about the same order, with the command that lists
        /// them, so repeat reporters and duplicates stand out.
        private func addRelated(_ related: JSONValue, _ report: JSONValue, _ add: (String, String) -> Void) {
            for (field, label, flag) in [("sameOpenId", "Same user", "--open-id"), ("sameOrderId", "Same order", "--order-id")] {
                guard let count = related[field]?.intValue, count > 0,
                      let id = report[field == "sameOpenId" ? "openId" : "orderId"]?.stringValue else { continue }
                let others = count == 1 ? "1 other report" : "\(count) other reports"
                add(label, "\(others)" + style.paint(" · list \(flag) \(Tokenizer.quote(SafeText.line(id)))", "2"))
            }
        }

        /// `Report #17 · payment / refund_request · pending — PAST DUE`, each part painted on its own.
        private func title(_ report: JSONValue) -> String {
            let key = report["key"]?.intValue ?? 0
            let status = SafeText.line(report["status"]?.stringValue ?? "")
            let kind = "\(SafeText.line(report["category"]?.stringValue ?? "")) / \(SafeText.line(report["issueType"]?.stringValue ?? ""))"
            var state = style.paint(status, ReportTable.statusColour(status).map { "1;" + $0 })
            if report["pastDue"]?.boolValue == true {
                state += " " + style.paint("— PAST DUE", "1;31")
            } else if report["processedLate"]?.boolValue == true {
                state += " " + style.paint("(processed late)", "35")
            }
            let parts = [style.paint("Report #\(key)", "1"), kind, state]
            for separator in ["  ·  ", " · "] where DisplayWidth.of(parts.joined(separator: separator)) <= style.usableWidth {
                return parts.joined(separator: separator)
            }
            return parts[0] + "\n  " + wrapped(kind + " · " + state, indent: "  ")
        }

        private func time(_ value: JSONValue?, due: Bool = false, pending: Bool = false, pastDue: Bool = false) -> String {
            guard let instant = value?.stringValue.flatMap(RFC3339.parse) else { return "—" }
            let hint = due ? style.dueHint(instant, pending: pending) : style.relative(instant)
            return "\(style.localTime(instant)) (" + style.paint(hint, pastDue ? "1;31" : nil) + ")"
        }

        /// Where the evidence is: the kept file (path, type, size, digest) or the link.
        private func screenshot(_ shot: JSONValue) -> String {
            var parts: [String] = []
            if let path = shot["path"]?.stringValue { parts.append(SafeText.line(path)) }
            if let url = shot["url"]?.stringValue { parts.append(SafeText.line(url)) }
            var facts: [String] = []
            if let mediaType = shot["mediaType"]?.stringValue { facts.append(SafeText.line(mediaType)) }
            if let bytes = shot["bytes"]?.intValue { facts.append("\(bytes) bytes") }
            if let digest = shot["sha256"]?.stringValue { facts.append("sha256 " + SafeText.line(String(digest.prefix(12))) + "…") }
            if !facts.isEmpty { parts.append("(" + facts.joined(separator: ", ") + ")") }
            return parts.isEmpty ? "—" : parts.joined(separator: "  ")
        }

        /// Text after a label, wrapped to the terminal with continuation lines indented under it.
        private func wrapped(_ text: String, indent: String = Layout.indent, breakingWords: Bool = true) -> String {
            DisplayWidth.wrap(text, to: style.usableWidth - indent.count, breakingWords: breakingWords).joined(separator: "\n" + indent)
        }
    }
}
