/// The JSON shapes of a report, each built from a field table (the standard one by default): the
/// one results carry (derived facts at `now` included), the version log's state (stored fields
/// only) and export rows (`ReportFieldTable.exportJSON`).
extension Report {
    /// The report as every front end returns it.
    package func json(now: Instant, fields: ReportFieldTable = .standard) -> JSONValue {
        fields.json(of: self, FieldContext(now: now))
    }

    /// The stored state the version log keeps before and after each change (R12).
    package var stateJSON: JSONValue { stateJSON(fields: .standard) }

    package func stateJSON(fields: ReportFieldTable) -> JSONValue {
        fields.stateJSON(of: self)
    }

    /// Reads a version-log state back; `nil` if it is not one.
    package init?(stateJSON json: JSONValue, version: Int, fields: ReportFieldTable = .standard) {
        guard let report = fields.report(fromState: json, version: version) else { return nil }
        self = report
    }
}

extension Screenshot {
    package func json(includePath: Bool) -> JSONValue {
        includePath ? json(path: path) : .object(JSONObject([
            ("sha256", .optional(sha256)), ("bytes", .optional(bytes)), ("mediaType", .optional(mediaType)), ("url", .optional(url)),
        ]))
    }

    /// The screenshot naming `path` as where its copy is (the store's, or one beside an export).
    package func json(path: String?) -> JSONValue {
        .object(JSONObject([
            ("sha256", .optional(sha256)), ("bytes", .optional(bytes)), ("mediaType", .optional(mediaType)),
            ("path", .optional(path)), ("url", .optional(url)),
        ]))
    }

    package init?(json: JSONValue) {
        guard case .object = json else { return nil }
        self.init(sha256: json["sha256"]?.stringValue, bytes: json["bytes"]?.intValue,
                  mediaType: json["mediaType"]?.stringValue, url: json["url"]?.stringValue,
                  path: json["path"]?.stringValue)
        if sha256 == nil && url == nil && path == nil { return nil }
    }
}

extension Appeal {
    package var json: JSONValue {
        .object(JSONObject([
            ("status", .string(status.rawValue)),
            ("message", .string(message)),
            ("openedAt", .string(RFC3339.format(openedAt))),
            ("decidedAt", decidedAt.map { .string(RFC3339.format($0)) } ?? .null),
            ("note", .string(note)),
        ]))
    }

    package init?(json: JSONValue) {
        guard let statusText = json["status"]?.stringValue, let status = Status(rawValue: statusText),
              let openedText = json["openedAt"]?.stringValue, let openedAt = RFC3339.parse(openedText)
        else { return nil }
        self.init(status: status, message: json["message"]?.stringValue ?? "", openedAt: openedAt,
                  decidedAt: json["decidedAt"]?.stringValue.flatMap(RFC3339.parse),
                  note: json["note"]?.stringValue ?? "")
    }
}
