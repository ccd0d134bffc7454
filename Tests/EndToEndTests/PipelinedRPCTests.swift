import Testing
import ReportDeskCore
import ReportDeskTesting

@Suite("Pipelined JSON-RPC requests")
struct PipelinedRPCTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store") }

    @Test("reads queued behind one another and a write among them: every reply reflects the requests before it")
    func readsAroundAWrite() throws {
        _ = try runner.run(["submit", "--category", "payment", "--issue-type", "refund_request", "--details", "charged twice"])
        var lines: [String] = []
        for id in 1...300 { lines.append(#"{"jsonrpc":"2.0","id":\#(id),"method":"show","params":{"id":"1"}}"#) }
        lines.append(#"{"jsonrpc":"2.0","id":301,"method":"note","params":{"id":1,"text":"refund sent"}}"#)
        for id in 302...305 { lines.append(#"{"jsonrpc":"2.0","id":\#(id),"method":"show","params":{"id":1}}"#) }
        lines.append(#"{"jsonrpc":"2.0","id":306,"method":"info"}"#)
        let outcome = try runner.run(["rpc"], input: lines.joined(separator: "\n") + "\n")
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.count == 306)
        #expect(replies.prefix(300).allSatisfy { $0["result"]?["note"] == "" && $0["result"]?["version"] == 1 })
        #expect(replies[300]["result"]?["note"] == "refund sent")
        #expect(replies[301..<305].allSatisfy { $0["result"]?["note"] == "refund sent" && $0["result"]?["version"] == 2 })
        #expect(replies[305]["result"]?["version"] == 2)
    }
}
