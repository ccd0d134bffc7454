package import ReportDeskCore

/// One row's values by field before the desk's rules are applied: what a CSV record or a JSON
/// object said, with empty cells and `null`s left out (an empty export cell means "not given").
package struct ImportRow {
    package enum Value: Equatable {
        case text(String)
        /// An object (screenshot, appeal) as JSON gave it.
        case json(JSONValue)
    }

    private var values: [Value?] = Array(repeating: nil, count: ImportField.allCases.count)

    package init() {}

    package subscript(field: ImportField) -> Value? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    package func text(_ field: ImportField) -> String? {
        if case .text(let text)? = self[field] { return text }
        return nil
    }
}
