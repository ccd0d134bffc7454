import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

/// The session lifecycle: `initialize` (plain and MCP), `shutdown` and `exit`, cancellation
/// of queued requests, params by position, and `rpc.discover`.
@Suite("Session lifecycle and protocol methods")
struct SessionLifecycleTests {
    @Test("initialize answers with the server, its version, the protocol and every method; notifications stay on")
    func initializePlain() throws {
        let server = InProcessServer()
        let result = try #require(server.result("initialize", ["processId": nil, "capabilities": [:]]))
        #expect(result["serverInfo"]?["name"] == "reportdesk")
        #expect(result["serverInfo"]?["version"] == "test")
        #expect(result["protocol"] == "jsonrpc-2.0")
        #expect(result["methods"]?.arrayValue?.compactMap(\.stringValue) == server.desk.interpreter.registry.specs.map(\.method))
        #expect(result["capabilities"]?["notifications"] == ["store/changed"])
        #expect(server.dispatcher.sendsChangeNotifications)
    }

    @Test("initialize with notifications false turns store/changed off, also as LSP initializationOptions",
          arguments: [["notifications": false], ["initializationOptions": ["notifications": false]]] as [JSONValue])
    func initializeWithoutNotifications(params: JSONValue) throws {
        let server = InProcessServer()
        let result = try #require(server.result("initialize", params))
        #expect(result["capabilities"]?["notifications"] == [])
        #expect(!server.dispatcher.sendsChangeNotifications)
    }

    @Test("a notifications option that is not a boolean is invalid params naming it")
    func initializeWithBadOption() {
        let server = InProcessServer()
        let reply = server.request("initialize", ["notifications": "no"])
        #expect(reply["error"]?["code"] == -32602)
        #expect(reply["error"]?["data"]?["field"] == "notifications")
        #expect(server.dispatcher.sendsChangeNotifications)
    }

    @Test("initialize with a protocolVersion answers as an MCP server, and MCP sessions get no change notifications")
    func initializeMCP() throws {
        let server = InProcessServer()
        let result = try #require(server.result("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "test", "version": "1"],
        ]))
        #expect(result["protocolVersion"] == "2025-06-18")
        #expect(result["capabilities"]?["tools"] != nil)
        #expect(result["serverInfo"]?["name"] == "reportdesk")
        #expect(!server.dispatcher.sendsChangeNotifications)
        #expect(server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).isEmpty)
        #expect(server.result("ping") == [:])
    }

    @Test("an MCP client asking for an unknown protocol version is offered the newest the server speaks")
    func mcpVersionNegotiation() {
        let server = InProcessServer()
        #expect(server.result("initialize", ["protocolVersion": "1999-01-01", "capabilities": [:]])?["protocolVersion"] == "2025-11-25")
    }

    @Test("shutdown answers null, then requests are refused until exit, which ends with status 0")
    func shutdownThenExit() {
        let server = InProcessServer()
        #expect(server.request("shutdown") == ["jsonrpc": "2.0", "id": 1, "result": nil])
        #expect(server.dispatcher.exitStatus == nil)
        #expect(server.request("info")["error"]?["code"] == -32600)
        #expect(server.send(#"{"jsonrpc":"2.0","method":"exit"}"#).isEmpty)
        #expect(server.dispatcher.exitStatus == 0)
    }

    @Test("exit without shutdown ends with status 1, as LSP says; sent as a request it is answered first")
    func exitWithoutShutdown() {
        let server = InProcessServer()
        #expect(server.send(#"{"jsonrpc":"2.0","method":"exit"}"#).isEmpty)
        #expect(server.dispatcher.exitStatus == 1)
        let asRequest = InProcessServer()
        #expect(asRequest.request("exit", id: "bye") == ["jsonrpc": "2.0", "id": "bye", "result": nil])
        #expect(asRequest.dispatcher.exitStatus == 1)
    }

    @Test("an MCP session's exit ends with status 0")
    func mcpExit() {
        let server = InProcessServer()
        _ = server.result("initialize", ["protocolVersion": "2025-06-18", "capabilities": [:]])
        _ = server.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(server.dispatcher.exitStatus == 0)
    }

    @Test("$/cancelRequest of a queued request: it is answered -32800 and never runs")
    func cancelQueued() throws {
        let server = InProcessServer()
        let dispatcher = server.dispatcher
        let request = try JSONParser.parse(#"{"jsonrpc":"2.0","id":7,"method":"config.set","params":{"name":"contactEmail","value":"a@example.com"}}"#)
        let cancel = try JSONParser.parse(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}"#)
        dispatcher.noteArrival(request)
        dispatcher.noteArrival(cancel)
        #expect(dispatcher.handle(cancel) == nil)
        let reply = try #require(dispatcher.handle(request))
        #expect(reply["id"] == 7)
        #expect(reply["error"]?["code"] == -32800)
        #expect(server.result("info")?["version"] == 0, "the cancelled write did not run")
    }

    @Test("MCP's notifications/cancelled of a queued request: it never runs and, as MCP asks, is not answered")
    func cancelQueuedMCP() throws {
        let server = InProcessServer()
        let dispatcher = server.dispatcher
        let request = try JSONParser.parse(#"{"jsonrpc":"2.0","id":"c","method":"config.set","params":{"name":"contactEmail","value":"a@example.com"}}"#)
        dispatcher.noteArrival(request)
        dispatcher.noteArrival(try JSONParser.parse(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c"}}"#))
        #expect(dispatcher.handle(request) == nil)
        #expect(server.result("info")?["version"] == 0)
    }

    @Test("a cancellation of a request that already ran, or never came, is ignored and not kept for a later request")
    func cancelLate() throws {
        let server = InProcessServer()
        #expect(server.request("ping", id: 9)["result"] == [:])
        #expect(server.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":9}}"#).isEmpty)
        #expect(server.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":10}}"#).isEmpty)
        #expect(server.request("ping", id: 9)["result"] == [:], "the late cancel did not stick to the reused id")
        #expect(server.request("ping", id: 10)["result"] == [:])
    }

    @Test("only the request the cancellation names is cancelled, matched by id type")
    func cancelNamesOne() throws {
        let server = InProcessServer()
        let dispatcher = server.dispatcher
        let first = try JSONParser.parse(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        let second = try JSONParser.parse(#"{"jsonrpc":"2.0","id":"1","method":"ping"}"#)
        dispatcher.noteArrival(first)
        dispatcher.noteArrival(second)
        dispatcher.noteArrival(try JSONParser.parse(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"1"}}"#))
        #expect(dispatcher.handle(first)?["result"] == [:])
        #expect(dispatcher.handle(second)?["error"]?["code"] == -32800)
    }

    @Test("params by position follow the declared order and give the same result as by name")
    func paramsByPosition() throws {
        let server = InProcessServer()
        try server.desk.submitOneOfEach()
        let byName = try #require(server.result("show", ["id": 2]))
        #expect(server.result("show", [2]) == byName)
        let noted = try #require(server.result("note", [2, "called the user"]))
        #expect(noted["note"] == "called the user")
        let tooMany = server.request("show", [2, 1, "extra", "more"])
        #expect(tooMany["error"]?["code"] == -32602)
        #expect(tooMany["error"]?["data"]?["field"] == "params")
    }

    @Test("a mistyped, unknown or missing parameter is -32602 naming the field", arguments: [
        ("show", ["id": true], "id"), ("show", ["id": 1, "colour": "red"], "colour"), ("note", ["id": 1], "text"),
        ("list", ["limit": "ten"], "limit"),
    ] as [(String, JSONValue, String)])
    func invalidParams(method: String, params: JSONValue, field: String) {
        let reply = InProcessServer().request(method, params)
        #expect(reply["error"]?["code"] == -32602)
        #expect(reply["error"]?["data"]?["field"] == .string(field))
    }

    @Test("an unknown method is -32601 naming it")
    func unknownMethod() {
        let reply = InProcessServer().request("resolv", ["id": 1])
        #expect(reply["error"]?["code"] == -32601)
        #expect(reply["error"]?["data"]?["method"] == "resolv")
        #expect(reply["error"]?["message"]?.stringValue?.contains("resolve") == true, "it suggests the near miss")
    }

    @Test("rpc.discover lists every method with a params schema per declared parameter and a result schema")
    func discover() throws {
        let server = InProcessServer()
        let document = try #require(server.result("rpc.discover"))
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
        let methods = try #require(document["methods"]?.arrayValue)
        let specs = server.desk.interpreter.registry.specs
        #expect(methods.compactMap { $0["name"]?.stringValue } == specs.map(\.method))
        for (method, spec) in zip(methods, specs) {
            let params = try #require(method["params"]?.arrayValue)
            #expect(params.compactMap { $0["name"]?.stringValue }.sorted() == spec.parameters.map(\.name).sorted(), "\(spec.method)")
            for param in params {
                #expect(param["schema"]?.objectValue?.isEmpty == false, "\(spec.method).\(param["name"] ?? nil)")
                #expect(param["required"]?.boolValue != nil)
            }
            #expect(method["result"]?["schema"] == spec.result.schema)
        }
    }

    @Test("a batch over the limit is refused whole with one error, and none of it runs")
    func batchLimit() throws {
        let server = InProcessServer()
        let item = #"{"jsonrpc":"2.0","method":"config.set","params":{"name":"contactEmail","value":"a@example.com"}}"#
        let batch = "[" + Array(repeating: item, count: RPCDispatcher.maximumBatchCount + 1).joined(separator: ",") + "]"
        let replies = server.send(batch)
        #expect(replies.count == 1)
        #expect(replies.first?["error"]?["code"] == -32600)
        #expect(replies.first?["id"] == .null)
        #expect(server.result("info")?["version"] == 0)
    }
}
