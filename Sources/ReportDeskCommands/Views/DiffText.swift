package import ReportDeskCore
package import ReportDeskInterpreter

/// `diff` field by field: `#17 changed` then `status: pending → resolved`. Changed texts are shown
/// in full: a multi-line text as a line diff (`-` removed, `+` added, unchanged lines indented), a
/// long one as its old and new text on lines of their own; objects (the appeal, the screenshot) as
/// their fields that changed, never as raw JSON.
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
            let count = "\(reports.count) report\(reports.count == 1 ? "" : "s")"
            let recorded = value["recordedChanges"]?.intValue ?? 0
            let heading = next == nil ? "\(count) changed between \(range)"
                : "\(count) changed between \(range) on this page, of \(recorded) report change\(recorded == 1 ? "" : "s") recorded in between"
            var lines = [style.paint(heading, "1")]
            for report in reports {
                lines.append("#\(report["key"]?.intValue ?? 0) \(SafeText.line(report["change"]?.stringValue ?? ""))")
                for field in report["fields"]?.arrayValue ?? [] {
                    lines += change(SafeText.line(field["field"]?.stringValue ?? ""), from: field["from"] ?? .null, to: field["to"] ?? .null)
                }
            }
            if let next {
                lines.append(style.paint(style.interactive ? "next page: more" : "next page: repeat with --cursor \(next)", "2"))
            }
            return lines.joined(separator: "\n")
        }

        /// The lines for one changed field; objects become one change per member that differs.
        private func change(_ name: String, from: JSONValue, to: JSONValue) -> [String] {
            if from.objectValue != nil || to.objectValue != nil {
                let old = from.objectValue ?? JSONObject(), new = to.objectValue ?? JSONObject()
                var keys = old.keys
                for key in new.keys where !keys.contains(key) { keys.append(key) }
                let changed = keys.filter { (old[$0] ?? .null) != (new[$0] ?? .null) }
                if changed.isEmpty { return ["  \(name): " + style.paint(shown(from), "31") + " → " + style.paint(shown(to), "32")] }
                return changed.flatMap { change(name + "." + SafeText.line($0), from: old[$0] ?? .null, to: new[$0] ?? .null) }
            }
            if let old = from.stringValue, let new = to.stringValue, old.contains("\n") || new.contains("\n") {
                return ["  \(name):"] + lineDiff(old, new)
            }
            let old = shown(from), new = shown(to)
            let single = "  \(name): \(old) → \(new)"
            if DisplayWidth.of(single) <= style.usableWidth {
                return ["  \(name): " + style.paint(old, "31") + " → " + style.paint(new, "32")]
            }
            return ["  \(name):"] + marked("-", old, colour: "31") + marked("+", new, colour: "32")
        }

        /// Old and new lines of a text, unchanged ones kept as context, by their longest common run.
        private func lineDiff(_ old: String, _ new: String) -> [String] {
            let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Longest common subsequence table, from the ends.
            var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
                }
            }
            var lines: [String] = []
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    lines += marked(" ", SafeText.line(a[i]), colour: nil)
                    i += 1
                    j += 1
                } else if j < b.count, i == a.count || common[i][j + 1] >= common[i + 1][j] {
                    lines += marked("+", SafeText.line(b[j]), colour: "32")
                    j += 1
                } else {
                    lines += marked("-", SafeText.line(a[i]), colour: "31")
                    i += 1
                }
            }
            return lines
        }

        /// `    - text`, wrapped by words under the text.
        private func marked(_ sign: String, _ text: String, colour: String?) -> [String] {
            let prefix = "    \(sign) "
            return DisplayWidth.wrap(text, to: style.usableWidth - prefix.count).enumerated().map { index, line in
                (index == 0 ? prefix : String(repeating: " ", count: prefix.count)) + style.paint(line, colour)
            }
        }

        /// An empty text shows as `""` so that "emptied" and "unchanged" look different.
        private func shown(_ value: JSONValue) -> String {
            value.stringValue == "" ? "\"\"" : FieldList(style: style).scalar(value)
        }
    }
}
