package import ReportDeskCore

/// The names import accepts for a field table's columns (R13): camelCase, the console's headings
/// and their other spellings, matched without regard to case, spaces or punctuation ("Report ID" =
/// "reportId" = "report_id"). Names of fields import ignores map to `.derived`, as do columns the
/// row decoder has no rule for.
package struct ImportNames: Sendable {
    private let fields: [String: ImportField]

    package init(fields table: ReportFieldTable = .standard) {
        var fields: [String: ImportField] = [:]
        for (name, column) in table.importNames {
            fields[ImportField.normalised(name)] = column.flatMap(ImportField.init(columnName:)) ?? .derived
        }
        self.fields = fields
    }

    package static let standard = ImportNames()

    /// The slot a heading or JSON key fills; `nil` for one the table does not name.
    package func field(named name: String) -> ImportField? {
        fields[ImportField.normalised(name)]
    }

    /// Every accepted name, normalised.
    package var acceptedNames: Set<String> { Set(fields.keys) }
}
