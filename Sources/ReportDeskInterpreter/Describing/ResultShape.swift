package import ReportDeskCore

/// What a command returns, as the front ends need it: the JSON Schema of its result (for
/// `rpc.discover`, MCP and tests) and the view that shows it to people. Both come from the command's
/// own declaration (`Command.result` and the view given to its spec).
package struct ResultShape: Sendable {
    private let makeSchema: @Sendable () -> JSONValue
    package let view: any ResultView

    package init(schema: @autoclosure @escaping @Sendable () -> JSONValue, view: any ResultView) {
        makeSchema = schema
        self.view = view
    }

    package var schema: JSONValue { makeSchema() }
}

/// JSON Schemas shared by several commands' results.
package enum Schemas {
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let instant: JSONValue = ["type": "string", "format": "date-time"]
    static let nullableInstant: JSONValue = ["type": ["string", "null"], "format": "date-time"]

    /// The report JSON's schema, from the field table that builds the report JSON.
    package static let report: JSONValue = ReportFieldTable.standard.schema

    /// An object schema whose listed properties are all required.
    package static func object(_ properties: JSONObject, optional: [String] = []) -> JSONValue {
        .object(JSONObject([
            ("type", "object"),
            ("properties", .object(properties)),
            ("required", .array(properties.keys.filter { !optional.contains($0) }.map(JSONValue.string))),
        ]))
    }

    package static let anyObject: JSONValue = ["type": "object"]
}

extension ValueShape where Value == JSONValue {
    /// One report's JSON as the store writes it (`Report.json(now:)`).
    package static let report = ValueShape.json(Schemas.report)
}
