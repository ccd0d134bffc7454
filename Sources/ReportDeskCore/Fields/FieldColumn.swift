/// One console column of a field (R13): the heading CSV export writes and import reads, the other
/// headings import accepts, and the cell's text. Most fields have one; an appeal has five.
package struct FieldColumn: Sendable {
    /// The column's name in camelCase (`reportId`, `appeal.status`), used in rejection reasons.
    package let name: String
    /// The console's heading, written by CSV export.
    package let heading: String
    /// Other headings import accepts for the column.
    package let aliases: [String]
    /// The cell's text; `nil` writes an empty cell.
    package let cell: @Sendable (Report, FieldContext) -> String?

    package init(_ name: String, _ heading: String, aliases: [String] = [],
                 cell: @escaping @Sendable (Report, FieldContext) -> String?) {
        self.name = name
        self.heading = heading
        self.aliases = aliases
        self.cell = cell
    }
}
