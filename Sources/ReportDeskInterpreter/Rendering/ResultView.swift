package import ReportDeskCore

/// A result drawn by the command's own view rather than one of the interpreter's layouts: a pure
/// function of the result, the bound parameters (display options such as `--ascii`) and the style.
package struct ResultView: Sendable, Equatable {
    /// Names the view, so presentations compare.
    package let name: String
    package let render: @Sendable (JSONValue, Arguments?, TerminalStyle) -> String

    package init(name: String, render: @escaping @Sendable (JSONValue, Arguments?, TerminalStyle) -> String) {
        self.name = name
        self.render = render
    }

    package static func == (left: ResultView, right: ResultView) -> Bool { left.name == right.name }
}
