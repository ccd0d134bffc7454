package import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// Answers JSON-RPC messages: the protocol's own methods (`initialize`, `shutdown`, `exit`,
/// `rpc.discover`, `$/cancelRequest`), the Model Context Protocol in both eras (`MCPEndpoint`) and
/// every command by its method name. No I/O here, so the whole protocol is tested in-process.
package final class RPCDispatcher: Sendable {
    package let interpreter: Interpreter
    let serverVersion: String
    /// The most messages one batch may hold; a larger batch is refused whole, so a 16 MiB frame of
    /// tiny items cannot make the server build a reply many times its size.
    package static let maximumBatchCount = 10_000
    /// The methods the protocol itself answers, besides the commands.
    package static let protocolMethods = [
        "initialize", "shutdown", "exit", "rpc.discover", "ping", "tools/list", "tools/call", "$/cancelRequest",
        "server/discover", "resources/list", "resources/templates/list", "resources/read", "resources/subscribe",
        "resources/unsubscribe", "subscriptions/listen", "prompts/list", "prompts/get",
    ]
    private let state = Mutex(ProtocolState())
    private let pending = Mutex(PendingRequests())
    private let mcp: MCPEndpoint

    /// `confirmations` is the interaction of the interpreter's session: through it an MCP client's
    /// bulk change waits for the person's answer. Without it MCP calls run as JSON-RPC ones do.
    package init(interpreter: Interpreter, serverVersion: String, confirmations: ConfirmationGate? = nil) {
        self.interpreter = interpreter
        self.serverVersion = serverVersion
        mcp = MCPEndpoint(interpreter: interpreter, serverVersion: serverVersion, gate: confirmations)
    }

    /// Whether `store/changed` notifications should be sent (off after `initialize` said so, and
    /// for MCP sessions).
    package var sendsChangeNotifications: Bool { state.withLock { $0.notificationsEnabled && !$0.isMCP } }

    /// Set once `exit` arrived: the status the process should end with (LSP: 0 after `shutdown`).
    package var exitStatus: Int32? { state.withLock { $0.exitStatus } }

    /// Whether another process's commits are to be told: `store/changed`, or an MCP client's subscriptions.
    package var watchesChanges: Bool { sendsChangeNotifications || mcp.hasSubscriptions }

    /// The notifications another process's commit calls for: `store/changed` with its version and
    /// keys, and `notifications/resources/updated` for each subscribed resource it touched.
    package func changeNotifications(version: Int, keys: [Int]) -> [JSONValue] {
        var messages = mcp.updates(changedKeys: keys)
        if sendsChangeNotifications {
            messages.insert(OutgoingMessage.notification("store/changed", .object(JSONObject([
                ("version", .int(version)), ("keys", .array(keys.map(JSONValue.int))),
            ]))), at: 0)
        }
        return messages
    }

    /// Messages to write before the reply to the message just handled: a subscription's
    /// acknowledgment, or a request to the client (legacy `elicitation/create`).
    package func takeOutgoing() -> [JSONValue] { mcp.takeOutgoing() }

    /// Called by the reader as soon as a message arrives, before it is queued: it records the
    /// request ids now waiting, and a cancellation of one of them, while that request still waits.
    package func noteArrival(_ message: JSONValue) {
        if case .array(let items) = message {
            guard items.count <= Self.maximumBatchCount else { return }
            for case .request(let id, _, _) in items.map(IncomingMessage.init) {
                pending.withLock { $0.arrived(id) }
            }
            return
        }
        switch IncomingMessage(message) {
        case .request(let id, _, _):
            pending.withLock { $0.arrived(id) }
        case .notification("$/cancelRequest", let params):
            if let id = params?["id"] { pending.withLock { $0.cancel(id, .reply) } }
        case .notification("notifications/cancelled", let params):
            if let id = params?["requestId"] { pending.withLock { $0.cancel(id, .silence) } }
        default:
            break
        }
    }

    /// The reply to one parsed message or batch; `nil` when nothing is to be sent.
    package func handle(_ message: JSONValue) -> JSONValue? {
        guard case .array(let items) = message else { return handleSingle(message) }
        guard !items.isEmpty else {
            return OutgoingMessage.error(id: .null, DeskError(.invalidRequest, "invalid request: an empty batch"))
        }
        guard items.count <= Self.maximumBatchCount else {
            return OutgoingMessage.error(id: .null, DeskError(
                .invalidRequest, "invalid request: a batch of \(items.count) messages is over the limit of \(Self.maximumBatchCount); none of it ran",
                data: .object(JSONObject([("limit", .int(Self.maximumBatchCount))]))))
        }
        let replies = items.compactMap(handleSingle)
        return replies.isEmpty ? nil : .array(replies)
    }

    /// The reply to what the reader found: a message to dispatch or an error already due.
    package func handle(_ inbound: Inbound) -> JSONValue? {
        switch inbound {
        case .message(let message): handle(message)
        case .error(let error): OutgoingMessage.error(id: .null, error)
        }
    }

    /// Whether answering this message cannot have changed the store: a single request for a
    /// command that only reads. Its reply may wait to be written with the next ones; every other
    /// reply is written at once, so a client gone away (EPIPE) is noticed before more writes run.
    package func onlyReads(_ inbound: Inbound) -> Bool {
        guard case .message(let message) = inbound, case .request(_, let method, _) = IncomingMessage(message),
              let command = interpreter.registry.command(method: method) else { return false }
        return !command.spec.mutates
    }

    private func handleSingle(_ value: JSONValue) -> JSONValue? {
        // The client's answer to a request this server sent; anything else without a method stays invalid.
        if case .object(let object) = value, object["method"] == nil, let id = object["id"],
           object["result"] != nil || object["error"] != nil, mcp.awaitsResponse(id) {
            return mcp.responseArrived(id: id, result: object["result"])
        }
        switch IncomingMessage(value) {
        case .invalid(let id, let error):
            return OutgoingMessage.error(id: id, error)
        case .notification(let method, let params):
            notify(method, params)
            return nil
        case .request(let id, let method, let params):
            switch pending.withLock({ $0.start(id) }) {
            case .reply?:
                return OutgoingMessage.error(id: id, DeskError(.requestCancelled, "request cancelled before it ran; nothing was changed"))
            case .silence?:
                return nil
            case nil:
                break
            }
            switch respond(method, id: id, params) {
            case .result(let result): return OutgoingMessage.result(id: id, result)
            case .failure(let error): return OutgoingMessage.error(id: id, error)
            case .later: return nil
            }
        }
    }

    private func notify(_ method: String, _ params: JSONValue?) {
        if method == "exit" { return requestExit() }
        if state.withLock({ $0.shutdownRequested }) { return }
        switch method {
        case "notifications/cancelled":
            if let id = params?["requestId"] { mcp.cancelled(id) }
        case "initialized", "notifications/initialized", "$/cancelRequest", "$/setTrace":
            break
        default:
            // Notifications are never answered; a command sent as one still runs (JSON-RPC 2.0 §4.1).
            if interpreter.registry.command(method: method) != nil {
                _ = interpreter.execute(method: method, params: params)
            }
        }
    }

    /// LSP: exit ends the process with 0 after `shutdown`, else 1; MCP has no shutdown, so 0.
    private func requestExit() {
        state.withLock { $0.exitStatus = $0.shutdownRequested || $0.isMCP ? 0 : 1 }
    }

    private func respond(_ method: String, id: JSONValue, _ params: JSONValue?) -> RPCAnswer {
        if method == "exit" {
            requestExit()
            return .result(.null)
        }
        if state.withLock({ $0.shutdownRequested }) {
            return .failure(DeskError(.invalidRequest, "invalid request: the server is shutting down; only exit is accepted"))
        }
        // A request naming its MCP version in `_meta` is served by that revision, without a handshake.
        if method != "initialize", MCPRevision.requestedVersion(params) != nil {
            state.withLock { $0.isMCP = true }
            return mcp.modern(method, id: id, params: params)
        }
        switch method {
        case "initialize": return RPCAnswer(initialize(params))
        case "shutdown":
            state.withLock { $0.shutdownRequested = true }
            return .result(.null)
        case "rpc.discover": return .result(OpenRPCDocument.make(interpreter.registry, version: serverVersion))
        case "server/discover":
            return .failure(DeskError.invalidParams(field: "_meta", "server/discover needs _meta with \(MCPRevision.versionKey) (one of \(MCPRevision.modern.joined(separator: ", ")))"))
        default:
            if let answer = mcp.legacy(method, id: id, params: params) { return answer }
            return RPCAnswer(interpreter.execute(method: method, params: params).outcome)
        }
    }

    private func initialize(_ params: JSONValue?) -> Result<JSONValue, DeskError> {
        if let requested = params?["protocolVersion"] {
            guard let version = requested.stringValue else {
                return .failure(DeskError.invalidParams(field: "protocolVersion", "protocolVersion must be a string such as \(MCPRevision.legacy[0])"))
            }
            state.withLock { $0.isMCP = true }
            return .success(mcp.initialize(requestedVersion: version, params: params))
        }
        let option = params?["notifications"] ?? params?["initializationOptions"]?["notifications"]
        if let option, option.boolValue == nil {
            return .failure(DeskError.invalidParams(field: "notifications", "notifications must be true or false"))
        }
        let wantsNotifications = option?.boolValue ?? true
        state.withLock { $0.notificationsEnabled = wantsNotifications }
        return .success(.object(JSONObject([
            ("serverInfo", .object(JSONObject([("name", "reportdesk"), ("version", .string(serverVersion))]))),
            ("protocol", "jsonrpc-2.0"),
            ("capabilities", .object(JSONObject([
                ("notifications", .array(wantsNotifications ? ["store/changed"] : [])),
                ("batches", true), ("framing", ["content-length", "newline"]),
                ("maximumMessageBytes", .int(FrameDecoder.defaultMaximumMessageBytes)),
                ("maximumBatchCount", .int(Self.maximumBatchCount)),
            ]))),
            ("methods", .array(interpreter.registry.specs.map { .string($0.method) })),
            ("protocolMethods", .array(Self.protocolMethods.map(JSONValue.string))),
        ])))
    }
}
