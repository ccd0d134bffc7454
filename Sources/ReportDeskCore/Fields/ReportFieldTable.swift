/// A report's fields described once, in the order of the report JSON. Every shape of a report is
/// built from a table: the report JSON and its schema, the version log's state, export rows, the
/// headings import accepts, the store's columns and the fingerprint. Builders take the table as a
/// parameter (the standard one by default), so a field added to the table appears in all of them.
package struct ReportFieldTable: Sendable {
    package let fields: [ReportFieldSpec]
    /// Each field's JSON key and value, taken out of the specs once: the report JSON is built for
    /// every report of every page, and copying whole specs there showed in profiles.
    private let jsonMembers: [(name: String, json: @Sendable (Report, FieldContext) -> JSONValue)]

    package init(fields: [ReportFieldSpec]) {
        self.fields = fields
        jsonMembers = fields.map { ($0.name, $0.json) }
    }

    /// The fields that have a role.
    package func fields(_ role: ReportFieldSpec.Roles) -> [ReportFieldSpec] {
        fields.filter { $0.roles.contains(role) }
    }

    // MARK: JSON

    /// The report as every front end returns it, with its derived facts at `context.now`.
    package func json(of report: Report, _ context: FieldContext) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(jsonMembers.count)
        for member in jsonMembers { members.append((key: member.name, value: member.json(report, context))) }
        return .object(JSONObject(members: members))
    }

    /// The JSON Schema of `json(of:_:)`: every member is present.
    package var schema: JSONValue {
        .object(JSONObject([
            ("type", "object"),
            ("properties", .object(JSONObject(fields.map { ($0.name, $0.schema) }))),
            ("required", .array(fields.map { .string($0.name) })),
        ]))
    }

    /// The stored state the version log keeps before and after each change (R12).
    package func stateJSON(of report: Report) -> JSONValue {
        let context = FieldContext(now: report.reportedAt, screenshotPath: .omitted)
        return .object(JSONObject(fields(.logged).map { ($0.name, $0.json(report, context)) }))
    }

    /// Reads a version-log state back; `nil` if it is not one.
    package func report(fromState json: JSONValue, version: Int) -> Report? {
        guard case .object(let object) = json else { return nil }
        var report = Report(key: 0, category: "", issueType: "", reportedAt: Instant(milliseconds: 0), version: version)
        for field in fields(.logged) {
            guard let read = field.readState, read(object[field.name], &report) else { return nil }
        }
        return report
    }

    /// A JSON Lines export row: what another store needs to hold the same report and what a reader
    /// needs to find it and judge it, without the store's version. `screenshotPath` names the copy
    /// of a stored screenshot beside the export.
    package func exportJSON(of report: Report, now: Instant, screenshotPath: String?) -> JSONValue {
        let context = FieldContext(now: now, screenshotPath: .given(screenshotPath))
        return .object(JSONObject(fields(.exported).map { ($0.name, $0.json(report, context)) }))
    }

    // MARK: Console columns

    /// The headings of a CSV export, in order.
    package var csvHeadings: [String] {
        fields(.exported).flatMap { $0.columns.map(\.heading) }
    }

    /// The cells of a CSV export row, in `csvHeadings` order (`nil`: an empty cell).
    package func csvCells(of report: Report, _ context: FieldContext) -> [String?] {
        var cells: [String?] = []
        for field in fields where field.roles.contains(.exported) {
            for column in field.columns { cells.append(column.cell(report, context)) }
        }
        return cells
    }

    /// Every name import recognises (R13: camelCase, console headings and their other spellings),
    /// each with the column it fills; `nil` for fields import ignores (derived facts, the key and
    /// the version, which the importing store gives).
    package var importNames: [(name: String, column: String?)] {
        var names: [(String, String?)] = []
        for field in fields {
            let imported = field.roles.contains(.imported)
            names.append((field.name, imported ? field.name : nil))
            names.append((field.consoleName, imported ? field.name : nil))
            for column in field.columns {
                for name in [column.name, column.heading] + column.aliases {
                    names.append((name, imported ? column.name : nil))
                }
            }
        }
        return names
    }

    // MARK: Storage and identity

    /// The store's columns of a report, in order.
    package var storeColumns: [String] { fields.flatMap(\.storeColumns) }

    /// What the fingerprint of a report without a platform Report ID is taken over (R13): the
    /// identity fields' text, separated by U+001F.
    package func identityText(of report: Report) -> String {
        var text = ""
        var first = true
        for field in fields {
            guard let identityText = field.identityText else { continue }
            if !first { text.unicodeScalars.append("\u{1F}") }
            first = false
            text += identityText(report)
        }
        return text
    }
}
