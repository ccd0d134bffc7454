import Testing
import ReportDeskCore
import ReportDeskRPC

/// The message layer: what a JSON value is (request, notification or invalid) and which id the
/// reply carries, byte for byte (an `id` is echoed as given).
@Suite("Messages: requests, notifications, invalid requests and their ids")
struct IncomingMessageTests {
    static func message(_ text: String) throws -> IncomingMessage {
        IncomingMessage(try JSONParser.parse(text))
    }

    @Test("every legal id is echoed exactly as written", arguments: ["1", "1.0", "-5", "\"x\"", "null", "0", "1e3", "-0.5", "\"\"", "\"é\\n\"", "12345678901234567890"])
    func idsEchoedExactly(id: String) throws {
        let server = InProcessServer()
        let replies = server.send("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"ping\"}")
        #expect(replies.count == 1)
        let written = JSONWriter.string(try #require(replies.first))
        #expect(written == "{\"jsonrpc\":\"2.0\",\"id\":\(id),\"result\":{}}")
        let failed = server.send("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"no.such.method\"}")
        #expect(JSONWriter.string(try #require(failed.first)).hasPrefix("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"error\":{\"code\":-32601,"))
    }

    @Test("a request keeps its id, method and params; a message without id is a notification")
    func requestAndNotification() throws {
        #expect(try Self.message("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"show\",\"params\":{\"id\":2}}")
            == .request(id: 7, method: "show", params: ["id": 2]))
        #expect(try Self.message("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"info\"}") == .request(id: .null, method: "info", params: nil))
        #expect(try Self.message("{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[2,\"x\"]}")
            == .notification(method: "note", params: [2, "x"]))
    }

    @Test("an id that is not a string, number or null is invalid, and the reply's id is null", arguments: ["true", "{}", "[1]", "false"])
    func invalidIDs(id: String) throws {
        guard case .invalid(let replyID, let error) = try Self.message("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"ping\"}") else {
            Issue.record("accepted id \(id)")
            return
        }
        #expect(replyID == .null)
        #expect(error.code == .invalidRequest)
    }

    @Test("jsonrpc must be exactly \"2.0\"; the reply still carries the id", arguments: [
        "\"jsonrpc\":\"1.0\",", "\"jsonrpc\":2.0,", "\"jsonrpc\":\"2\",", "", "\"jsonrpc\":null,",
    ])
    func wrongVersion(member: String) throws {
        let server = InProcessServer()
        let reply = try #require(server.send("{\(member)\"id\":\"v\",\"method\":\"ping\"}").first)
        #expect(reply["error"]?["code"] == -32600)
        #expect(reply["id"] == "v")
        #expect(reply["result"] == nil)
    }

    @Test("method must be a string", arguments: ["1", "null", "[\"ping\"]", "{}"])
    func nonStringMethod(method: String) throws {
        guard case .invalid(let id, let error) = try Self.message("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\(method)}") else {
            Issue.record("accepted method \(method)")
            return
        }
        #expect(id == 3)
        #expect(error.code == .invalidRequest)
        guard case .invalid = try Self.message("{\"jsonrpc\":\"2.0\",\"id\":3}") else {
            Issue.record("accepted a message without method")
            return
        }
    }

    @Test("params must be an object or an array when present", arguments: ["\"bar\"", "1", "true", "false", "0"])
    func paramsShape(params: String) throws {
        guard case .invalid(let id, let error) = try Self.message("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"info\",\"params\":\(params)}") else {
            Issue.record("accepted params \(params)")
            return
        }
        #expect(id == "p")
        #expect(error.code == .invalidRequest)
    }

    @Test("params null means no params, for a request and for a notification")
    func nullParams() throws {
        #expect(try Self.message("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\",\"params\":null}")
            == .request(id: 4, method: "shutdown", params: nil))
        #expect(try Self.message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\",\"params\":null}") == .notification(method: "exit", params: nil))
    }

    @Test("an invalid notification is still answered, with id null, since nothing else tells the client")
    func invalidNotification() {
        let server = InProcessServer()
        let replies = server.send("{\"jsonrpc\":\"2.0\",\"method\":1,\"params\":\"bar\"}")
        #expect(replies.count == 1)
        #expect(replies.first?["id"] == .null)
        #expect(replies.first?["error"]?["code"] == -32600)
    }

    @Test("values that are not objects are invalid requests", arguments: ["1", "\"ping\"", "null", "true"])
    func notObjects(text: String) throws {
        guard case .invalid(let id, let error) = try Self.message(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(id == .null)
        #expect(error.code == .invalidRequest)
    }

    @Test("replies are one compact JSON object with jsonrpc, id and exactly one of result or error")
    func outgoing() {
        #expect(JSONWriter.string(OutgoingMessage.result(id: "a", ["x": 1])) == "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"x\":1}}")
        #expect(JSONWriter.string(OutgoingMessage.error(id: .null, DeskError(.parseError, "bad")))
            == "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"bad\"}}")
        #expect(JSONWriter.string(OutgoingMessage.notification("store/changed", ["version": 3, "keys": [1]]))
            == "{\"jsonrpc\":\"2.0\",\"method\":\"store/changed\",\"params\":{\"version\":3,\"keys\":[1]}}")
    }
}
