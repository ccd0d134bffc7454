import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// `list` and `search` totals, `info` and `stats` read counts that triggers keep per category, issue
/// type and status. Every kind of change must keep them equal to a recount.
@Suite("Report tally: totals read from kept counts equal a recount")
struct TallyTests {
    /// Filters the tally answers, each compared with the same filter plus a `--since` that matches
    /// everything, which makes the store count the rows instead.
    static let filters = [
        "", "--status pending", "--status resolved", "--status dismissed", "--status pending,resolved",
        "--category payment", "--category payment,community", "--issue-type refund_request",
        "--category payment --status pending", "--category community --issue-type harassment --status dismissed",
    ]

    private func expectTotalsMatchRecount(_ desk: TestDesk, after step: String, also extra: [String] = []) throws {
        for filter in Self.filters + extra {
            let tallied = try desk.run("list \(filter) --limit 1")["total"]?.intValue
            let counted = try desk.run("list \(filter) --since 2000-01-01T00:00:00Z --limit 1")["total"]?.intValue
            #expect(tallied == counted, "after \(step): list \(filter) gave \(String(describing: tallied)), a recount \(String(describing: counted))")
        }
        let info = try desk.run("info")
        let everything = try desk.run("list --since 2000-01-01T00:00:00Z --limit 1")["total"]
        let pending = try desk.run("list --status pending --since 2000-01-01T00:00:00Z --limit 1")["total"]
        #expect(info["reports"] == everything && info["pending"] == pending, "after \(step): info \(info)")
    }

    @Test("submit, process, reopen, undo, import, taxonomy, snapshot restore and erase keep the tally exact")
    func everyKindOfChange() throws {
        let desk = TestDesk()
        var random = SeededRandom(seed: 20_261_125)
        let kinds = [("payment", "refund_request"), ("payment", "other"), ("community", "harassment"),
                     ("experience", "crash_or_freeze")]
        for index in 0..<24 {
            let (category, issueType) = kinds[Int(random.next() % UInt64(kinds.count))]
            let details = category == "community" ? "" : " --details 'case \(index)'"
            try desk.run("submit --category \(category) --issue-type \(issueType) --open-id user-\(index % 5)\(details) --reported-at 2026-11-24T08:\(10 + index):00Z")
        }
        try expectTotalsMatchRecount(desk, after: "submits")
        try desk.run("resolve --ids 1,2,3")
        try desk.run("dismiss 4")
        try desk.run("reopen 4")
        try desk.run("dismiss --ids 5,6")
        try expectTotalsMatchRecount(desk, after: "processing")
        try desk.run("undo")
        try desk.run("undo")
        try expectTotalsMatchRecount(desk, after: "undo")
        try desk.run("snapshot save before-import")
        try ImportSamples.importInto(desk, ImportSamples.jsonLines)
        try expectTotalsMatchRecount(desk, after: "import")
        try desk.run("taxonomy add payment --issue-types gift_card")
        try desk.run("submit --category payment --issue-type gift_card --details 'card did not arrive'")
        try desk.run("resolve --ids 7,8,9,10")
        try expectTotalsMatchRecount(desk, after: "a new issue type", also: ["--category payment --issue-type gift_card"])
        try desk.run("erase user-1")
        try expectTotalsMatchRecount(desk, after: "erase")
        try desk.run("snapshot restore before-import")
        try expectTotalsMatchRecount(desk, after: "snapshot restore")
        try desk.run("undo")
        try expectTotalsMatchRecount(desk, after: "undoing the restore")
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("a store from before the tally gets one filled in when it is opened")
    func migratesOlderStore() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("resolve 2")
        try ImportSamples.importInto(desk, ImportSamples.csv)
        _ = try BinaryRunner.sqlite(desk.location.databasePath, """
            DROP TRIGGER report_tally_insert; DROP TRIGGER report_tally_delete; DROP TRIGGER report_tally_update;
            DROP TABLE report_tally; DELETE FROM grdb_migrations WHERE identifier = 'v3-report-tally';
            PRAGMA user_version = 2;
            """)
        let reopened = try Store.open(desk.location)
        let verification = try reopened.verify()
        let failed = verification.checks.filter { !$0.passed }.map(\.name)
        #expect(failed.isEmpty, "\(failed)")
        #expect(verification.checks.contains { $0.name == "tally" })
        try expectTotalsMatchRecount(desk, after: "migration")
    }

    @Test("verify notices a tally that no longer matches the reports")
    func verifyRecounts() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        #expect(try desk.run("verify")["ok"] == true)
        _ = try BinaryRunner.sqlite(desk.location.databasePath,
                                    "UPDATE report_tally SET reports = reports + 1 WHERE category = 'payment'")
        // The totals above agree with a recount only if the tally is really what they read.
        #expect(try desk.run("list --category payment --limit 1")["total"] == 2)
        #expect(try desk.run("list --category payment --since 2000-01-01T00:00:00Z --limit 1")["total"] == 1)
        #expect(try desk.run("info")["reports"] == 4)
        let failure = try #require(desk.failure("verify"))
        #expect(failure.data?["rule"] == "verify" && failure.message.contains("tally"), "\(failure.message)")
    }

    @Test("verify notices a day tally that no longer matches the reports", arguments: [
        "UPDATE report_day_tally SET reports = reports + 1 WHERE category = 'payment'",
        "UPDATE report_status_day_tally SET reports = reports + 1 WHERE status = 'pending'",
        "DELETE FROM processed_day_tally",
    ])
    func verifyRecountsDays(damage: String) throws {
        let desk = TestDesk()
        let keys = try desk.submitOneOfEach()
        try desk.run("resolve \(keys.payment)")
        let verified = try desk.run("verify")
        #expect(verified["ok"] == true)
        #expect(verified["checks"]?.arrayValue?.first { $0["name"] == "tally" }?["detail"]?.stringValue?.contains("and day match") == true)
        _ = try BinaryRunner.sqlite(desk.location.databasePath, damage)
        let failure = try #require(desk.failure("verify"))
        let table = String(damage.split(separator: " ")[damage.hasPrefix("DELETE") ? 2 : 1])
        #expect(failure.message.contains(table), "\(failure.message)")
    }
}
