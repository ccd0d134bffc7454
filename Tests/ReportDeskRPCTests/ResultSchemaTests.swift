import Foundation
import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

/// Every RPC reply is checked against the result schema its command declares, for every
/// command in the registry, so a result that drifts from its declaration (and so from `rpc.discover`
/// and MCP's outputSchema) fails here.
@Suite("Every command's reply fits the result schema it declares")
struct ResultSchemaTests {
    /// A run touching every command, in an order where each call succeeds.
    static func calls(folder: String) -> [(String, JSONValue)] {
        [
            ("config.set", ["name": "contactEmail", "value": "dev@example.com"]),
            ("submit", ["category": "experience", "issueType": "crash_or_freeze", "details": "The map freezes", "openId": "u-1",
                        "reportedAt": "2026-11-24T08:00:00Z", "reportId": "EXP-1"]),
            ("submit", ["category": "payment", "issueType": "refund_request", "details": "Charged twice", "orderId": "ORD-1", "openId": "u-2"]),
            ("submit", ["category": "community", "issueType": "harassment", "screenshot": "https://example.com/s.png", "openId": "u-3",
                        "reportedAt": "2026-11-20T09:00:00Z"]),
            ("submit", ["category": "payment", "issueType": "refund_request", "orderId": "ORD-2"]),
            ("list", [:]),
            ("list", ["status": "pending", "sort": "dueAt", "desc": true, "limit": 2]),
            ("list", ["pastDue": true, "category": "community"]),
            ("search", ["query": "freezes"]),
            ("show", ["id": 1]),
            ("show", ["id": "EXP-1", "at": 2]),
            ("show", ["id": 3]),
            ("note", ["id": 2, "text": "asked the store"]),
            ("resolve", ["id": 2, "note": "refund sent"]),
            ("appeal.open", ["id": 2, "message": "the refund never arrived"]),
            ("appeal.decide", ["id": 2, "outcome": "overturned", "note": "bounced"]),
            ("dismiss", ["id": 4, "note": "duplicate"]),
            ("reopen", ["id": 4, "note": "the user wrote again"]),
            ("resolve", ["ids": [1, 3], "note": "handled together"]),
            ("dismiss", ["ids": [4]]),
            ("history", [:]),
            ("history", ["id": 2, "limit": 2]),
            ("diff", ["from": 1]),
            ("diff", ["from": 2, "to": 5]),
            ("undo", [:]),
            ("info", [:]),
            ("stats", [:]),
            ("taxonomy", [:]),
            ("taxonomy.add", ["category": "ads", "displayName": "Advertisements", "issueTypes": ["misleading_ad"], "fields": ["details"]]),
            ("config.get", [:]),
            ("config.get", ["name": "contactEmail"]),
            ("export", ["out": .string(folder + "/export.jsonl")]),
            ("export", ["format": "csv", "out": .string(folder + "/export.csv"), "status": "resolved"]),
            ("import", ["path": .string(folder + "/incoming.jsonl")]),
            ("snapshot.save", ["name": "before-erase"]),
            ("snapshot.list", [:]),
            ("erase", ["openId": "u-3"]),
            ("snapshot.restore", ["name": "before-erase"]),
            ("diff", ["from": 0, "limit": 2]),
            ("snapshot.save", ["name": "spare"]),
            ("snapshot.delete", ["name": "spare"]),
            ("snapshot.prune", ["keep": 0]),
            ("verify", [:]),
            ("help", [:]),
            ("help", ["command": "appeal open"]),
            ("help", ["man": true]),
            ("completion", ["shell": "zsh"]),
        ]
    }

    static let incoming = """
        {"category":"experience","issueType":"crash_or_freeze","details":"Imported freeze","reportedAt":"2026-11-23T10:00:00Z","reportId":"EXP-77"}
        {"category":"payment","issueType":"refund_request","orderId":"ORD-77","reportedAt":"2026-11-23T11:00:00Z"}
        {"category":"payment","issueType":"no_such_type","reportedAt":"2026-11-23T11:00:00Z"}

        """

    @Test("each command's reply, through the dispatcher, fits its declared result schema")
    func everyReplyFits() throws {
        let server = InProcessServer()
        let folder = server.desk.folder.path
        try Self.incoming.write(toFile: folder + "/incoming.jsonl", atomically: true, encoding: .utf8)
        let registry = server.desk.interpreter.registry
        var covered = Set<String>()
        for (method, params) in Self.calls(folder: folder) {
            guard let spec = registry.command(method: method)?.spec else { continue }
            let reply = server.request(method, params)
            let result = try #require(reply["result"], "\(method) \(params): \(reply)")
            let problems = SchemaValidator.problems(result, against: spec.result.schema)
            #expect(problems.isEmpty, "\(method) \(params): \(problems)")
            covered.insert(method)
        }
        // watch runs on and JSON-RPC refuses it; WatchCommandTests checks its result against its schema.
        let uncovered = registry.specs.map(\.method).filter { !covered.contains($0) && $0 != "watch" }
        #expect(uncovered.isEmpty, "add a call for \(uncovered) so its result is checked against its schema")
    }

    @Test("results that may take several shapes fit exactly one of their alternatives")
    func alternatives() throws {
        let server = InProcessServer()
        try server.desk.submitOneOfEach()
        let resolve = try #require(server.desk.interpreter.registry.command(method: "resolve")).spec
        let one = try #require(server.result("resolve", ["id": 1]))
        let many = try #require(server.result("resolve", ["ids": [2, 3]]))
        #expect(SchemaValidator.problems(one, against: resolve.result.schema).isEmpty)
        #expect(SchemaValidator.problems(many, against: resolve.result.schema).isEmpty)
        #expect(!SchemaValidator.problems(["reports": "not a list"], against: resolve.result.schema).isEmpty, "the check can fail")
    }
}
