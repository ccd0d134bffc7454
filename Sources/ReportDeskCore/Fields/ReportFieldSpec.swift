/// One field of a report as every shape of it sees it: the report JSON and its schema, the version
/// log's state, the store's columns, export rows, import headings and the import identity.
package struct ReportFieldSpec: Sendable {
    /// Where a field appears besides the report JSON (which holds every field).
    package struct Roles: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }

        /// Kept in the version log's state (R12); the version itself is the entry's, not the state's.
        package static let logged = Roles(rawValue: 1 << 0)
        /// Written by `export`.
        package static let exported = Roles(rawValue: 1 << 1)
        /// Read by `import`; the others are recognised there and ignored.
        package static let imported = Roles(rawValue: 1 << 2)
        /// Part of the fingerprint that identifies a report without a platform Report ID (R13).
        package static let identity = Roles(rawValue: 1 << 3)
    }

    /// The JSON key.
    package let name: String
    package let type: FieldType
    package let nullable: Bool
    /// The R3 field this is, when its presence depends on the category.
    package let categoryField: ReportField?
    /// The store's columns, in order; empty for a derived fact (R6: computed, never stored).
    package let storeColumns: [String]
    package let roles: Roles
    /// The console's name for the field as a whole; import accepts it besides `name`.
    package let consoleName: String
    /// The console columns (CSV export's headings and cells, import's accepted headings).
    package let columns: [FieldColumn]
    /// The value in the report JSON, the state and export rows.
    package let json: @Sendable (Report, FieldContext) -> JSONValue
    /// Reads the value back from a version-log state into `report`; `false` when it is missing
    /// or invalid and the state cannot be read. `nil` for fields the state does not hold.
    package let readState: (@Sendable (JSONValue?, inout Report) -> Bool)?
    /// The text the fingerprint takes of the field (identity fields only).
    package let identityText: (@Sendable (Report) -> String)?

    package init(_ name: String, _ type: FieldType, nullable: Bool = false, categoryField: ReportField? = nil,
                 storeColumns: [String], roles: Roles, consoleName: String, aliases: [String] = [],
                 columns: [FieldColumn]? = nil,
                 json: @escaping @Sendable (Report, FieldContext) -> JSONValue,
                 cell: (@Sendable (Report, FieldContext) -> String?)? = nil,
                 readState: (@Sendable (JSONValue?, inout Report) -> Bool)? = nil,
                 identityText: (@Sendable (Report) -> String)? = nil) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.categoryField = categoryField
        self.storeColumns = storeColumns
        self.roles = roles
        self.consoleName = consoleName
        // A field without columns of its own has one: its console name, its JSON value as text.
        self.columns = columns ?? [FieldColumn(name, consoleName, aliases: aliases, cell: cell ?? { report, context in
            switch json(report, context) {
            case .null: nil
            case .string(let text): text
            case .bool(let flag): flag ? "true" : "false"
            case .number(let number): number.text
            case let other: JSONWriter.string(other)
            }
        })]
        self.json = json
        self.readState = readState
        self.identityText = identityText
    }

    /// Computed from the times and the clock, never stored (R6).
    package var isDerived: Bool { storeColumns.isEmpty }

    package var schema: JSONValue { type.schema(nullable: nullable) }
}
