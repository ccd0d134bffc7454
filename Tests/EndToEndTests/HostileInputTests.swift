import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// Hostile input gets the exact error it deserves and costs nothing: after
/// each case the store is at the same version and passes verify.
@Suite("Hostile input")
struct HostileInputTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store") }

    /// Seeds the store and returns a check that it is unchanged.
    private func seeded() throws -> () throws -> Void {
        let seed = try runner.run(["--json"], input: """
            submit --category payment --issue-type refund_request --order-id O-1 --details 'first'
            submit --category experience --issue-type other --details 'second'
            """)
        #expect(seed.status == 0)
        let before = try runner.run(["--json", "info"]).json()[0]["version"]
        return { [runner] () throws -> Void in
            #expect(try runner.run(["--json", "info"]).json()[0]["version"] == before, "the store changed")
            #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
        }
    }

    private func rpc(_ bytes: [UInt8]) throws -> [JSONValue] {
        let outcome = try runner.run(["rpc"], input: bytes + Array("\n{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"info\"}\n".utf8))
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.last?["id"] == "after" && replies.last?["result"] != nil, "the server kept serving")
        return Array(replies.dropLast())
    }

    @Test("invalid UTF-8: in an RPC message, on a script line, in an argument")
    func invalidUTF8() throws {
        let unchanged = try seeded()
        let reply = try rpc(Array(#"{"jsonrpc":"2.0","id":1,"method":"note","params":{"id":1,"text":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8))
        #expect(reply.first?["error"]?["code"] == -32700)
        #expect(reply.first?["error"]?["message"]?.stringValue?.contains("invalid UTF-8") == true)
        let script = try runner.run([], input: Array("note 1 '".utf8) + [0xFF] + Array("'\n".utf8))
        #expect(script.status == 2 && script.standardError.contains("not valid UTF-8"))
        try unchanged()
    }

    @Test("NUL bytes: raw in JSON, escaped in a text parameter, on a script line")
    func nulBytes() throws {
        let unchanged = try seeded()
        let raw = try rpc(Array(#"{"jsonrpc":"2.0","id":1,"method":"note","params":{"id":1,"text":"a"#.utf8) + [0] + Array(#"b"}}"#.utf8))
        #expect(raw.first?["error"]?["code"] == -32700)
        let escaped = try rpc(Array(#"{"jsonrpc":"2.0","id":2,"method":"note","params":{"id":1,"text":"a\u0000b"}}"#.utf8))
        #expect(escaped.first?["error"]?["code"] == -32602 && escaped.first?["error"]?["data"]?["field"] == "text")
        let script = try runner.run(["--json"], input: Array("note 1 a".utf8) + [0] + Array("b\n".utf8))
        #expect(script.status == 2)
        #expect(try script.json().first?["error"]?["data"]?["field"] == "text")
        try unchanged()
    }

    @Test("10 MB lines and fields are refused with the documented limit")
    func hugeFields() throws {
        let unchanged = try seeded()
        let big = String(repeating: "x", count: 10 * 1024 * 1024)
        let script = try runner.run(["--json"], input: "note 1 \(big)\n")
        #expect(script.status == 2)
        let error = try #require(try script.json().first?["error"])
        #expect(error["data"]?["field"] == "text" && error["message"]?.stringValue?.contains("the limit is 100,000") == true)
        let message = #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{"category":"payment","issueType":"other","details":""# + big + #""}}"#
        let reply = try rpc(Array(message.utf8))
        #expect(reply.first?["error"]?["data"]?["field"] == "details")
        let oversized = try rpc(Array(#"{"jsonrpc":"2.0","id":1,"method":"info","params":{"x":""#.utf8) + Array(repeating: 0x61, count: 17 * 1024 * 1024) + Array(#""}}"#.utf8))
        #expect(oversized.first?["error"]?["code"] == -32600)
        #expect(oversized.first?["error"]?["message"]?.stringValue?.contains("over the limit of 16777216 bytes") == true)
        try unchanged()
    }

    @Test("deeply nested JSON is refused before it can exhaust the stack")
    func nesting() throws {
        let unchanged = try seeded()
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let reply = try rpc(Array((#"{"jsonrpc":"2.0","id":1,"method":"list","params":"# + deep + "}").utf8))
        #expect(reply.first?["error"]?["code"] == -32700)
        #expect(reply.first?["error"]?["message"]?.stringValue?.contains("64 levels") == true)
        try unchanged()
    }

    @Test("huge numbers and wrong types in params are -32602 naming the field", arguments: [
        (#"{"id":99999999999999999999999}"#, "show", "id"),
        (#"{"limit":1e400}"#, "list", "limit"),
        (#"{"limit":-1}"#, "list", "limit"),
        (#"{"id":1,"ifVersion":-5,"text":"x"}"#, "note", "ifVersion"),
        (#"{"id":{"key":1}}"#, "show", "id"),
        (#"{"ids":{"first":1}}"#, "resolve", "ids"),
        (#"{"pastDue":1}"#, "list", "pastDue"),
        (#"{"at":"yesterday","id":1}"#, "show", "at"),
    ])
    func wrongTypes(params: String, method: String, field: String) throws {
        let unchanged = try seeded()
        let reply = try rpc(Array(#"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#.utf8))
        #expect(reply.first?["error"]?["code"] == -32602, "\(reply)")
        #expect(reply.first?["error"]?["data"]?["field"] == .string(field))
        try unchanged()
    }

    @Test("SQL metacharacters in every text field are stored and read back as plain text")
    func sqlMetacharacters() throws {
        let nasty = #"x'); DROP TABLE report; -- " OR 1=1 /* %_ \ "#
        let params: JSONValue = ["category": "payment", "issueType": "refund_request", "details": .string(nasty),
                                 "openId": .string(nasty), "orderId": .string("O" + nasty)]
        let requests = [
            JSONWriter.string(["jsonrpc": "2.0", "id": 1, "method": "submit", "params": params]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 2, "method": "note", "params": ["id": 1, "text": .string(nasty)]]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 3, "method": "resolve", "params": ["id": 1]]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 4, "method": "appeal.open", "params": ["id": 1, "message": .string(nasty)]]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 5, "method": "search", "params": ["query": .string(nasty)]]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 6, "method": "list", "params": ["openId": .string(nasty)]]),
            JSONWriter.string(["jsonrpc": "2.0", "id": 7, "method": "show", "params": ["id": .string(nasty)]]),
        ]
        let replies = try runner.run(["rpc"], input: requests.joined(separator: "\n") + "\n").json()
        let report = try #require(replies[3]["result"])
        #expect(report["details"] == .string(nasty) && report["openId"] == .string(nasty) && report["note"] == .string(nasty))
        #expect(report["orderId"] == .string("O" + nasty) && report["appeal"]?["message"] == .string(nasty))
        #expect(replies[4]["result"]?["total"] == 1)
        #expect(replies[5]["result"]?["total"] == 1)
        #expect(replies[6]["error"]?["code"] == -32001)
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("screenshots: not an image, too large, a symbolic link, a path into system files")
    func screenshots() throws {
        let unchanged = try seeded()
        let text = folder.file("notes.txt")
        _ = FileManager.default.createFile(atPath: text, contents: Data("hello".utf8))
        var huge = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        huge.append(Data(count: 11 * 1024 * 1024))
        let large = folder.file("large.png")
        _ = FileManager.default.createFile(atPath: large, contents: huge)
        let link = folder.file("link.png")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: large)
        let cases: [(String, String)] = [
            (text, "is not a PNG, JPEG, WebP or GIF image"),
            (large, "the limit is 10485760 bytes"),
            (link, "symbolic link"),
            ("../../../../../../etc/passwd", "is not a PNG, JPEG, WebP or GIF image"),
            ("/dev/zero", "not a regular file"),
            (folder.file("missing.png"), "does not exist"),
        ]
        for (path, message) in cases {
            let outcome = try runner.run(["--json", "submit", "--category", "community", "--issue-type", "violence", "--screenshot", path])
            let error = try #require(try outcome.json().first?["error"], "\(path)")
            #expect(error["message"]?.stringValue?.contains(message) == true, "\(path): \(error)")
            #expect([-32003, -32001].contains(error["code"]?.intValue ?? 0))
        }
        try unchanged()
        let blobs = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/store/blobs")) ?? []
        #expect(blobs.isEmpty, "nothing was copied into the store")
    }
}
