package import ReportDeskCore

/// Turns a command's JSON result into text for people: tables fitted to the terminal, cards, times
/// in the display zone with relative hints. Every user-written string passes through `SafeText`.
package struct HumanRenderer: Sendable {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func render(_ value: JSONValue, as presentation: Presentation, arguments: Arguments? = nil) -> String {
        switch presentation {
        case .view(let view): return view.render(value, arguments, style)
        case .report:
            if value["reports"] != nil { return ReportTable(style: style).render(value) }
            return ReportCard(style: style).render(value)
        case .reportTable: return ReportTable(style: style).render(value)
        case .versions: return VersionTable(style: style).render(value)
        case .diff: return DiffText(style: style).render(value)
        case .help: return helpText(SafeText.block(value["text"]?.stringValue ?? ""))
        case .taxonomy: return TaxonomyText(style: style).render(value)
        case .fields: return FieldList(style: style).render(value)
        }
    }

    /// Help wrapped to the terminal, each wrapped line indented a little under its own start.
    private func helpText(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let indent = String(repeating: " ", count: line.prefix { $0 == " " }.count)
            let lines = DisplayWidth.wrap(String(line.dropFirst(indent.count)), to: style.usableWidth - indent.count - 2)
            return indent + lines.joined(separator: "\n" + indent + "  ")
        }.joined(separator: "\n")
    }

    /// `error: …` for stderr, one line.
    package func error(_ error: DeskError) -> String {
        style.paint("error:", "1;31") + " " + SafeText.line(error.message)
    }
}
