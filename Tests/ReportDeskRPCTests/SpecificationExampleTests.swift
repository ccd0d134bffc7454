import Testing
import ReportDeskCore
import ReportDeskRPC
import ReportDeskTesting
import Synchronization

/// Every example in the JSON-RPC 2.0 specification's examples section gets
/// the specification's answer, one test per example. The requests are the specification's text,
/// sent in Content-Length frames so its multi-line batches arrive as written.
@Suite("The JSON-RPC 2.0 specification's examples")
struct SpecificationExampleTests {
    let server = InProcessServer(desk: TestDesk(registry: SpecExampleCommands.registry))

    /// The replies to the specification's request text.
    func send(_ text: String) -> [JSONValue] {
        let body = Array(text.utf8)
        return server.feed(FrameEncoder.encode(body, as: .contentLength))
    }

    /// Checks a reply against the specification's: same members, id written the same, same result
    /// or same error code (the specification leaves the message's wording to the server).
    func expect(_ reply: JSONValue?, matches expectedText: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try JSONParser.parse(expectedText)
        let reply = try #require(reply, sourceLocation: sourceLocation)
        if case .array(let expectedItems) = expected {
            let items = try #require(reply.arrayValue, "a batch is answered with an array", sourceLocation: sourceLocation)
            #expect(items.count == expectedItems.count, sourceLocation: sourceLocation)
            for (item, expectedItem) in zip(items, expectedItems) {
                try expect(item, matches: JSONWriter.string(expectedItem), sourceLocation: sourceLocation)
            }
            return
        }
        #expect(Set(reply.objectValue?.keys ?? []) == Set(expected.objectValue?.keys ?? []), "\(reply)", sourceLocation: sourceLocation)
        #expect(reply["jsonrpc"] == "2.0", sourceLocation: sourceLocation)
        #expect(JSONWriter.string(reply["id"] ?? "absent") == JSONWriter.string(expected["id"] ?? "absent"), sourceLocation: sourceLocation)
        #expect(reply["result"] == expected["result"], sourceLocation: sourceLocation)
        #expect(reply["error"]?["code"] == expected["error"]?["code"], sourceLocation: sourceLocation)
        if reply["error"] != nil { #expect(reply["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation) }
    }

    @Test("rpc call with positional parameters")
    func positionalParameters() throws {
        try expect(send(#"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#).first,
                   matches: #"{"jsonrpc": "2.0", "result": 19, "id": 1}"#)
        try expect(send(#"{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}"#).first,
                   matches: #"{"jsonrpc": "2.0", "result": -19, "id": 2}"#)
    }

    @Test("rpc call with named parameters")
    func namedParameters() throws {
        try expect(send(#"{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}"#).first,
                   matches: #"{"jsonrpc": "2.0", "result": 19, "id": 3}"#)
        try expect(send(#"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}"#).first,
                   matches: #"{"jsonrpc": "2.0", "result": 19, "id": 4}"#)
    }

    @Test("a notification is executed and never answered")
    func notification() {
        #expect(send(#"{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}"#).isEmpty)
        #expect(send(#"{"jsonrpc": "2.0", "method": "foobar"}"#).isEmpty)
        #expect(SpecExampleCommands.updates.withLock { $0.contains([1, 2, 3, 4, 5]) })
    }

    @Test("rpc call of non-existent method")
    func nonExistentMethod() throws {
        try expect(send(#"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#).first,
                   matches: #"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#)
    }

    @Test("rpc call with invalid JSON")
    func invalidJSON() throws {
        let replies = send(#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#)
        #expect(replies.count == 1)
        try expect(replies.first, matches: #"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#)
    }

    @Test("rpc call with invalid Request object")
    func invalidRequestObject() throws {
        try expect(send(#"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#).first,
                   matches: #"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#)
    }

    @Test("rpc call Batch, invalid JSON")
    func batchWithInvalidJSON() throws {
        let replies = send("""
            [
              {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
              {"jsonrpc": "2.0", "method"
            ]
            """)
        #expect(replies.count == 1)
        try expect(replies.first, matches: #"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#)
    }

    @Test("rpc call with an empty Array")
    func emptyArray() throws {
        try expect(send("[]").first, matches: #"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#)
    }

    @Test("rpc call with an invalid Batch (but not empty)")
    func invalidBatchOfOne() throws {
        try expect(send("[1]").first, matches: #"[{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}]"#)
    }

    @Test("rpc call with invalid Batch")
    func invalidBatch() throws {
        try expect(send("[1,2,3]").first, matches: """
            [
              {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
              {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
              {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}
            ]
            """)
    }

    @Test("rpc call Batch")
    func mixedBatch() throws {
        let replies = send("""
            [
                {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
                {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
                {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
                {"foo": "boo"},
                {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
                {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
            ]
            """)
        #expect(replies.count == 1)
        try expect(replies.first, matches: """
            [
                {"jsonrpc": "2.0", "result": 7, "id": "1"},
                {"jsonrpc": "2.0", "result": 19, "id": "2"},
                {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
                {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
                {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}
            ]
            """)
    }

    @Test("rpc call Batch (all notifications): nothing is returned")
    func allNotificationBatch() {
        let replies = send("""
            [
                {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
                {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
            ]
            """)
        #expect(replies.isEmpty)
        #expect(send(#"{"jsonrpc": "2.0", "method": "get_data", "id": "after"}"#).first?["result"] == ["hello", 5],
                "the server answers the next request")
    }

    @Test("the same examples in newline framing give the same answers")
    func newlineFraming() throws {
        let lines = InProcessServer(desk: TestDesk(registry: SpecExampleCommands.registry))
        try expect(lines.send(#"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#).first,
                   matches: #"{"jsonrpc": "2.0", "result": 19, "id": 1}"#)
        #expect(lines.framing == .lineDelimited)
        try expect(lines.send(#"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method""#).first,
                   matches: #"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#)
        #expect(lines.send(#"[{"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]"#).isEmpty)
    }
}
