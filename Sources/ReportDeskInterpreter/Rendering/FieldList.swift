package import ReportDeskCore

/// Any JSON object as aligned `name  value` lines, nested objects indented; a list of objects a
/// view knows (the reports `undo` returns) as that view's table. Names are neutralised too: a
/// store's categories and issue types become keys of `stats`.
package struct FieldList {
    package let style: TerminalStyle
    /// Text for a list of objects shown as a table, or nil to list them one per line.
    package let table: (([JSONValue]) -> String?)?

    package init(style: TerminalStyle, table: (([JSONValue]) -> String?)? = nil) {
        self.style = style
        self.table = table
    }

    package func render(_ value: JSONValue, indent: Int = 0) -> String {
        guard let object = value.objectValue else { return scalar(value) }
        let pad = String(repeating: " ", count: indent)
        let width = min(28, (object.keys.map { DisplayWidth.of(SafeText.line($0)) }.max() ?? 0) + 2)
        var lines: [String] = []
        for (key, member) in object {
            let name = SafeText.line(key)
            switch member {
            case .object(let nested) where !nested.isEmpty:
                lines.append(pad + name)
                lines.append(render(member, indent: indent + 2))
            case .array(let items) where items.contains(where: { $0.objectValue != nil }):
                if let table = table?(items) {
                    lines.append(pad + name)
                    lines.append(table)
                    continue
                }
                lines.append(pad + name)
                lines += items.flatMap { wrapped(compact($0), first: pad + "  - ", then: pad + "    ") }
            default:
                lines += wrapped(scalar(member), first: pad + DisplayWidth.pad(name, to: width),
                                 then: String(repeating: " ", count: indent + width))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// On a terminal a long value wraps by words under itself (an import's rejection reasons);
    /// elsewhere it stays on one line for the next tool.
    private func wrapped(_ text: String, first: String, then indent: String) -> [String] {
        guard style.terminal, DisplayWidth.of(first + text) > style.usableWidth else { return [first + text] }
        let lines = DisplayWidth.wrap(text, to: style.usableWidth - DisplayWidth.of(indent), breakingWords: false)
        return lines.enumerated().map { ($0.offset == 0 ? first : indent) + $0.element }
    }

    private func compact(_ value: JSONValue) -> String {
        guard let object = value.objectValue else { return scalar(value) }
        return object.map { "\(SafeText.line($0.key))=\(scalar($0.value))" }.joined(separator: "  ")
    }

    /// One value on one line; instants in the display zone with a relative hint.
    package func scalar(_ value: JSONValue) -> String {
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
