import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// `import -` and `export` without `--out` through the built binary: standard input and output
/// carry data only where nothing else needs them (one-shot; script mode's stdout), never in `rpc`.
@Suite("Import from standard input, export to standard output")
struct ImportExportStreamTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store") }

    static let csv = "\u{FEFF}Category,Issue type,Order ID,Report details,Report time\r\n"
        + "Payment and orders,Refund request,O-1,\"charged twice, \"\"twice\"\"\",2026-11-20T10:00:00Z\r\n"
        + "payment,other,O-2,=HYPERLINK(\"x\"),2026-11-20T11:00:00Z\r\n"
        + "payment,nope,O-3,bad issue type,2026-11-20T12:00:00Z\r\n"

    @Test("one-shot import - reads the file from standard input; rejects are kept as for a file")
    func importStandardInput() throws {
        let outcome = try runner.run(["--json", "import", "-"], input: Self.csv)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let result = try #require(try outcome.json().first)
        #expect(result["imported"] == 2 && result["rejectedCount"] == 1 && result["format"] == "csv")
        let rejects = try #require(result["rejectsFile"]?.stringValue)
        #expect(rejects.contains("-stdin.rejects.csv"))
        let again = try runner.run(["--json", "import", "-"], input: Self.csv).json().first
        #expect(again?["duplicates"] == 2 && again?["version"] == 1)
    }

    @Test("export without --out writes the rows alone to standard output; with --json the result line goes to standard error")
    func exportStandardOutput() throws {
        #expect(try runner.run(["import", "-"], input: Self.csv).status == 0)
        let file = folder.file("reports.jsonl")
        #expect(try runner.run(["export", "--out", file]).standardOutput.hasPrefix("exported 2 reports to "))
        let plain = try runner.run(["export"])
        #expect(plain.status == 0)
        #expect(Array(plain.standardOutput.utf8) == [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
        let json = try runner.run(["--json", "export", "--format", "csv"])
        // CSV rows end in CRLF; standard output holds nothing else, the result is on standard error.
        let lines = json.standardOutput.components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines[0].hasPrefix("\u{FEFF}Key,Report ID,Category") && lines[3].isEmpty)
        #expect(json.standardOutput.contains(",\"'=HYPERLINK(\"\"x\"\")\","))
        let result = try JSONParser.parse(json.standardError)
        #expect(result["exported"] == 2 && result["out"] == .null)
    }

    @Test("script mode: export prints its rows; import - reads the rest of the input after its line")
    func scriptMode() throws {
        #expect(try runner.run(["import", "-"], input: Self.csv).status == 0)
        let exported = try runner.run([], input: "export --status pending\n")
        #expect(exported.status == 0 && exported.lines.count == 2)
        let extra = "Category,Issue type,Order ID,Report details,Report time\npayment,other,O-9,piped in,2026-11-21T10:00:00Z\n"
        let piped = try runner.run(["--json"], input: "note 1 'before the data'\nimport -\n" + extra)
        #expect(piped.status == 0, "\(piped.standardError)")
        let results = try piped.json()
        #expect(results.count == 2 && results[1]["imported"] == 1 && results[1]["format"] == "csv")
        #expect(try runner.run(["--json", "list", "--order-id", "O-9"]).json().first?["total"] == 1)
    }

    @Test("over JSON-RPC, export needs out and import needs a path: stdin and stdout carry the protocol")
    func rpc() throws {
        let file = folder.file("x.csv")
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"import","params":{"path":"\#(file)"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"export","params":{}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"import","params":{"path":"-"}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"export","params":{"out":"\#(folder.file("out.jsonl"))","status":["pending"]}}"#,
        ].joined(separator: "\n") + "\n"
        let replies = try runner.run(["rpc"], input: requests).json()
        let byID = Dictionary(replies.compactMap { reply in reply["id"]?.intValue.map { ($0, reply) } }, uniquingKeysWith: { first, _ in first })
        #expect(byID[1]?["result"]?["imported"] == 2)
        #expect(byID[2]?["error"]?["code"] == -32602 && byID[2]?["error"]?["data"]?["field"] == "out")
        #expect(byID[3]?["error"]?["code"] == -32602 && byID[3]?["error"]?["data"]?["field"] == "path")
        #expect(byID[4]?["result"]?["exported"] == 2)
    }
}
