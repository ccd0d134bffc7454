package import ReportDeskCore
package import ReportDeskInterpreter

/// The outline of categories and their issue types (a store may add both, so all of it is neutralised).
package struct TaxonomyText: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        Layout(style: style).render(value)
    }

    private struct Layout {
        let style: TerminalStyle

        func render(_ value: JSONValue) -> String {
            var lines: [String] = []
            for category in value["categories"]?.arrayValue ?? [] {
                let fields = (category["fields"]?.arrayValue ?? []).compactMap(\.stringValue).map(SafeText.line)
                let appeal = category["appealable"]?.boolValue == true ? "; appeals" : ""
                let id = style.paint(SafeText.line(category["id"]?.stringValue ?? ""), "1")
                lines.append("\(id)  \(SafeText.line(category["displayName"]?.stringValue ?? ""))  (fields: \(fields.isEmpty ? "none" : fields.joined(separator: ", "))\(appeal))")
                for issueType in category["issueTypes"]?.arrayValue ?? [] {
                    let typeID = SafeText.line(issueType["id"]?.stringValue ?? "")
                    lines.append("    " + DisplayWidth.pad(typeID, to: 24) + SafeText.line(issueType["displayName"]?.stringValue ?? ""))
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
