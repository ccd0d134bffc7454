import ReportDeskCore

/// Renders an execution for one-shot and script mode (and the REPL): with `--json` exactly one
/// JSON line on stdout (on stderr when stdout carried the command's data), the same value a
/// JSON-RPC client gets (errors as `{"error":…}`); otherwise human text on stdout and errors as one
/// readable line on stderr (README, Modes).
package struct OutputFormatter: Sendable {
    package let json: Bool
    package let style: TerminalStyle
    /// How errors are drawn: standard error may be a terminal when standard output is not.
    package let errorStyle: TerminalStyle

    package init(json: Bool, style: TerminalStyle, errorStyle: TerminalStyle? = nil) {
        self.json = json
        self.style = style
        self.errorStyle = errorStyle ?? style
    }

    package struct Output: Sendable {
        package var standardOutput: String?
        package var standardError: String?
    }

    package func format(_ execution: Interpreter.Execution) -> Output {
        switch execution.outcome {
        case .success(let value):
            if json {
                // Standard output holds the command's data (an export's rows): the result goes to
                // standard error, so stdout stays one kind of value.
                if execution.wroteStandardOutput { return Output(standardError: JSONWriter.string(value) + "\n") }
                return Output(standardOutput: JSONWriter.string(value) + "\n")
            }
            let text = HumanRenderer(style: style).render(value, with: execution.spec?.result.view ?? FieldsView(),
                                                          arguments: execution.arguments)
            // A result's `warnings` (a report time later than now) are told to people on stderr.
            let warnings = (value["warnings"]?.arrayValue ?? []).compactMap(\.stringValue)
                .map { "warning: " + SafeText.line($0) + "\n" }.joined()
            return Output(standardOutput: text.isEmpty ? nil : text + "\n", standardError: warnings.isEmpty ? nil : warnings)
        case .failure(let error):
            if json { return Output(standardOutput: JSONWriter.string(.object(JSONObject([("error", error.json)]))) + "\n") }
            return Output(standardError: HumanRenderer(style: errorStyle).error(error) + "\n")
        }
    }

    /// Exit status: 0 success, 2 usage error, 1 any other failure (README, Modes).
    package static func exitStatus(_ execution: Interpreter.Execution) -> Int32 {
        switch execution.outcome {
        case .success: 0
        case .failure(let error): error.code.isUsageError ? 2 : 1
        }
    }
}
