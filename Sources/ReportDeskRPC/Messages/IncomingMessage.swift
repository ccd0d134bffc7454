package import ReportDeskCore

/// One JSON-RPC 2.0 message as received: a request (with an id, kept as raw JSON to echo it
/// verbatim), a notification, or something invalid that still deserves a reply.
package enum IncomingMessage: Sendable, Equatable {
    case request(id: JSONValue, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    /// Not a valid request; `id` is what could be recovered (null when none).
    case invalid(id: JSONValue, error: DeskError)

    package init(_ value: JSONValue) {
        guard case .object(let object) = value else {
            self = .invalid(id: .null, error: DeskError(.invalidRequest, "invalid request: a message must be a JSON object"))
            return
        }
        let rawID = object["id"]
        let id: JSONValue
        switch rawID {
        case nil: id = .null
        case .string?, .number?, .null?: id = rawID!
        default:
            self = .invalid(id: .null, error: DeskError(.invalidRequest, "invalid request: id must be a string, a number or null"))
            return
        }
        guard object["jsonrpc"] == .string("2.0") else {
            self = .invalid(id: id, error: DeskError(.invalidRequest, "invalid request: \"jsonrpc\" must be \"2.0\""))
            return
        }
        guard case .string(let method)? = object["method"] else {
            let problem = object["method"] == nil ? "has no method" : "method must be a string"
            self = .invalid(id: id, error: DeskError(.invalidRequest, "invalid request: the message \(problem)"))
            return
        }
        var params = object["params"]
        switch params {
        case nil, .object?, .array?: break
        // Emacs's jsonrpc.el (and Eglot for a long time) sends `"params": null` for a call without
        // parameters; it means the same as leaving params out.
        case .null?: params = nil
        default:
            self = .invalid(id: id, error: DeskError(.invalidRequest, "invalid request: params must be an object or an array"))
            return
        }
        self = rawID == nil ? .notification(method: method, params: params) : .request(id: id, method: method, params: params)
    }
}
