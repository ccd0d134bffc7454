package import ReportDeskCore

/// Turns a command's JSON result into text for people: tables fitted to the terminal, cards, times
/// in the display zone with relative hints. Every user-written string passes through `SafeText`.
package struct HumanRenderer: Sendable {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func render(_ value: JSONValue, as presentation: Presentation) -> String {
        switch presentation {
        case .report:
            if value["reports"] != nil { return ReportTable(style: style).render(value) }
            return ReportCard(style: style).render(value)
        case .reportTable: return ReportTable(style: style).render(value)
        case .versions: return VersionTable(style: style).render(value)
        case .diff: return DiffText(style: style).render(value)
        case .help: return SafeText.block(value["text"]?.stringValue ?? "")
        case .taxonomy: return TaxonomyText().render(value)
        case .fields: return FieldList(style: style).render(value)
        }
    }

    /// `error: …` for stderr, one line.
    package func error(_ error: DeskError) -> String {
        style.paint("error:", "1;31") + " " + SafeText.line(error.message)
    }
}

/// Any JSON object as aligned `name  value` lines, nested objects indented.
struct FieldList {
    let style: TerminalStyle

    func render(_ value: JSONValue, indent: Int = 0) -> String {
        guard let object = value.objectValue else { return scalar(value) }
        let width = min(28, (object.keys.map(\.count).max() ?? 0) + 2)
        var lines: [String] = []
        let pad = String(repeating: " ", count: indent)
        for (key, member) in object {
            switch member {
            case .object(let nested) where !nested.isEmpty:
                lines.append(pad + key)
                lines.append(render(member, indent: indent + 2))
            case .array(let items) where items.contains(where: { $0.objectValue != nil }):
                lines.append(pad + key + (items.isEmpty ? "  (none)" : ""))
                for item in items {
                    lines.append(pad + "  - " + compact(item))
                }
            default:
                lines.append(pad + DisplayWidth.pad(key, to: width) + scalar(member))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func compact(_ value: JSONValue) -> String {
        guard let object = value.objectValue else { return scalar(value) }
        return object.map { "\($0.key)=\(scalar($0.value))" }.joined(separator: "  ")
    }

    func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "—"
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let number): return number.text
        case .string(let text):
            if text.hasSuffix("Z"), text.count >= 20, let instant = RFC3339.parse(text) {
                return style.localTime(instant) + " (" + style.relative(instant) + ")"
            }
            return SafeText.line(text)
        case .array(let items): return items.isEmpty ? "(none)" : items.map(scalar).joined(separator: ", ")
        case .object: return SafeText.line(JSONWriter.string(value))
        }
    }
}

/// The outline of categories and issue types.
struct TaxonomyText {
    func render(_ value: JSONValue) -> String {
        var lines: [String] = []
        for category in value["categories"]?.arrayValue ?? [] {
            let fields = (category["fields"]?.arrayValue ?? []).compactMap(\.stringValue)
            let appeal = category["appealable"]?.boolValue == true ? "; appeals" : ""
            lines.append("\(SafeText.line(category["id"]?.stringValue ?? ""))  \(SafeText.line(category["displayName"]?.stringValue ?? ""))  (fields: \(fields.isEmpty ? "none" : fields.joined(separator: ", "))\(appeal))")
            for issueType in category["issueTypes"]?.arrayValue ?? [] {
                let id = SafeText.line(issueType["id"]?.stringValue ?? "")
                lines.append("    " + DisplayWidth.pad(id, to: 24) + SafeText.line(issueType["displayName"]?.stringValue ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
