import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

/// The server's pipeline without its process: bytes through the reader (framing, then JSON) and
/// the dispatcher, in the order the server's threads run them, over a test desk's interpreter.
final class InProcessServer {
    let desk: TestDesk
    let dispatcher: RPCDispatcher
    private var reader = MessageReader()

    init(desk: TestDesk = TestDesk(), confirmations: ConfirmationGate? = nil, dispatcher: RPCDispatcher? = nil) {
        self.desk = desk
        self.dispatcher = dispatcher
            ?? RPCDispatcher(interpreter: desk.interpreter, serverVersion: "test", confirmations: confirmations)
    }

    /// A server whose session confirms through the MCP client, as `reportdesk rpc` does.
    static func confirming() -> InProcessServer {
        let gate = ConfirmationGate()
        return InProcessServer(desk: TestDesk(interaction: gate), confirmations: gate)
    }

    var framing: Framing? { reader.framing }

    /// Every reply the bytes produce; `atEnd` also reads a final unterminated line.
    func feed(_ bytes: some Collection<UInt8>, atEnd: Bool = false) -> [JSONValue] {
        reader.append(bytes)
        var replies: [JSONValue] = []
        while let inbound = reader.next(atEnd: atEnd) {
            if case .message(let message) = inbound { dispatcher.noteArrival(message) }
            let reply = dispatcher.handle(inbound)
            replies += dispatcher.takeOutgoing()
            if let reply { replies.append(reply) }
        }
        return replies
    }

    /// The replies to one message, framed as the client's earlier messages were (else as a line).
    func send(_ text: String) -> [JSONValue] {
        feed(FrameEncoder.encode(Array(text.utf8), as: framing ?? .lineDelimited))
    }

    /// The one reply to a request, as the server would write it.
    func request(_ method: String, _ params: JSONValue? = nil, id: JSONValue = 1) -> JSONValue {
        var message = JSONObject([("jsonrpc", "2.0"), ("id", id), ("method", .string(method))])
        if let params { message["params"] = params }
        return send(JSONWriter.string(.object(message))).first ?? .null
    }

    /// A request's result, or `nil` when it failed.
    func result(_ method: String, _ params: JSONValue? = nil) -> JSONValue? {
        request(method, params)["result"]
    }
}
