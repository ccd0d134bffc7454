import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

@Suite("R12: every change is one version; history, show --at, undo, ifVersion")
struct VersioningTests {
    @Test("each mutating command raises the store version by exactly one and history names it")
    func oneVersionPerCommand() throws {
        let desk = TestDesk()
        let commands = [
            "config set contactEmail dev@example.com",
            "submit --category payment --issue-type refund_request --order-id O-1 --details 'double charge' --reported-at 2026-11-24T08:00:00Z",
            "note 1 'looking into it'",
            "resolve 1 --note 'refunded'",
            "appeal open 1 'never arrived'",
            "appeal decide 1 --outcome overturned --note 'bounced'",
            "dismiss 1",
            "reopen 1 --note again",
            "taxonomy add payment --issue-types gift_card",
            "undo",
        ]
        for (index, command) in commands.enumerated() {
            try desk.run(command)
            #expect(try desk.run("info")["version"]?.intValue == index + 1, "after \(command)")
        }
        let versions = try #require(try desk.run("history --limit 50")["versions"]?.arrayValue)
        #expect(versions.map { $0["version"]?.intValue } == Array((1...10).reversed()))
        #expect(versions.allSatisfy { $0["actor"] == "tester" })
        #expect(versions.map { $0["command"]?.stringValue } == ["undo", "taxonomy.add", "reopen", "dismiss", "appeal.decide",
                                                                "appeal.open", "resolve", "note", "submit", "config.set"])
        #expect(versions[0]["reverts"] == 9)
        #expect(versions[6]["summary"] == "resolve #1")
    }

    @Test("read-only commands and commands that change nothing make no version")
    func noVersion() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        for command in ["list", "search charged", "show 1", "history", "info", "stats", "taxonomy", "config get", "diff 0", "help"] {
            try desk.run(command)
        }
        try desk.run("note 1 same")
        try desk.run("note 1 same")
        #expect(try desk.run("info")["version"] == 4)
    }

    @Test("show --at returns the earlier state; every earlier note text is kept (R7)")
    func showAt() throws {
        let desk = TestDesk()
        let keys = try desk.submitOneOfEach()
        try desk.run("note \(keys.payment) 'first text'")
        try desk.run("note \(keys.payment) 'second text'")
        try desk.run("resolve \(keys.payment)")
        #expect(try desk.run("show \(keys.payment) --at 4")["note"] == "first text")
        #expect(try desk.run("show \(keys.payment) --at 5")["note"] == "second text")
        #expect(try desk.run("show \(keys.payment) --at 5")["status"] == "pending")
        #expect(try desk.run("show \(keys.payment) --at 6")["status"] == "resolved")
        #expect(try desk.run("show \(keys.payment) --at 5")["version"] == 5)
        #expect(desk.failure("show \(keys.payment) --at 1")?.code == .notFound, "the payment report did not exist yet")
        #expect(desk.failure("show 1 --at 99")?.code == .notFound)
        let history = try #require(try desk.run("history \(keys.payment)")["versions"]?.arrayValue)
        #expect(history.map { $0["version"]?.intValue } == [6, 5, 4, 2])
    }

    @Test("undo reverts by a new version and can itself be undone; history keeps both")
    func undo() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("resolve 2 --note done")
        let undone = try desk.run("undo")
        #expect(undone["version"] == 5 && undone["undid"] == 4)
        #expect(undone["reports"]?[0]?["status"] == "pending")
        #expect(try desk.run("show 2")["status"] == "pending")
        #expect(try desk.run("show 2")["note"] == "")
        try desk.run("undo")
        #expect(try desk.run("show 2")["status"] == "resolved", "undoing the undo redoes it")
        #expect(try desk.run("info")["version"] == 6)
    }

    @Test("undo of a submit removes the report; its key is never used again (R4)")
    func undoSubmit() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("undo")
        #expect(desk.failure("show 3")?.code == .notFound)
        let next = try desk.run("submit --category community --issue-type violence")
        #expect(next["key"] == 4)
        try desk.run("undo 4")
        #expect(try desk.run("show 3")["category"] == "community", "undoing the undo brings the report back under its key")
    }

    @Test("undo is refused when a later version changed the same report")
    func undoConflict() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("note 1 'first'")
        try desk.run("resolve 1")
        let error = try #require(desk.failure("undo 4"))
        #expect(error.code == .conflict)
        #expect(error.data?["laterVersion"] == 5)
        #expect(error.message.contains("changed again at version 5"))
        #expect(try desk.run("info")["version"] == 5, "nothing was written")
        #expect(desk.failure("undo 77")?.code == .notFound)
    }

    @Test("a stale ifVersion is a conflict carrying the current version; nothing changes")
    func ifVersion() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("note 1 'from the operator'")
        let error = try #require(desk.failure("note 1 'from a plugin' --if-version 3"))
        #expect(error.code == .conflict)
        #expect(error.data?["version"] == 4)
        #expect(try desk.run("show 1")["note"] == "from the operator")
        try desk.run("note 1 'from a plugin' --if-version 4")
        #expect(try desk.run("show 1")["note"] == "from a plugin")
    }

    @Test("bulk resolve is all or nothing: one report not pending leaves every report untouched")
    func bulkAllOrNothing() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("dismiss 3")
        let error = try #require(desk.failure("resolve --ids 1,2,3"))
        #expect(error.data?["rule"] == "R5")
        #expect(try desk.run("list --status pending")["total"] == 2)
        let result = try desk.run("resolve --ids 1,2 --note batch")
        #expect(result["reports"]?.arrayValue?.count == 2 && result["version"] == 5)
        #expect(try desk.run("history")["versions"]?[0]?["summary"] == "resolve 2 reports (#1, #2)")
    }

    @Test("settings are versioned and undoable")
    func settings() throws {
        let desk = TestDesk()
        try desk.run("config set contactEmail a@example.com")
        try desk.run("config set contactEmail b@example.com")
        try desk.run("undo")
        #expect(try desk.run("config get")["contactEmail"] == "a@example.com")
        #expect(desk.failure("config set contactEmail not-an-email")?.code == .invalidParams)
        #expect(desk.failure("config set colour blue")?.data?["field"] == "name")
    }

    @Test("the version log is append-only in the schema itself")
    func appendOnly() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let database = desk.location.databasePath
        let update = try BinaryRunner.sqlite(database, "UPDATE version SET actor = 'mallory' WHERE number = 1;")
        #expect(update.status != 0 && update.standardError.contains("append-only"))
        let delete = try BinaryRunner.sqlite(database, "DELETE FROM report_change;")
        #expect(delete.status != 0)
    }
}
