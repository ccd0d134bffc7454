package import ReportDeskCore

/// Replies and notifications the server writes.
package enum OutgoingMessage {
    package static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
        .object(JSONObject([("jsonrpc", "2.0"), ("id", id), ("result", result)]))
    }

    package static func error(id: JSONValue, _ error: DeskError) -> JSONValue {
        .object(JSONObject([("jsonrpc", "2.0"), ("id", id), ("error", error.json)]))
    }

    package static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object(JSONObject([("jsonrpc", "2.0"), ("method", .string(method)), ("params", params)]))
    }
}
