package import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// Answers JSON-RPC messages: the protocol's own methods (`initialize`, `shutdown`, `exit`,
/// `rpc.discover`, `$/cancelRequest`, MCP's `tools/*` and `ping`) and every command by its method
/// name. No I/O here, so the whole protocol is tested in-process.
package final class RPCDispatcher: Sendable {
    package let interpreter: Interpreter
    let serverVersion: String
    private let state = Mutex(ProtocolState())
    private let cancelledIDs = Mutex<[JSONValue]>([])

    struct ProtocolState {
        var isMCP = false
        var notificationsEnabled = true
        var shutdownRequested = false
        var exitStatus: Int32?
    }

    package init(interpreter: Interpreter, serverVersion: String) {
        self.interpreter = interpreter
        self.serverVersion = serverVersion
    }

    /// Whether `store/changed` notifications should be sent (off after `initialize` said so, and
    /// for MCP sessions).
    package var sendsChangeNotifications: Bool { state.withLock { $0.notificationsEnabled && !$0.isMCP } }

    /// Set once an `exit` notification arrived: the status the process should end with.
    package var exitStatus: Int32? { state.withLock { $0.exitStatus } }

    /// Called by the reader as soon as a message arrives, before it is queued: a cancellation
    /// must be seen while the request it names is still waiting.
    package func noteArrival(_ message: JSONValue) {
        guard case .notification(let method, let params) = IncomingMessage(message),
              method == "$/cancelRequest" || method == "notifications/cancelled" else { return }
        if let id = params?["id"] ?? params?["requestId"] {
            cancelledIDs.withLock { $0.append(id) }
        }
    }

    private func takeCancellation(of id: JSONValue) -> Bool {
        cancelledIDs.withLock { ids in
            guard let index = ids.firstIndex(of: id) else { return false }
            ids.remove(at: index)
            return true
        }
    }

    /// The reply to one parsed message or batch; `nil` when nothing is to be sent.
    package func handle(_ message: JSONValue) -> JSONValue? {
        guard case .array(let items) = message else { return handleSingle(message) }
        guard !items.isEmpty else {
            return OutgoingMessage.error(id: .null, DeskError(.invalidRequest, "invalid request: an empty batch"))
        }
        let replies = items.prefix(10_000).compactMap(handleSingle)
        return replies.isEmpty ? nil : .array(replies)
    }

    /// The error reply for bytes that were not JSON.
    package func parseErrorReply(_ error: JSONParseError) -> JSONValue {
        OutgoingMessage.error(id: .null, DeskError(.parseError, "parse error: \(error.description)"))
    }

    private func handleSingle(_ value: JSONValue) -> JSONValue? {
        switch IncomingMessage(value) {
        case .invalid(let id, let error):
            return OutgoingMessage.error(id: id, error)
        case .notification(let method, let params):
            notify(method, params)
            return nil
        case .request(let id, let method, let params):
            if takeCancellation(of: id) {
                return OutgoingMessage.error(id: id, DeskError(.requestCancelled, "request cancelled before it ran"))
            }
            switch respond(method, params) {
            case .success(let result): return OutgoingMessage.result(id: id, result)
            case .failure(let error): return OutgoingMessage.error(id: id, error)
            }
        }
    }

    private func notify(_ method: String, _ params: JSONValue?) {
        switch method {
        case "exit":
            state.withLock { $0.exitStatus = $0.shutdownRequested || $0.isMCP ? 0 : 1 }
        case "initialized", "notifications/initialized", "$/cancelRequest", "notifications/cancelled", "$/setTrace":
            break
        default:
            // Notifications are never answered; a command sent as one still runs (JSON-RPC 2.0 §4.1).
            if interpreter.registry.command(method: method) != nil {
                _ = interpreter.execute(method: method, params: params)
            }
        }
    }

    private func respond(_ method: String, _ params: JSONValue?) -> Result<JSONValue, DeskError> {
        switch method {
        case "initialize": return .success(initialize(params))
        case "shutdown":
            state.withLock { $0.shutdownRequested = true }
            return .success(.null)
        case "ping": return .success(.object(JSONObject()))
        case "rpc.discover": return .success(OpenRPCDocument.make(interpreter.registry, version: serverVersion))
        case "tools/list": return .success(MCPTools.list(interpreter.registry))
        case "tools/call": return MCPTools.call(params, interpreter: interpreter)
        default:
            return interpreter.execute(method: method, params: params).outcome
        }
    }

    private func initialize(_ params: JSONValue?) -> JSONValue {
        if let requested = params?["protocolVersion"]?.stringValue {
            state.withLock { $0.isMCP = true }
            return MCPTools.initializeResult(requestedVersion: requested, serverVersion: serverVersion)
        }
        let wantsNotifications = params?["notifications"]?.boolValue
            ?? params?["initializationOptions"]?["notifications"]?.boolValue ?? true
        state.withLock { $0.notificationsEnabled = wantsNotifications }
        return .object(JSONObject([
            ("serverInfo", .object(JSONObject([("name", "reportdesk"), ("version", .string(serverVersion))]))),
            ("protocol", "jsonrpc-2.0"),
            ("capabilities", .object(JSONObject([
                ("notifications", .array(wantsNotifications ? ["store/changed"] : [])),
                ("batches", true), ("framing", ["content-length", "newline"]),
            ]))),
            ("methods", .array(interpreter.registry.specs.map { .string($0.method) })),
        ]))
    }
}
