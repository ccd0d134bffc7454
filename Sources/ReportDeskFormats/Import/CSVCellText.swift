/// Spreadsheet formula neutralisation, both ways: export prefixes an apostrophe to a cell a
/// spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, tab or CR) or that
/// starts with an apostrophe itself; import removes exactly that prefix, so a round trip keeps the
/// text as it was.
package enum CSVCellText {
    private static func isTrigger(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "=", "+", "-", "@", "\t", "\r", "'": true
        default: false
        }
    }

    /// The cell as written to a CSV export.
    package static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, isTrigger(first) else { return text }
        return "'" + text
    }

    /// The text a neutralised cell stood for.
    package static func restored(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, isTrigger(second) else { return text }
        return String(text.unicodeScalars.dropFirst())
    }
}
