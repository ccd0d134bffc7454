import Foundation
import Testing
import ReportDeskCore
import ReportDeskRPC
import ReportDeskTesting

/// Over real processes: a server started before another process commits
/// receives `store/changed` with the new version and keys within one second of that commit, never
/// for its own commits, in its client's framing; `initialize` with notifications false and MCP
/// sessions get none.
@Suite("store/changed notifications between processes", .serialized)
struct RPCNotificationTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store", clock: nil) }

    /// The longest a notification may follow the commit it reports.
    static let bound: Duration = .seconds(1)

    func seed() throws {
        for order in ["O-1", "O-2"] {
            let outcome = try runner.run(["submit", "--category", "payment", "--issue-type", "refund_request", "--order-id", order])
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
    }

    /// Resolves a report from another process; the instant that process had exited.
    func resolveElsewhere(_ key: Int) throws -> ContinuousClock.Instant {
        let outcome = try runner.run(["resolve", String(key)])
        let exited = ContinuousClock.now
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return exited
    }

    static func changes(_ messages: [RPCProcess.Message]) -> [RPCProcess.Message] {
        messages.filter { $0.value["method"] == "store/changed" }
    }

    @Test("another process's resolve reaches a running server within one second, with the version and key; its own commit does not")
    func foreignCommitIsNotified() throws {
        try seed()
        let server = try RPCProcess(runner: runner)
        defer { server.stop() }
        let initialized = server.call("initialize", [:], id: 1)
        #expect(initialized.reply?["result"]?["capabilities"]?["notifications"] == ["store/changed"])
        let own = server.call("note", ["id": 2, "text": "written by this client"], id: 2)
        #expect(own.reply?["result"]?["version"] == 3)

        let exited = try resolveElsewhere(1)
        let change = try #require(server.next(), "a notification arrives")
        #expect(change.value["method"] == "store/changed")
        #expect(change.value["id"] == nil, "a notification has no id")
        #expect(change.value["params"] == ["version": 4, "keys": [1]], "the foreign version only, not the client's own note at 3")
        #expect(change.arrival - exited < Self.bound, "arrived \(change.arrival - exited) after the other process exited")

        let after = server.call("ping", id: 3)
        #expect(after.reply?["result"] == [:])
        #expect(Self.changes(after.before).isEmpty, "one commit, one notification")
    }

    @Test("a Content-Length client that has only sent a notification gets store/changed in Content-Length framing")
    func notificationUsesClientFraming() throws {
        let store = folder.path + "/store"
        let server = try RPCProcess(runner: runner, framing: .contentLength)
        defer { server.stop() }
        server.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        // The server creates the store as it starts, before it reads input: once the database
        // exists, the server is watching from version 0.
        try Polling.wait(for: "the server to create \(store)/reports.sqlite") {
            FileManager.default.fileExists(atPath: store + "/reports.sqlite")
        }
        try seed()
        let change = try #require(server.next())
        #expect(change.value["method"] == "store/changed")
        #expect(change.value["params"]?["keys"]?.arrayValue?.isEmpty == false)
        #expect(server.undecodableOutput.isEmpty, "every byte on stdout was a Content-Length frame: \(server.undecodableOutput)")
    }

    @Test("notifications false at initialize, and MCP sessions, get no store/changed; a plain session does")
    func notificationsCanBeOff() throws {
        try seed()
        let plain = try RPCProcess(runner: runner)
        let quiet = try RPCProcess(runner: runner)
        let mcp = try RPCProcess(runner: runner)
        defer { [plain, quiet, mcp].forEach { $0.stop() } }
        #expect(plain.call("initialize", [:], id: 1).reply?["result"] != nil)
        #expect(quiet.call("initialize", ["notifications": false], id: 1).reply?["result"]?["capabilities"]?["notifications"] == [])
        let mcpInit = mcp.call("initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]], id: 1)
        #expect(mcpInit.reply?["result"]?["protocolVersion"] == "2025-06-18")
        mcp.send(["jsonrpc": "2.0", "method": "notifications/initialized"])

        let exited = try resolveElsewhere(2)
        let change = try #require(plain.next())
        #expect(change.value["params"] == ["version": 3, "keys": [2]])
        #expect(change.arrival - exited < Self.bound)
        // Whatever the quiet sessions would have sent, the contract says it would be here by now.
        let waited = exited + Self.bound
        let remaining = waited - ContinuousClock.now
        if remaining > .zero {
            Thread.sleep(forTimeInterval: Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
        }
        for session in [quiet, mcp] {
            let pinged = session.call("ping", id: 2)
            #expect(pinged.reply?["result"] == [:])
            #expect(Self.changes(pinged.before).isEmpty, "\(pinged.before.map(\.value))")
        }
    }
}
