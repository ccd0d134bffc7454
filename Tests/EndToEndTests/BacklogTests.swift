import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// Working through a backlog from outside, through the built binary: changes by filter in one
/// version, every report checked before anything changes, the count guard of agents, the appeals
/// queue, and instants as people write them (R5, R9, R10, R12).
@Suite("Clearing a backlog")
struct BacklogTests {
    let folder = TemporaryFolder()
    var store: String { folder.path + "/store" }
    /// A fixed clock a year after the console export's reports, so most pending ones are past due.
    var runner: BinaryRunner { BinaryRunner(store: store, clock: "2026-11-24T12:00:00Z") }

    private static let consoleExport: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("Samples/import/console-export.csv").path
    }()

    private func json(_ arguments: [String]) throws -> JSONValue {
        let outcome = try runner.run(["--json"] + arguments)
        return try #require(try outcome.json().first, "no output from \(arguments): \(outcome.standardError)")
    }

    private func keys(_ value: JSONValue) -> [Int] {
        (value["reports"]?.arrayValue ?? []).compactMap { $0["key"]?.intValue }
    }

    /// Every key `list` gives for these filters, following the cursor.
    private func listed(_ filters: [String]) throws -> [Int] {
        var found: [Int] = []
        var cursor: String?
        repeat {
            let page = try json(["list"] + filters + ["--limit", "1000"] + (cursor.map { ["--cursor", $0] } ?? []))
            found += keys(page)
            cursor = page["nextCursor"]?.stringValue
        } while cursor != nil
        return found
    }

    private func importConsoleExport() throws {
        let imported = try json(["import", Self.consoleExport])
        #expect((imported["imported"]?.intValue ?? 0) > 100, "\(imported)")
    }

    @Test("dismiss by filter changes exactly the pending past-due community reports in one version; undo brings them back in one")
    func dismissByFilter() throws {
        try importConsoleExport()
        let expected = try listed(["--status", "pending", "--past-due", "--category", "community"]).sorted()
        #expect(expected.count > 3, "the sample has a community backlog")
        let dismissedBefore = Set(try listed(["--status", "dismissed", "--category", "community"]))
        let before = try json(["info"])["version"]!.intValue!

        let dryRun = try json(["dismiss", "--past-due", "--category", "community", "--dry-run"])
        #expect(dryRun["keys"]?.arrayValue?.compactMap(\.intValue) == expected)
        #expect(dryRun["count"]?.intValue == expected.count)
        #expect(dryRun["dryRun"] == true)
        #expect(try json(["info"])["version"]?.intValue == before, "a dry run changes nothing")

        let outcome = try runner.run(["dismiss", "--past-due", "--category", "community", "--note", "spam wave", "--yes"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let after = try json(["info"])
        #expect(after["version"]?.intValue == before + 1, "the whole set is one version")
        #expect(try listed(["--past-due", "--category", "community"]).isEmpty)
        let dismissed = Set(try listed(["--status", "dismissed", "--category", "community"]))
        #expect(dismissed.subtracting(dismissedBefore) == Set(expected))
        let history = try json(["history", "--limit", "1"])["versions"]?[0]
        #expect(history?["command"] == "dismiss")

        let undo = try json(["undo"])
        #expect(undo["version"]?.intValue == before + 2)
        #expect(try listed(["--status", "pending", "--past-due", "--category", "community"]).sorted() == expected, "one undo brings the set back")
    }

    @Test("a range with one processed report changes nothing and names it; a missing key is named as not found")
    func everyReportCheckedFirst() throws {
        for index in 1...9 {
            _ = try json(["submit", "--category", "payment", "--issue-type", "other", "--details", "row \(index)",
                          "--reported-at", "2026-11-2\(index % 3)T10:00:00Z"])
        }
        _ = try json(["resolve", "5"])
        let version = try json(["info"])["version"]!.intValue!

        let refused = try runner.run(["--json", "resolve", "--ids", "3-9", "--yes"])
        #expect(refused.status == 1)
        let error = try #require(try refused.json().first?["error"])
        #expect(error["code"] == -32003)
        #expect(error["data"]?["rule"] == "R5")
        #expect(error["data"]?["count"] == 1)
        #expect(error["data"]?["reports"]?[0]?["key"] == 5)
        #expect(error["message"]?.stringValue?.contains("#5 (already resolved)") == true, "\(error)")
        #expect(try json(["info"])["version"]?.intValue == version, "nothing changed")
        #expect(try listed(["--status", "pending"]).count == 8)

        let missing = try runner.run(["--json", "resolve", "--ids", "1,2,99999"])
        #expect(missing.status == 1)
        let notFound = try #require(try missing.json().first?["error"])
        #expect(notFound["code"] == -32001)
        #expect(notFound["data"]?["ids"] == ["99999"])
        #expect(notFound["message"]?.stringValue?.contains("99999") == true)
        #expect(try json(["info"])["version"]?.intValue == version)

        let mixed = try json(["resolve", "--ids", "3-4,#6,9"])
        #expect(mixed["keys"] == [3, 4, 6, 9])
        #expect(mixed["count"] == 4)
    }

    @Test("nothing ever means all: a change without ids or filters is refused")
    func nothingMeansNothing() throws {
        _ = try json(["submit", "--category", "payment", "--issue-type", "other", "--details", "x"])
        let outcome = try runner.run(["--json", "dismiss", "--note", "all of them?"])
        #expect(outcome.status == 2)
        #expect(try outcome.json().first?["error"]?["data"]?["field"] == "id")
    }

    @Test("JSON-RPC: expectCount one less than the set is a conflict naming the real count, and changes nothing; the right count succeeds")
    func expectCount() throws {
        try importConsoleExport()
        let expected = try listed(["--status", "pending", "--past-due", "--category", "community"]).count
        let version = try json(["info"])["version"]!.intValue!
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"dismiss","params":{"pastDue":true,"category":["community"],"expectCount":\#(expected - 1)}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"info"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"dismiss","params":{"pastDue":true,"category":"community","expectCount":\#(expected),"note":"spam wave"}}"#,
        ].joined(separator: "\n") + "\n"
        let replies = try runner.run(["rpc"], input: requests).json()
        #expect(replies.count == 3)
        let conflict = try #require(replies[0]["error"])
        #expect(conflict["code"] == -32002)
        #expect(conflict["data"]?["count"]?.intValue == expected)
        #expect(replies[1]["result"]?["version"]?.intValue == version, "the refused change wrote nothing")
        #expect(replies[2]["result"]?["count"]?.intValue == expected)
        #expect(replies[2]["result"]?["version"]?.intValue == version + 1)
    }

    @Test("list --appeal open lists exactly the open appeals, oldest appeal first, one-shot and JSON-RPC alike; info counts them")
    func appealsQueue() throws {
        for index in 1...4 {
            _ = try json(["submit", "--category", "payment", "--issue-type", "refund_request", "--details", "refund \(index)",
                          "--order-id", "ORD-\(index)", "--open-id", index <= 2 ? "user 9" : "user-\(index)",
                          "--reported-at", "2026-11-20T10:00:00Z"])
        }
        _ = try json(["resolve", "--ids", "1-4", "--yes"])
        for (key, clock) in [(3, "2026-11-24T12:00:00Z"), (1, "2026-11-24T13:00:00Z"), (4, "2026-11-24T14:00:00Z")] {
            let opened = try BinaryRunner(store: store, clock: clock).run(["--json", "appeal", "open", "\(key)", "not refunded yet, see statement"])
            #expect(opened.status == 0, "\(opened.standardError)")
        }
        _ = try json(["appeal", "decide", "4", "--outcome", "upheld", "--note", "refund was sent"])

        #expect(try listed(["--appeal", "open"]) == [3, 1])
        #expect(try listed(["--appeal", "decided"]) == [4])
        #expect(try listed(["--appeal", "none"]) == [2])
        let rpc = try runner.run(["rpc"], input: #"{"jsonrpc":"2.0","id":1,"method":"list","params":{"appeal":"open"}}"# + "\n").json()
        #expect(keys(try #require(rpc.first?["result"])) == [3, 1])
        #expect(try json(["info"])["appealsOpen"] == 2)
        let found = try json(["search", "statement"])
        #expect(Set(keys(found)) == [1, 3, 4], "search finds the words of appeal messages")
        let shown = try json(["show", "1"])
        #expect(shown["related"] == ["sameOpenId": 1, "sameOrderId": 0])
        let human = try runner.run(["show", "1"]).standardOutput
        #expect(human.contains("Same user    1 other report · list --open-id 'user 9'"), "\(human)")
        #expect(!human.contains("Same order"), "no other report is about ORD-1")
    }

    @Test("instants as people write them give the same reports as the RFC 3339 instants in the display zone, across a DST change",
          arguments: [
              (["--since", "7d"], ["--since", "2026-03-23T10:00:00Z"]),
              (["--since", "yesterday"], ["--since", "2026-03-29T00:00:00+01:00"]),
              (["--since", "today"], ["--since", "2026-03-30T00:00:00+02:00"]),
              (["--until", "2026-03-29"], ["--until", "2026-03-28T23:00:00Z"]),
              (["--since", "36h", "--until", "today"], ["--since", "2026-03-28T22:00:00Z", "--until", "2026-03-29T22:00:00Z"]),
          ])
    func instants(spoken: [String], exact: [String]) throws {
        // Europe/Berlin moves to summer time on 2026-03-29: that day is 23 hours long.
        let berlin = BinaryRunner(store: store, clock: "2026-03-30T10:00:00Z", extra: ["TZ": "Europe/Berlin"])
        for hour in stride(from: 0, to: 24 * 9, by: 5) {
            let instant = Instant(milliseconds: RFC3339.parse("2026-03-21T00:00:00Z")!.milliseconds + Int64(hour) * 3_600_000)
            #expect(try berlin.run(["submit", "--category", "payment", "--issue-type", "other", "--details", "h\(hour)",
                                    "--reported-at", RFC3339.format(instant)]).status == 0)
        }
        func keys(_ filters: [String]) throws -> [Int] {
            let page = try #require(try berlin.run(["--json", "list", "--limit", "1000"] + filters).json().first)
            return (page["reports"]?.arrayValue ?? []).compactMap { $0["key"]?.intValue }
        }
        let expected = try keys(exact)
        #expect(!expected.isEmpty)
        #expect(try keys(spoken) == expected)
        let bad = try berlin.run(["list", "--since", "last tuesday"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("yesterday") && bad.standardError.contains("last tuesday"), "\(bad.standardError)")
    }
}
