import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// README, Modes: exit 0 success, 1 a command failed, 2 usage error; errors as one readable line
/// on stderr, or with --json as the JSON-RPC error object on stdout.
@Suite("Exit status and error output of one-shot and script mode")
struct ExitStatusTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store") }

    @Test("one-shot commands exit 0, 1 or 2", arguments: [
        (["info"], Int32(0)),
        (["show", "99"], 1),
        (["frobnicate"], 2),
        (["list", "--limit", "lots"], 2),
        (["list", "--colour"], 2),
        (["--colour", "list"], 2),
        (["--tz", "Mars/Olympus", "list"], 2),
        (["submit", "--category", "ads", "--issue-type", "x"], 1),
        (["submit", "--category", "community", "--issue-type", "violence", "--order-id", "O-1"], 1),
    ] as [([String], Int32)])
    func oneShot(arguments: [String], status: Int32) throws {
        let outcome = try runner.run(arguments)
        #expect(outcome.status == status, "\(arguments): \(outcome.standardError)")
        if status != 0 {
            #expect(outcome.standardError.hasPrefix("error: "), "\(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1 || arguments.first == "--colour" || arguments.first == "--tz")
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    @Test("with --json the error is the JSON-RPC error object on stdout")
    func jsonErrors() throws {
        let outcome = try runner.run(["--json", "submit", "--category", "experience", "--issue-type", "other", "--order-id", "O-1"])
        #expect(outcome.status == 1)
        let error = try #require(try outcome.json().first?["error"])
        #expect(error["code"] == -32003 && error["data"]?["rule"] == "R3" && error["data"]?["field"] == "orderId")
        let usage = try runner.run(["--json", "list", "--limit", "0"])
        #expect(usage.status == 2)
        #expect(try usage.json().first?["error"]?["data"]?["field"] == "limit")
    }

    @Test("script mode stops at the first failing command; a usage error stops it with 2")
    func script() throws {
        let failing = try runner.run([], input: "submit --category payment --issue-type other\nshow 42\nsubmit --category payment --issue-type other\n")
        #expect(failing.status == 1)
        #expect(failing.standardError.contains("line 2") && failing.standardError.contains("no report with"))
        #expect(try runner.run(["--json", "info"]).json().first?["reports"] == 1, "the line after the failure did not run")

        let usage = try runner.run([], input: "# a comment\n\nlist --bogus\ninfo\n")
        #expect(usage.status == 2)
    }

    @Test("--keep-going runs every line and still exits 1 if any failed")
    func keepGoing() throws {
        let outcome = try runner.run(["--keep-going", "--json"], input: "show 9\nsubmit --category payment \\\n  --issue-type other\ninfo\n")
        #expect(outcome.status == 1)
        let values = try outcome.json()
        #expect(values.count == 3)
        #expect(values[0]["error"]?["code"] == -32001)
        #expect(values[1]["key"] == 1, "a trailing backslash continued the line")
        #expect(values[2]["reports"] == 1)
    }

    @Test("hostile bytes on a script line are refused and the script goes on with --keep-going")
    func hostileScript() throws {
        var input = Array("note 1 \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8)
        input += Array("submit --category payment --issue-type other --details \"".utf8) + [0x1B] + Array("[2J\"\ninfo\n".utf8)
        let outcome = try runner.run(["--keep-going", "--json"], input: input)
        let values = try outcome.json()
        #expect(values.count == 3)
        #expect(values[1]["details"] == "\u{1B}[2J", "stored as given; neutralised only when printed for people")
    }

    @Test("the RPC server answers bad input with errors and keeps serving")
    func rpcKeepsServing() throws {
        let input = [
            "{not json",
            #"{"jsonrpc":"2.0","id":1,"method":"list","params":{"limit":"many"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"nope"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"info"}"#,
        ].joined(separator: "\n") + "\n"
        let outcome = try runner.run(["rpc"], input: input)
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.map { $0["error"]?["code"]?.intValue } == [-32700, -32602, -32601, nil])
        #expect(replies[1]["error"]?["data"]?["field"] == "limit")
        #expect(replies[3]["result"]?["version"] == 0)
    }
}
