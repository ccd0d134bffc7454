import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

/// The Model Context Protocol on the same dispatcher: every command a tool, from its declaration.
@Suite("MCP tools from the command declarations")
struct MCPToolTests {
    static func mcpServer() -> InProcessServer {
        let server = InProcessServer()
        _ = server.result("initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]])
        return server
    }

    @Test("tools/list has one tool per command with its description, input schema and, for object results, output schema")
    func toolsList() throws {
        let server = Self.mcpServer()
        let tools = try #require(server.result("tools/list")?["tools"]?.arrayValue)
        let specs = server.desk.interpreter.registry.specs
        #expect(tools.compactMap { $0["name"]?.stringValue } == specs.map(\.method))
        for (tool, spec) in zip(tools, specs) {
            #expect(tool["inputSchema"] == spec.parametersSchema)
            #expect(tool["inputSchema"]?["type"] == "object")
            #expect(tool["description"]?.stringValue?.contains(spec.summary) == true)
            if spec.result.schema["type"] == "object" {
                #expect(tool["outputSchema"] == spec.result.schema, "\(spec.method)")
            } else {
                #expect(tool.objectValue?.keys.contains("outputSchema") == false, "MCP output schemas must be objects: \(spec.method)")
            }
            #expect(tool["annotations"]?["readOnlyHint"] == .bool(!spec.mutates))
            let irreversible = ["erase", "snapshot.delete", "snapshot.prune"].contains(spec.method)
            #expect(tool["annotations"]?["destructiveHint"] == .bool(irreversible), "only erase and deleting snapshots cannot be undone: \(spec.method)")
        }
    }

    @Test("tools/call returns the result as structured content fitting the output schema, and as the same JSON in text")
    func callSucceeds() throws {
        let server = Self.mcpServer()
        try server.desk.submitOneOfEach()
        let result = try #require(server.result("tools/call", ["name": "list", "arguments": ["status": "pending"]]))
        #expect(result["isError"] == false)
        let structured = try #require(result["structuredContent"])
        #expect(structured["total"] == 3)
        let list = try #require(server.desk.interpreter.registry.command(method: "list")).spec
        #expect(SchemaValidator.problems(structured, against: list.result.schema).isEmpty)
        let text = try #require(result["content"]?[0]?["text"]?.stringValue)
        #expect(result["content"]?[0]?["type"] == "text")
        #expect(try JSONParser.parse(text) == structured)
    }

    @Test("a failing call is a result with isError and the readable message, without structured content", arguments: [
        ("resolve", ["id": 99] as JSONValue, "-32001"),
        ("resolve", ["id": 1, "colour": "red"], "colour"),
        ("list", ["status": "open"], "status"),
        ("show", "not an object", "params"),
    ] as [(String, JSONValue, String)])
    func callFails(tool: String, arguments: JSONValue, mentions: String) throws {
        let server = Self.mcpServer()
        try server.desk.submitOneOfEach()
        let reply = server.request("tools/call", ["name": .string(tool), "arguments": arguments])
        let result = try #require(reply["result"], "a tool's failure is a result, not a protocol error: \(reply)")
        #expect(result["isError"] == true)
        #expect(result["structuredContent"] == nil, "an error does not fit the tool's output schema")
        let text = try #require(result["content"]?[0]?["text"]?.stringValue)
        #expect(text.contains(mentions), "\(text)")
    }

    @Test("processing a report twice names the rule and the status it is in")
    func ruleViolation() throws {
        let server = Self.mcpServer()
        try server.desk.submitOneOfEach()
        _ = server.result("tools/call", ["name": "resolve", "arguments": ["id": 1]])
        let result = try #require(server.result("tools/call", ["name": "resolve", "arguments": ["id": 1]]))
        let text = try #require(result["content"]?[0]?["text"]?.stringValue)
        #expect(result["isError"] == true)
        #expect(text.contains("-32003") && text.contains("resolved") && text.contains("R5"), "\(text)")
    }

    @Test("an unknown tool or a missing name is a protocol error, as MCP says", arguments: [
        ["name": "no.such.tool"], ["arguments": [:]], ["name": 5],
    ] as [JSONValue])
    func unknownTool(params: JSONValue) {
        let reply = Self.mcpServer().request("tools/call", params)
        #expect(reply["error"]?["code"] == -32602)
        #expect(reply["error"]?["data"]?["field"] == "name")
    }

    @Test("ping answers an empty object")
    func ping() {
        #expect(Self.mcpServer().result("ping") == [:])
    }
}
