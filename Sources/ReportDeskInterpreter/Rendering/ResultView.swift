package import ReportDeskCore

/// How people see a command's result: its JSON turned into text for a terminal. The interpreter
/// declares the protocol and the generic views; views of reports live beside the commands.
package protocol ResultView: Sendable {
    func render(_ value: JSONValue, style: TerminalStyle) -> String
    /// Views with display options of their own (`stats --ascii`) read them from the bound
    /// parameters; the rest render the value alone.
    func render(_ value: JSONValue, arguments: BoundArguments?, style: TerminalStyle) -> String
}

extension ResultView {
    package func render(_ value: JSONValue, arguments: BoundArguments?, style: TerminalStyle) -> String {
        render(value, style: style)
    }
}

/// Any object as aligned `name: value` lines (`FieldList`); `table` shows a list of objects it
/// knows as a table (nil: one per line).
package struct FieldsView: ResultView {
    private let table: (@Sendable ([JSONValue], TerminalStyle) -> String?)?

    package init(table: (@Sendable ([JSONValue], TerminalStyle) -> String?)? = nil) {
        self.table = table
    }

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        FieldList(style: style, table: table.map { table in { table($0, style) } }).render(value)
    }
}

/// The `text` member of a result, wrapped to the terminal, each wrapped line indented a little
/// under its own start (help, and export's one line).
package struct TextView: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        SafeText.block(value["text"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let indent = String(repeating: " ", count: line.prefix { $0 == " " }.count)
            let lines = DisplayWidth.wrap(String(line.dropFirst(indent.count)), to: style.usableWidth - indent.count - 2)
            return indent + lines.joined(separator: "\n" + indent + "  ")
        }.joined(separator: "\n")
    }
}

/// The `text` member exactly as written, for text another program reads (a completion script, a
/// man page): no wrapping, nothing made visible.
package struct VerbatimTextView: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        value["text"]?.stringValue ?? ""
    }
}
