import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// `list` totals over report-time ranges and appeal states, `info` and `stats` read counts that
/// triggers keep per day (`v7-day-tallies`), counting only partial days row by row. Every kind of
/// change must keep the tallies equal to a recount, and the figures equal to ones counted report by
/// report; sorts read group by group must page exactly like one sorted query.
@Suite("Day tallies: range totals, info and stats equal a recount")
struct DayTallyTests {
    /// Filters whose totals come from the day tallies; each total is checked against the reports listed.
    static let filters = [
        "", "--past-due", "--past-due=false", "--due-within 2d", "--due-within 20h --category payment",
        "--since 2026-11-20T06:30:00Z", "--until 2026-11-22", "--since 2026-11-19T13:00:00Z --until 2026-11-23T02:00:00Z",
        "--since 2026-11-18 --until 2026-11-21", "--appeal none", "--appeal decided", "--appeal open",
        "--category payment --past-due", "--issue-type refund_request --since 2026-11-19T13:00:00Z",
        "--status resolved --appeal none --since 2026-11-01", "--status pending --past-due=false --category experience",
        "--appeal decided --past-due=false", "--category payment --appeal none --status resolved,dismissed --until 2026-11-23T05:00:00Z",
    ]

    /// Recounts of the three tallies from the reports, each differing row counted both ways.
    private static let recount = """
        WITH counted AS (SELECT category, issue_type, status, coalesce(appeal_status, '') AS appeal,
                                (reported_at - ((reported_at % 86400000) + 86400000) % 86400000) / 86400000 AS day, count(*) AS reports
                           FROM report GROUP BY 1, 2, 3, 4, 5),
             kept AS (SELECT category, issue_type, status, appeal, day, reports FROM report_day_tally WHERE reports <> 0)
        SELECT (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept))
             + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted));
        WITH counted AS (SELECT status, coalesce(appeal_status, '') AS appeal,
                                (reported_at - ((reported_at % 86400000) + 86400000) % 86400000) / 86400000 AS day, count(*) AS reports
                           FROM report GROUP BY 1, 2, 3),
             kept AS (SELECT status, appeal, day, reports FROM report_status_day_tally WHERE reports <> 0)
        SELECT (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept))
             + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted));
        WITH durations AS (SELECT category, processed_at, reported_at - processed_at AS negated FROM report WHERE processed_at IS NOT NULL),
             counted AS (SELECT category, (processed_at - ((processed_at % 86400000) + 86400000) % 86400000) / 86400000 AS day,
                                -((negated - ((negated % 21600000) + 21600000) % 21600000) / 21600000) AS steps, count(*) AS reports
                           FROM durations GROUP BY 1, 2, 3),
             kept AS (SELECT category, day, steps, reports FROM processed_day_tally WHERE reports <> 0)
        SELECT (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept))
             + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted));
        """

    private func expectExact(_ desk: TestDesk, after step: String) throws {
        let differences = try BinaryRunner.sqlite(desk.location.databasePath, Self.recount)
        #expect(differences.lines == ["0", "0", "0"], "after \(step): tallies differ from a recount: \(differences.standardOutput) \(differences.standardError)")
        for filter in Self.filters {
            let page = try desk.run("list \(filter) --limit 1000")
            #expect(page["total"]?.intValue == page["reports"]?.arrayValue?.count, "after \(step): list \(filter) total \(String(describing: page["total"]))")
        }
        let info = try desk.run("info")
        #expect(info["pastDue"] == (try desk.run("list --past-due --limit 1000"))["total"], "after \(step)")
        #expect(info["dueWithin24h"] == (try desk.run("list --due-within 24h --limit 1000"))["total"], "after \(step)")
        #expect(info["appealsOpen"] == (try desk.run("list --appeal open --limit 1000"))["total"], "after \(step)")
        // `stats --at` rebuilds the desk from the log and counts report by report; at the latest
        // version (made at the clock's time) it must agree with the live figures from the tallies.
        let version = try desk.run("info")["version"]!.intValue!
        for options in ["--since 2026-11-01 --by day", "--since 2026-11-17T05:10:00Z --by week --category payment,community", ""] {
            let live = try desk.run("stats \(options)")
            let rebuilt = try desk.run("stats \(options) --at \(version)")
            for (key, value) in live.objectValue! where key != "period" {
                #expect(value == rebuilt[key], "after \(step): stats \(options): \(key) live \(value), counted \(String(describing: rebuilt[key]))")
            }
        }
    }

    /// Reports over a week of report times, some processed hours or days later, some appealed.
    private func busyDesk(zone: ZoneRules) throws -> TestDesk {
        let desk = TestDesk(zone: zone)
        let kinds = [("payment", "refund_request"), ("payment", "other"), ("community", "harassment"), ("experience", "crash_or_freeze")]
        var random = SeededRandom(seed: 20_261_201)
        for index in 0..<32 {
            let (category, issueType) = kinds[Int(random.next() % UInt64(kinds.count))]
            let details = category == "community" ? "" : " --details 'case \(index)'"
            let day = 17 + index % 7
            let hour = Int(random.next() % 24)
            try desk.run("submit --category \(category) --issue-type \(issueType) --open-id user-\(index % 5)\(details) --reported-at 2026-11-\(day)T\(hour < 10 ? "0" : "")\(hour):\(10 + index):00Z")
        }
        return desk
    }

    @Test("submit, process, appeals, reopen, undo, import, erase and snapshot restore keep the day tallies exact",
          arguments: [ZoneRules.utc, ZoneRules(TimeZone(identifier: "Asia/Kathmandu")!)])
    func everyKindOfChange(zone: ZoneRules) throws {
        let desk = try busyDesk(zone: zone)
        try expectExact(desk, after: "submits")
        try desk.run("resolve --ids 1,2,3,4,5,6")
        desk.clock.advance(.hours(30))
        try desk.run("dismiss --ids 7,8,9")
        desk.clock.advance(.hours(50))
        try desk.run("resolve --ids 10,11,12,13")
        let payments = try desk.run("list --category payment --status resolved,dismissed --limit 1000")["reports"]!.arrayValue!.compactMap { $0["key"]?.intValue }
        for key in payments.prefix(3) { try desk.run("appeal open \(key) 'not fixed'") }
        if let first = payments.first { try desk.run("appeal decide \(first) --outcome overturned --note 'look again'") }
        try desk.run("reopen 8")
        try expectExact(desk, after: "processing and appeals")
        try desk.run("undo")
        try desk.run("undo")
        try expectExact(desk, after: "undo")
        try desk.run("snapshot save before-import")
        try ImportSamples.importInto(desk, ImportSamples.jsonLines)
        try expectExact(desk, after: "import")
        try desk.run("erase user-1")
        try expectExact(desk, after: "erase")
        try desk.run("snapshot restore before-import")
        try expectExact(desk, after: "snapshot restore")
        try desk.run("undo")
        try expectExact(desk, after: "undoing the restore")
    }

    @Test("a store from before the day tallies gets them filled in when it is opened")
    func migratesOlderStore() throws {
        let desk = try busyDesk(zone: .utc)
        try desk.run("resolve --ids 2,3")
        try ImportSamples.importInto(desk, ImportSamples.csv)
        _ = try BinaryRunner.sqlite(desk.location.databasePath, """
            DROP TRIGGER day_tallies_insert; DROP TRIGGER day_tallies_delete; DROP TRIGGER day_tallies_update;
            DROP TABLE report_day_tally; DROP TABLE report_status_day_tally; DROP TABLE processed_day_tally;
            DROP INDEX report_by_time_to_process; DROP INDEX report_by_category_time; DROP INDEX report_by_issue_type_time;
            DROP INDEX report_by_appeal_time; DROP INDEX report_by_appeal_reported;
            CREATE INDEX report_by_issue_type ON report(issue_type, status, reported_at, key);
            CREATE INDEX report_by_kind_time ON report(category, issue_type, reported_at);
            DELETE FROM grdb_migrations WHERE identifier = 'v7-day-tallies';
            PRAGMA user_version = 6;
            """)
        _ = try Store.open(desk.location)
        try expectExact(desk, after: "migration")
    }

    @Test("sorts by status, category, issue type and appeal time page across their groups like one sorted list")
    func groupedSorts() throws {
        let desk = try busyDesk(zone: .utc)
        try desk.run("resolve --ids 1,2,3,4,5,6,7,8,9,10")
        try desk.run("dismiss --ids 11,12,13,14")
        let payments = try desk.run("list --category payment --status resolved,dismissed --limit 1000")["reports"]!.arrayValue!.compactMap { $0["key"]?.intValue }
        for key in payments.prefix(4) {
            desk.clock.advance(.minutes(5))
            try desk.run("appeal open \(key) 'please look again'")
        }
        try #require(payments.count >= 4)
        try desk.run("appeal decide \(payments[1]) --outcome upheld --note 'stands'")
        let all = try desk.store.page({ var query = ReportQuery(); query.limit = 1000; return query }(), now: desk.clock.now).reports
        let rank: [ReportStatus: Int] = [.pending: 0, .resolved: 1, .dismissed: 2]
        let byStatus = all.sorted { (rank[$0.status]!, $0.reportedAt, $0.key) < (rank[$1.status]!, $1.reportedAt, $1.key) }
        let byAppeal = all.sorted { ($0.appeal?.openedAt.milliseconds ?? Int64.max, $0.key) < ($1.appeal?.openedAt.milliseconds ?? Int64.max, $1.key) }
        let byCategory = all.sorted { ($0.category, $0.reportedAt, $0.key) < ($1.category, $1.reportedAt, $1.key) }
        let byIssueType = all.sorted { ($0.issueType, $0.reportedAt, $0.key) < ($1.issueType, $1.reportedAt, $1.key) }
        var filters = [ReportFilter()]
        filters.append({ var filter = ReportFilter(); filter.categories = ["payment"]; return filter }())
        filters.append({ var filter = ReportFilter(); filter.appeal = .decided; return filter }())
        filters.append({ var filter = ReportFilter(); filter.appeal = .open; return filter }())
        filters.append({ var filter = ReportFilter(); filter.appeal = AppealFilter.none; filter.statuses = [.dismissed, .pending]; return filter }())
        filters.append({ var filter = ReportFilter(); filter.pastDue = true; filter.issueTypes = ["other", "harassment"]; return filter }())
        for (sort, expected) in [(ReportSort.status, byStatus), (.appealOpenedAt, byAppeal), (.category, byCategory), (.issueType, byIssueType)] {
            for descending in [false, true] {
                for filter in filters {
                    var query = ReportQuery()
                    query.sort = sort
                    query.descending = descending
                    query.filter = filter
                    query.limit = 3
                    var keys: [Int] = []
                    while true {
                        let page = try desk.store.page(query, now: desk.clock.now)
                        keys += page.reports.map(\.key)
                        guard let next = page.nextCursor else { break }
                        query.cursor = next
                    }
                    let matching = try desk.store.page({ var all = ReportQuery(); all.filter = filter; all.limit = 1000; return all }(),
                                                       now: desk.clock.now).reports.map(\.key)
                    let wanted = (descending ? expected.reversed() : expected).map(\.key).filter(Set(matching).contains)
                    #expect(keys == wanted, "sort \(sort) descending \(descending) filter \(filter)")
                }
            }
        }
    }
}
