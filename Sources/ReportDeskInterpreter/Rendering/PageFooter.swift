package import ReportDeskCore

/// The dim line under a table: how many rows of how many, the zone times are shown in, and how to
/// get the next page — `more` in the REPL; elsewhere the `--cursor` to add, on a line of its own
/// so that it is never cut.
package struct PageFooter {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func lines(_ summary: String, next cursor: JSONValue?) -> [String] {
        var first = "\(summary) · times in \(style.zoneLabel)"
        let cursor = cursor.flatMap { $0.isNull ? nil : $0.stringValue ?? JSONWriter.string($0) }
        if cursor != nil, style.interactive { first += " · next page: more" }
        var lines = [style.paint(DisplayWidth.truncate(first, to: style.usableWidth), "2")]
        if let cursor, !style.interactive {
            lines.append(style.paint("next page: repeat with --cursor \(SafeText.line(cursor))", "2"))
        }
        return lines
    }
}
