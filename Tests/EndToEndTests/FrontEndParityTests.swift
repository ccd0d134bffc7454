import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// The same scenario through script mode over a real pipe, one-shot
/// processes with --json, and `reportdesk rpc` over the binary's stdin/stdout gives identical JSON.
@Suite("One interpreter behind every front end", .serialized)
struct FrontEndParityTests {
    let scenario: Scenario
    let folder = TemporaryFolder()
    var storePath: String { folder.path + "/store" }

    init() throws { scenario = try Scenario.load() }

    private func fresh() -> BinaryRunner {
        try? FileManager.default.removeItem(atPath: storePath)
        return BinaryRunner(store: storePath, clock: Scenario.clock)
    }

    func viaScript() throws -> [JSONValue] {
        let input = scenario.steps.map(\.scriptLine).joined(separator: "\n") + "\n"
        let outcome = try fresh().run(["--json", "--keep-going"], input: input)
        #expect(outcome.status == 1, "the stale ifVersion step fails, so the script exits 1")
        // Script mode adds the failing line to an error's data; the rest is what the others give.
        return try outcome.json().enumerated().map { index, value in
            guard case .object(var error)? = value["error"], case .object(var data)? = error["data"] else { return value }
            #expect(data["line"] == .int(index + 1), "the error names its script line")
            data = JSONObject(data.filter { $0.key != "line" }.map { ($0.key, $0.value) })
            error["data"] = .object(data)
            return .object(["error": .object(error)])
        }
    }

    func viaOneShot() throws -> [JSONValue] {
        let runner = fresh()
        return try scenario.steps.map { step in
            let outcome = try runner.run(["--json"] + step.words)
            let values = try outcome.json()
            #expect(values.count == 1, "one JSON value per command: \(step.method)")
            #expect(outcome.status == (values.first?["error"] == nil ? 0 : 1))
            return values.first ?? .null
        }
    }

    func viaRPC() throws -> [JSONValue] {
        let requests = scenario.steps.enumerated().map { index, step in
            JSONWriter.string(.object(["jsonrpc": "2.0", "id": .int(index + 1), "method": .string(step.method), "params": .object(step.params)]))
        }
        let outcome = try fresh().run(["rpc"], input: requests.joined(separator: "\n") + "\n")
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.map { $0["id"]?.intValue } == Array(1...scenario.steps.count).map { Optional($0) })
        return replies.map { reply in reply["result"] ?? .object(["error": reply["error"] ?? .null]) }
    }

    @Test("script, one-shot and rpc give identical results for every step")
    func parity() throws {
        let script = try viaScript()
        let oneShot = try viaOneShot()
        let rpc = try viaRPC()
        #expect(script.count == scenario.steps.count)
        for (index, step) in scenario.steps.enumerated() {
            #expect(script[index] == rpc[index], "script vs rpc at \(step.method): \(script[index]) / \(rpc[index])")
            #expect(oneShot[index] == rpc[index], "one-shot vs rpc at \(step.method)")
            #expect(JSONWriter.string(script[index]) == JSONWriter.string(rpc[index]), "byte-identical JSON at \(step.method)")
        }
        try checkScenarioFacts(rpc)
    }

    /// What the scenario must show, whatever the front end.
    private func checkScenarioFacts(_ results: [JSONValue]) throws {
        let byStep = Dictionary(uniqueKeysWithValues: zip(scenario.steps.indices, results))
        #expect(byStep[1]?["key"] == 1 && byStep[1]?["reportId"] == "EXP-1001")
        #expect(byStep[3]?["pastDue"] == true, "the community report is past due at the scenario's clock")
        #expect(byStep[4]?["total"] == 3)
        #expect(byStep[6]?["status"] == "resolved" && byStep[6]?["note"] == "Asked the store for the transaction log\nRefund sent")
        #expect(byStep[7]?["notice"]?.stringValue?.contains("dev@example.com") == true)
        #expect(byStep[8]?["status"] == "pending" && byStep[8]?["appeal"]?["status"] == "overturned")
        #expect(byStep[10]?["undid"] == 8 && byStep[10]?["version"] == 9)
        #expect(byStep[11]?["status"] == "resolved" && byStep[11]?["appeal"]?["status"] == "open")
        #expect(byStep[12]?["error"]?["code"] == -32002)
        #expect(byStep[12]?["error"]?["data"]?["version"] == 9)
        #expect(byStep[13]?["reports"]?.arrayValue?.map { $0["status"] } == ["resolved", "resolved"])
        #expect(byStep[14]?["versions"]?.arrayValue?.count == 5)
        #expect(byStep[15]?["version"] == 10 && byStep[15]?["pending"] == 0)
    }
}
