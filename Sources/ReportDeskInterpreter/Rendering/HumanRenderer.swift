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

    /// `error: …` for stderr, one line.
    package func error(_ error: DeskError) -> String {
        error.isDeclined ? SafeText.line(error.message) : style.paint("error:", "1;31") + " " + SafeText.line(error.message)
    }
}
