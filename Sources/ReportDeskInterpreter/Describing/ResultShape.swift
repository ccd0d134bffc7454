package import ReportDeskCore

/// What a command returns: the JSON Schema of its result (for `rpc.discover`, MCP and tests) and
/// how people see it. The schema is built when asked for: a one-shot command matches its words
/// against every declaration, and building every result schema then was a sixth of its start-up.
package struct ResultShape: Sendable {
    private let makeSchema: @Sendable () -> JSONValue
    package let presentation: Presentation

    package init(schema: @autoclosure @escaping @Sendable () -> JSONValue, presentation: Presentation) {
        makeSchema = schema
        self.presentation = presentation
    }

    package var schema: JSONValue { makeSchema() }
}

/// How the human renderer lays out a result.
package enum Presentation: Sendable, Equatable {
    /// One report as a card.
    case report
    /// `{reports, total?, nextCursor?}` as a table.
    case reportTable
    /// `{versions, nextCursor}` as a table.
    case versions
    /// `{reports:[{key, kind, fields}]}` field by field.
    case diff
    /// Help text (`help`).
    case help
    /// `taxonomy` as an outline.
    case taxonomy
    /// Any object as aligned `name: value` lines.
    case fields
    /// Drawn by a view the command declares (the `stats` dashboard).
    case view(ResultView)
}

/// JSON Schemas shared by several commands' results (INTERFACE.md, report JSON).
package enum Schemas {
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let instant: JSONValue = ["type": "string", "format": "date-time"]
    static let nullableInstant: JSONValue = ["type": ["string", "null"], "format": "date-time"]

    package static let report: JSONValue = object([
        "key": ["type": "integer", "minimum": 1],
        "reportId": nullableString,
        "category": ["type": "string"],
        "issueType": ["type": "string"],
        "openId": nullableString,
        "details": nullableString,
        "orderId": nullableString,
        "screenshot": ["type": ["object", "null"], "properties": [
            "sha256": nullableString, "bytes": ["type": ["integer", "null"]], "mediaType": nullableString,
            "path": nullableString, "url": nullableString,
        ]],
        "reportedAt": instant,
        "dueAt": instant,
        "status": ["type": "string", "enum": ["pending", "resolved", "dismissed"]],
        "pastDue": ["type": "boolean"],
        "processedAt": nullableInstant,
        "processedLate": ["type": "boolean"],
        "note": ["type": "string"],
        "appeal": ["type": ["object", "null"], "properties": [
            "status": ["type": "string", "enum": ["open", "upheld", "overturned"]],
            "message": ["type": "string"], "openedAt": instant, "decidedAt": nullableInstant, "note": ["type": "string"],
        ], "required": ["status", "message", "openedAt", "decidedAt", "note"]],
        "version": ["type": "integer", "minimum": 0],
    ])

    package static let reportList: JSONValue = object([
        "reports": ["type": "array", "items": report],
        "version": ["type": "integer"],
    ])

    package static let reportPage: JSONValue = object([
        "reports": ["type": "array", "items": report],
        "nextCursor": nullableString,
        "total": ["type": "integer", "minimum": 0],
        "version": ["type": "integer"],
    ])

    package static let reportOrList: JSONValue = ["oneOf": [report, reportList]]

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

extension ResultShape {
    package static let report = ResultShape(schema: Schemas.report, presentation: .report)
    package static let reportOrList = ResultShape(schema: Schemas.reportOrList, presentation: .report)
    package static let reportPage = ResultShape(schema: Schemas.reportPage, presentation: .reportTable)
    package static func fields(_ schema: @autoclosure @escaping @Sendable () -> JSONValue) -> ResultShape {
        ResultShape(schema: schema(), presentation: .fields)
    }
}
