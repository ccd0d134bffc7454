/// The three JSON shapes of a report: the contract's (INTERFACE.md, with derived facts at `now`),
/// the version log's state (stored fields only), and export rows (portable between stores).
extension Report {
    /// The report as every front end returns it.
    package func json(now: Instant) -> JSONValue {
        .object(JSONObject([
            ("key", .int(key)),
            ("reportId", .optional(reportId)),
            ("category", .string(category)),
            ("issueType", .string(issueType)),
            ("openId", .optional(openId)),
            ("details", .optional(details)),
            ("orderId", .optional(orderId)),
            ("screenshot", screenshot.map { $0.json(includePath: true) } ?? .null),
            ("reportedAt", .string(RFC3339.format(reportedAt))),
            ("dueAt", .string(RFC3339.format(dueAt))),
            ("status", .string(status.rawValue)),
            ("pastDue", .bool(isPastDue(at: now))),
            ("processedAt", processedAt.map { .string(RFC3339.format($0)) } ?? .null),
            ("processedLate", .bool(wasProcessedLate)),
            ("note", .string(note)),
            ("appeal", appeal?.json ?? .null),
            ("version", .int(version)),
        ]))
    }

    /// The stored state the version log keeps before and after each change (R12).
    package var stateJSON: JSONValue {
        .object(JSONObject([
            ("key", .int(key)),
            ("reportId", .optional(reportId)),
            ("category", .string(category)),
            ("issueType", .string(issueType)),
            ("openId", .optional(openId)),
            ("details", .optional(details)),
            ("orderId", .optional(orderId)),
            ("screenshot", screenshot.map { $0.json(includePath: false) } ?? .null),
            ("reportedAt", .string(RFC3339.format(reportedAt))),
            ("status", .string(status.rawValue)),
            ("processedAt", processedAt.map { .string(RFC3339.format($0)) } ?? .null),
            ("note", .string(note)),
            ("appeal", appeal?.json ?? .null),
        ]))
    }

    /// A row of `export`: everything another store needs to hold the same report, without the
    /// store-local key and version or facts that depend on when it is read.
    package var exportJSON: JSONValue {
        .object(JSONObject([
            ("reportId", .optional(reportId)),
            ("category", .string(category)),
            ("issueType", .string(issueType)),
            ("openId", .optional(openId)),
            ("details", .optional(details)),
            ("orderId", .optional(orderId)),
            ("screenshot", screenshot.map { $0.json(includePath: true) } ?? .null),
            ("reportedAt", .string(RFC3339.format(reportedAt))),
            ("dueAt", .string(RFC3339.format(dueAt))),
            ("status", .string(status.rawValue)),
            ("processedAt", processedAt.map { .string(RFC3339.format($0)) } ?? .null),
            ("note", .string(note)),
            ("appeal", appeal?.json ?? .null),
        ]))
    }

    /// Reads a version-log state back; `nil` if it is not one.
    package init?(stateJSON json: JSONValue, version: Int) {
        guard let key = json["key"]?.intValue,
              let category = json["category"]?.stringValue,
              let issueType = json["issueType"]?.stringValue,
              let reportedText = json["reportedAt"]?.stringValue, let reportedAt = RFC3339.parse(reportedText),
              let statusText = json["status"]?.stringValue, let status = ReportStatus(rawValue: statusText)
        else { return nil }
        self.init(key: key, reportId: json["reportId"]?.stringValue, category: category, issueType: issueType,
                  openId: json["openId"]?.stringValue, details: json["details"]?.stringValue,
                  orderId: json["orderId"]?.stringValue,
                  screenshot: json["screenshot"].flatMap(Screenshot.init(json:)),
                  reportedAt: reportedAt, status: status,
                  processedAt: json["processedAt"]?.stringValue.flatMap(RFC3339.parse),
                  note: json["note"]?.stringValue ?? "",
                  appeal: json["appeal"].flatMap(Appeal.init(json:)), version: version)
    }
}

extension Screenshot {
    package func json(includePath: Bool) -> JSONValue {
        var object = JSONObject([
            ("sha256", .optional(sha256)), ("bytes", .optional(bytes)),
            ("mediaType", .optional(mediaType)),
        ])
        if includePath { object["path"] = .optional(path) }
        object["url"] = .optional(url)
        return .object(object)
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
