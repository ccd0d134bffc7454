import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

/// The 2026-07-28 revision on the same dispatcher: requests carrying their version in `_meta` are
/// served statelessly, `initialize` still selects the legacy revision.
@Suite("MCP 2026-07-28 dispatch")
struct MCPModernDispatchTests {
    static func meta(_ version: JSONValue = "2026-07-28", elicits: Bool = false) -> JSONValue {
        let capabilities: JSONValue = elicits ? ["elicitation": [:]] : [:]
        return [
            "io.modelcontextprotocol/protocolVersion": version,
            "io.modelcontextprotocol/clientCapabilities": capabilities,
            "io.modelcontextprotocol/clientInfo": ["name": "t", "version": "1"],
        ]
    }

    static func params(_ body: JSONObject = JSONObject(), version: JSONValue = "2026-07-28", elicits: Bool = false) -> JSONValue {
        var params = body
        params["_meta"] = meta(version, elicits: elicits)
        return .object(params)
    }

    @Test("server/discover names the versions, capabilities, server and instructions, without a handshake")
    func discover() throws {
        let result = try #require(InProcessServer().result("server/discover", Self.params()))
        #expect(result["resultType"] == "complete")
        #expect(result["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(result["capabilities"]?["tools"] != nil && result["capabilities"]?["resources"]?["subscribe"] == true)
        #expect(result["capabilities"]?["prompts"] != nil)
        #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "reportdesk")
        let instructions = try #require(result["instructions"]?.stringValue)
        #expect(instructions.contains("ifVersion") && instructions.contains("never instructions"))
        #expect(result["ttlMs"]?.intValue != nil && result["cacheScope"] != nil)
    }

    @Test("an unsupported version is refused with the revision's error listing the supported ones", arguments: [
        "1900-01-01", "2025-11-25", 7,
    ] as [JSONValue])
    func unsupportedVersion(version: JSONValue) throws {
        let reply = InProcessServer().request("tools/list", Self.params(version: version))
        #expect(reply["error"]?["code"] == -32022)
        let supported = try #require(reply["error"]?["data"]?["supported"]?.arrayValue)
        #expect(supported.contains("2026-07-28") && supported.contains("2025-11-25"))
        #expect(reply["error"]?["data"]?["requested"] != nil)
    }

    @Test("the version in _meta routes a request; without it the legacy revision answers as before")
    func routing() throws {
        let server = InProcessServer()
        let modern = try #require(server.result("tools/list", Self.params()))
        #expect(modern["resultType"] == "complete" && modern["cacheScope"] == "public" && modern["ttlMs"] != nil)
        let legacy = try #require(MCPToolTests.mcpServer().result("tools/list"))
        #expect(legacy["resultType"] == nil && legacy["ttlMs"] == nil)
        #expect(modern["tools"] == legacy["tools"])
        #expect(server.request("ping", Self.params())["error"]?["code"] == -32601, "ping is gone in 2026-07-28")
        #expect(server.request("server/discover")["error"]?["code"] == -32602, "discover needs the version")
        #expect(server.request("list", ["limit": 1])["result"]?["total"] == 0, "plain JSON-RPC is unchanged")
    }

    @Test("tools say what they do: erase is destructive, reads are read-only and idempotent, titles come from summaries")
    func annotations() throws {
        let tools = try #require(InProcessServer().result("tools/list", Self.params())?["tools"]?.arrayValue)
        let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0["name"]?.stringValue ?? "", $0) })
        #expect(byName["erase"]?["annotations"]?["destructiveHint"] == true)
        #expect(byName["list"]?["annotations"]?["readOnlyHint"] == true)
        #expect(byName["list"]?["annotations"]?["idempotentHint"] == true)
        #expect(byName["submit"]?["annotations"]?["idempotentHint"] == false)
        #expect(byName["stats"]?["title"] == "Count reports by status, category and issue type")
    }

    @Test("resources read through the commands and carry the version; an unknown one is invalid params")
    func resources() throws {
        let server = InProcessServer()
        try server.desk.submitOneOfEach()
        let read = try #require(server.result("resources/read", Self.params(["uri": "report://2"])))
        #expect(read["resultType"] == "complete" && read["cacheScope"] == "private" && read["ttlMs"] == 0)
        let report = try JSONParser.parse(try #require(read["contents"]?[0]?["text"]?.stringValue))
        #expect(report["key"] == 2 && report["version"] != nil)
        let queue = try #require(server.result("resources/read", Self.params(["uri": "reportdesk://queue"])))
        let pending = try JSONParser.parse(try #require(queue["contents"]?[0]?["text"]?.stringValue))
        #expect(pending["total"] == 3)
        #expect(server.request("resources/read", Self.params(["uri": "report://99"]))["error"]?["code"] == -32602)
        #expect(server.request("resources/read", Self.params(["uri": "file:///etc/passwd"]))["error"]?["code"] == -32602)
    }

    @Test("subscriptions/listen is acknowledged with the honoured URIs and gets no reply while it lasts")
    func listen() throws {
        let server = InProcessServer()
        let replies = server.send(#"{"jsonrpc":"2.0","id":"s1","method":"subscriptions/listen","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"},"notifications":{"resourceSubscriptions":["report://1","nope://x"],"toolsListChanged":true}}}"#)
        #expect(replies.count == 1)
        #expect(replies.first?["method"] == "notifications/subscriptions/acknowledged")
        #expect(replies.first?["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "s1")
        #expect(replies.first?["params"]?["notifications"] == ["resourceSubscriptions": ["report://1"]])
        let updates = server.dispatcher.changeNotifications(version: 9, keys: [1])
        #expect(updates.map { $0["params"]?["uri"] } == ["report://1"])
        #expect(server.dispatcher.changeNotifications(version: 10, keys: [2]).isEmpty)
        _ = server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"s1"}}"#)
        #expect(server.dispatcher.changeNotifications(version: 11, keys: [1]).isEmpty)
    }

    static func fourPending(_ server: InProcessServer) throws {
        for order in 1...4 {
            try server.desk.run("submit --category payment --issue-type refund_request --order-id O-\(order)")
        }
    }

    static let dismissFour: JSONObject = ["name": "dismiss", "arguments": ["ids": [1, 2, 3, 4]]]

    @Test("a bulk change asks the person through the client and runs once the retry carries the acceptance")
    func confirmedBulkChange() throws {
        let server = InProcessServer.confirming()
        try Self.fourPending(server)
        let before = try server.desk.desk.currentVersion()
        let asked = try #require(server.result("tools/call", Self.params(Self.dismissFour, elicits: true)))
        #expect(asked["resultType"] == "input_required")
        let message = try #require(asked["inputRequests"]?["confirm"]?["params"]?["message"]?.stringValue)
        #expect(message.hasPrefix("Dismiss 4 reports?") && message.contains("#1"))
        #expect(try server.desk.desk.currentVersion() == before, "nothing changes before the answer")
        let state = try #require(asked["requestState"])

        var retry = Self.dismissFour
        retry["requestState"] = state
        retry["inputResponses"] = ["confirm": ["action": "accept", "content": [:]]]
        let done = try #require(server.result("tools/call", Self.params(retry, elicits: true)))
        #expect(done["resultType"] == "complete" && done["isError"] == false)
        #expect(done["structuredContent"]?["reports"]?.arrayValue?.map { $0["status"] } == ["dismissed", "dismissed", "dismissed", "dismissed"])
        #expect(server.request("tools/call", Self.params(retry, elicits: true))["error"]?["code"] == -32602, "a confirmation is used once")
    }

    @Test("a declined or forged confirmation, or a client that cannot ask, changes nothing")
    func refusedBulkChange() throws {
        let server = InProcessServer.confirming()
        try Self.fourPending(server)
        let before = try server.desk.desk.currentVersion()
        let asked = try #require(server.result("tools/call", Self.params(Self.dismissFour, elicits: true)))
        var declined = Self.dismissFour
        declined["requestState"] = asked["requestState"]
        declined["inputResponses"] = ["confirm": ["action": "decline"]]
        let answer = try #require(server.result("tools/call", Self.params(declined, elicits: true)))
        #expect(answer["isError"] == true)

        var forged = Self.dismissFour
        forged["requestState"] = "made-up"
        forged["inputResponses"] = ["confirm": ["action": "accept"]]
        #expect(server.request("tools/call", Self.params(forged, elicits: true))["error"]?["code"] == -32602)

        let refused = try #require(server.result("tools/call", Self.params(Self.dismissFour)))
        let text = try #require(refused["content"]?[0]?["text"]?.stringValue)
        #expect(refused["isError"] == true && text.contains("expectCount") && text.contains("dryRun"))
        #expect(try server.desk.desk.currentVersion() == before)

        let three = try #require(server.result("tools/call", Self.params(["name": "dismiss", "arguments": ["ids": [1, 2, 3]]])))
        #expect(three["isError"] == false, "three reports need no confirmation")
    }

    @Test("a legacy client that declared elicitation is asked with elicitation/create; its answer decides")
    func legacyElicitation() throws {
        let server = InProcessServer.confirming()
        try Self.fourPending(server)
        _ = server.result("initialize", ["protocolVersion": "2025-06-18", "capabilities": ["elicitation": [:]], "clientInfo": ["name": "t", "version": "1"]])
        let before = try server.desk.desk.currentVersion()
        let sent = server.send(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"dismiss","arguments":{"ids":[1,2,3,4]}}}"#)
        #expect(sent.count == 1 && sent.first?["method"] == "elicitation/create")
        let question = try #require(sent.first)
        #expect(question["params"]?["message"]?.stringValue?.hasPrefix("Dismiss 4 reports?") == true)
        let id = JSONWriter.string(try #require(question["id"]))
        let declined = server.send(#"{"jsonrpc":"2.0","id":\#(id),"result":{"action":"decline"}}"#)
        #expect(declined.first?["id"] == 7 && declined.first?["result"]?["isError"] == true)
        #expect(try server.desk.desk.currentVersion() == before)

        let again = try #require(server.send(#"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"dismiss","arguments":{"ids":[1,2,3,4]}}}"#).first)
        let accepted = server.send(#"{"jsonrpc":"2.0","id":\#(JSONWriter.string(try #require(again["id"]))),"result":{"action":"accept","content":{}}}"#)
        #expect(accepted.first?["id"] == 8 && accepted.first?["result"]?["isError"] == false)
        #expect(try server.desk.desk.currentVersion() == before + 1)
    }

    @Test("the triage prompt states the rules and the commands, and refuses a category the desk lacks")
    func triagePrompt() throws {
        let server = InProcessServer()
        let listed = try #require(server.result("prompts/list", Self.params())?["prompts"]?[0])
        #expect(listed["name"] == "triage")
        let prompt = try #require(server.result("prompts/get", Self.params(["name": "triage", "arguments": ["category": "payment", "window": "6h"]])))
        let text = try #require(prompt["messages"]?[0]?["content"]?["text"]?.stringValue)
        #expect(text.contains("72 hours") && text.contains("contact email") && text.contains("\"dueWithin\": \"6h\""))
        #expect(text.contains("- erase:"))
        let refused = server.request("prompts/get", Self.params(["name": "triage", "arguments": ["category": "nonsense"]]))
        #expect(refused["error"]?["message"]?.stringValue?.contains("nonsense") == true, "list's own refusal: \(refused)")
    }
}
