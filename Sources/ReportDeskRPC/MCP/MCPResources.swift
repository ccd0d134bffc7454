import ReportDeskCore
import ReportDeskInterpreter

/// The desk's data as resources, read by running the same commands a client could call (`show`,
/// `list`, `stats`); every one carries the store version it was read at.
enum MCPResources {
    static let queue = "reportdesk://queue"
    static let openAppeals = "reportdesk://appeals/open"
    static let stats = "reportdesk://stats"
    static let reportScheme = "report://"

    private static let fixed: [(uri: String, name: String, title: String, description: String)] = [
        (queue, "queue", "Pending reports by due time",
         "Every pending report, soonest due first (due = report time + 72 h), with the store version."),
        (openAppeals, "open-appeals", "Open appeals",
         "Processed payment reports whose appeal waits for a decision, with the store version."),
        (stats, "stats", "Dashboard numbers",
         "Counts by status, category and issue type, the share processed within 72 h and the median time to process."),
    ]

    static func list() -> JSONValue {
        .object(JSONObject([("resources", .array(fixed.map { resource in
            .object(JSONObject([
                ("uri", .string(resource.uri)), ("name", .string(resource.name)), ("title", .string(resource.title)),
                ("description", .string(resource.description)), ("mimeType", "application/json"),
            ]))
        }))]))
    }

    static func templates() -> JSONValue {
        .object(JSONObject([("resourceTemplates", [
            .object(JSONObject([
                ("uriTemplate", .string(reportScheme + "{key}")), ("name", "report"), ("title", "One report"),
                ("description", "One report in full by its key (17) or platform Report ID, with its version."),
                ("mimeType", "application/json"),
            ])),
        ])]))
    }

    /// Whether `uri` names one of the resources (a report URI whether or not the report exists).
    static func isKnown(_ uri: String) -> Bool {
        fixed.contains { $0.uri == uri } || reportReference(uri) != nil
    }

    /// The report key a `report://` URI names, if it names one by key.
    static func reportKey(_ uri: String) -> Int? {
        reportReference(uri)?.intValue
    }

    private static func reportReference(_ uri: String) -> JSONValue? {
        guard uri.hasPrefix(reportScheme) else { return nil }
        let reference = String(uri.dropFirst(reportScheme.count))
        guard !reference.isEmpty, !reference.contains("/") else { return nil }
        if let key = Int(reference), key > 0 { return .int(key) }
        return .string(reference)
    }

    /// `resources/read`: the resource's JSON as text contents.
    static func read(_ params: JSONValue?, interpreter: Interpreter) -> Result<JSONValue, DeskError> {
        guard let uri = params?["uri"]?.stringValue else {
            return .failure(DeskError.invalidParams(field: "uri", "resources/read needs the resource uri"))
        }
        let value: Result<JSONValue, DeskError>
        switch uri {
        case queue:
            value = interpreter.execute(method: "list", params: [
                "status": "pending", "sort": "dueAt", "limit": 1000,
            ]).outcome
        case openAppeals:
            value = appealsOpen(interpreter)
        case stats:
            value = interpreter.execute(method: "stats", params: .object(JSONObject())).outcome
        default:
            guard let reference = reportReference(uri) else {
                return .failure(DeskError.invalidParams(field: "uri", "unknown resource \(quoted(uri)); resources/list and resources/templates/list name them"))
            }
            // MCP answers a resource that does not exist with invalid params, naming the uri.
            value = interpreter.execute(method: "show", params: .object(JSONObject([("id", reference)]))).outcome
                .mapError { $0.code == .notFound ? DeskError.invalidParams(field: "uri", $0.message) : $0 }
        }
        return value.map { json in
            .object(JSONObject([("contents", .array([.object(JSONObject([
                ("uri", .string(uri)), ("mimeType", "application/json"), ("text", .string(JSONWriter.string(json))),
            ]))]))]))
        }
    }

    /// Appeals are for processed payment reports (R10): those pages, keeping the open appeals.
    private static func appealsOpen(_ interpreter: Interpreter) -> Result<JSONValue, DeskError> {
        var open: [JSONValue] = []
        var version: JSONValue = .null
        var cursor: JSONValue?
        repeat {
            var params = JSONObject([("category", "payment"), ("limit", 1000)])
            params["cursor"] = cursor
            let page: JSONValue
            switch interpreter.execute(method: "list", params: .object(params)).outcome {
            case .success(let value): page = value
            case .failure(let error): return .failure(error)
            }
            if version == .null { version = page["version"] ?? .null }
            open += (page["reports"]?.arrayValue ?? []).filter { $0["appeal"]?["status"] == "open" }
            cursor = page["nextCursor"].flatMap { $0 == .null ? nil : $0 }
        } while cursor != nil
        return .success(.object(JSONObject([("reports", .array(open)), ("total", .int(open.count)), ("version", version)])))
    }
}
