package import ReportDeskCore

/// Turns a command's JSON result into text for people through the result's view: tables fitted to
/// the terminal, cards, times in the display zone with relative hints. Every user-written string
/// passes through `SafeText`.
package struct HumanRenderer: Sendable {
    package let style: TerminalStyle

    package init(style: TerminalStyle) { self.style = style }

    package func render(_ value: JSONValue, with view: any ResultView, arguments: BoundArguments? = nil) -> String {
        view.render(value, arguments: arguments, style: style)
    }

    /// `error: …` for stderr: one line, or on a terminal wrapped by words to its width with the
    /// continuation lines under the message, as cards and help wrap.
    package func error(_ error: DeskError) -> String {
        let message = SafeText.line(error.message)
        // A declined confirmation is no failure: people read it without "error:".
        let label = error.isDeclined ? "" : style.paint("error:", "1;31") + " "
        guard style.terminal else { return label + message }
        let indent = String(repeating: " ", count: error.isDeclined ? 0 : 7)
        let lines = DisplayWidth.wrap(message, to: style.usableWidth - indent.count, breakingWords: false)
        return label + lines.joined(separator: "\n" + indent)
    }
}
