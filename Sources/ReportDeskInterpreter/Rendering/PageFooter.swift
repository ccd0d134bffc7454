package import ReportDeskCore

/// The dim line under a table: how many rows of how many, the zone times are shown in, and how to
/// get the next page — `more` in the REPL; elsewhere the `--cursor` to add, on a line of its own
/// so that it is never cut.
package struct PageFooter {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func lines(_ summary: String, next cursor: JSONValue?) -> [String] {
        let cursor = cursor.flatMap { $0.isNull ? nil : $0.stringValue ?? JSONWriter.string($0) }
        var parts = [summary, "times in \(style.zoneLabel)"].map { DisplayWidth.truncate($0, to: style.usableWidth) }
        if cursor != nil, style.interactive { parts.append("next page: more") }
        // Parts that do not fit go to the next line whole, so the hint is never cut.
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, DisplayWidth.of(last + " · " + part) <= style.usableWidth {
                lines[lines.count - 1] = last + " · " + part
            } else {
                lines.append(part)
            }
        }
        if let cursor, !style.interactive { lines.append("next page: repeat with --cursor \(SafeText.line(cursor))") }
        return lines.map { style.paint($0, "2") }
    }
}
