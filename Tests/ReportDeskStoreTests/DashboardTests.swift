import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// `stats`: the dashboard's counts, live from the indexes and rebuilt from the version log (`--at`).
@Suite("Dashboard: stats now and as of a version")
struct DashboardTests {
    /// The headline counts `stats --json` gave.
    private func headline(_ result: JSONValue) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in ["pending", "pastDue", "dueWithin24h", "openAppeals", "received", "processed", "processedWithin72h"] {
            counts[key] = result["headline"]?[key]?.intValue ?? -1
        }
        return counts
    }

    /// A desk that changes in known steps; returns the versions after each step.
    @discardableResult
    private func knownSeries(_ desk: TestDesk) throws -> [String: Int] {
        var versions: [String: Int] = [:]
        // Clock: 2026-11-24T09:30Z. Reports 1–2 are past due (reported over 72 h ago), 3 falls due
        // within 24 h, 4 and 5 are fresh.
        for time in ["2026-11-19T08:00:00Z", "2026-11-20T12:00:00Z", "2026-11-21T20:00:00Z", "2026-11-23T10:00:00Z", "2026-11-24T07:00:00Z"] {
            try desk.run("submit --category payment --issue-type refund_request --details 'case' --reported-at \(time)")
        }
        versions["submitted"] = try desk.run("info")["version"]!.intValue!
        try desk.run("resolve 4")          // within 72 h
        try desk.run("resolve 1")          // late: past due, processed after its due time
        versions["resolved"] = try desk.run("info")["version"]!.intValue!
        try desk.run("appeal open 4 'I never got the refund'")
        versions["appealed"] = try desk.run("info")["version"]!.intValue!
        try desk.run("reopen 1")
        try desk.run("dismiss 2")
        versions["last"] = try desk.run("info")["version"]!.intValue!
        return versions
    }

    @Test("stats --at V gives the counts that held right after version V")
    func countsAtVersions() throws {
        let desk = TestDesk()
        let versions = try knownSeries(desk)
        let period = "--since 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z"
        let expected: [String: [String: Int]] = [
            "submitted": ["pending": 5, "pastDue": 2, "dueWithin24h": 1, "openAppeals": 0, "received": 5, "processed": 0, "processedWithin72h": 0],
            "resolved": ["pending": 3, "pastDue": 1, "dueWithin24h": 1, "openAppeals": 0, "received": 5, "processed": 2, "processedWithin72h": 1],
            "appealed": ["pending": 3, "pastDue": 1, "dueWithin24h": 1, "openAppeals": 1, "received": 5, "processed": 2, "processedWithin72h": 1],
            "last": ["pending": 3, "pastDue": 1, "dueWithin24h": 1, "openAppeals": 1, "received": 5, "processed": 2, "processedWithin72h": 1],
        ]
        for (step, counts) in expected {
            let version = versions[step]!
            let rebuilt = try desk.run("stats \(period) --at \(version)")
            #expect(headline(rebuilt) == counts, "stats --at \(version) after \(step)")
            #expect(rebuilt["period"]?["atVersion"]?.intValue == version)
            #expect(rebuilt["version"]?.intValue == version)
        }
        // Reopening report 1 made it pending and past due again; dismissing 2 took it off the past-due list.
        let last = try desk.run("stats \(period)")
        #expect(last["pastDueReports"]?.arrayValue?.compactMap { $0["key"]?.intValue } == [1])
        #expect(last["openAppealReports"]?.arrayValue?.compactMap { $0["key"]?.intValue } == [4])
        #expect(try desk.run("stats --at 1 \(period)")["byStatus"]?["pending"]?.intValue == 1)
        #expect(desk.failure("stats --at \(versions["last"]! + 1)")?.code == .notFound)
    }

    @Test("rebuilt from the log after the latest version, the dashboard equals the live one")
    func rebuiltEqualsLive() throws {
        let desk = TestDesk()
        let versions = try knownSeries(desk)
        for options in ["", "--by week", "--category payment --by month", "--since 2026-11-20 --until 2026-11-24T12:00:00Z"] {
            guard case .object(var live) = try desk.run("stats \(options)"),
                  case .object(var rebuilt) = try desk.run("stats \(options) --at \(versions["last"]!)") else {
                Issue.record("stats did not return objects")
                return
            }
            live["period"] = nil
            rebuilt["period"] = nil
            #expect(live == rebuilt, "stats \(options)")
            // The whole-desk fields, counted from one index, agree with the statistics the store counts row by row.
            let statistics = try desk.store.statistics()
            #expect(live["processed"]?.intValue == statistics.processed)
            #expect(live["processedWithin72h"]?.intValue == statistics.processedInTime)
            #expect(live["medianTimeToProcessSeconds"]?.intValue == statistics.medianMillisecondsToProcess.map { Int($0 / 1000) })
        }
    }

    @Test("per-bucket counts add up to the reports received in the period, at calendar boundaries of the zone")
    func bucketsAddUp() throws {
        let desk = TestDesk(zone: ZoneRules(named: "Asia/Tokyo")!)
        try knownSeries(desk)
        for by in ["day", "week", "month"] {
            let result = try desk.run("stats --since 2026-11-19 --until 2026-11-25 --by \(by)")
            let buckets = result["received"]?.arrayValue ?? []
            #expect(buckets.reduce(0) { $0 + ($1["count"]?.intValue ?? 0) } == result["headline"]?["received"]?.intValue)
            #expect(buckets.first?["start"]?.stringValue == "2026-11-18T15:00:00Z")
            #expect(buckets.last?["end"]?.stringValue == "2026-11-24T15:00:00Z")
            if by == "day" { #expect(buckets.map { $0["count"]?.intValue ?? 0 } == [1, 1, 0, 1, 1, 1]) }
        }
        let listed = try desk.run("list --since 2026-11-19T00:00:00 --until 2026-11-25T00:00:00 --limit 100")["total"]?.intValue
        #expect(try desk.run("stats --since 2026-11-19 --until 2026-11-25")["headline"]?["received"]?.intValue == listed)
    }

    @Test("the default period is the last 30 days, today included; instants read as people write them")
    func defaultPeriod() throws {
        let desk = TestDesk()
        try knownSeries(desk)
        let result = try desk.run("stats")
        #expect(result["period"]?["since"]?.stringValue == "2026-10-26T00:00:00Z")
        #expect(result["period"]?["until"]?.stringValue == "2026-11-25T00:00:00Z")
        #expect(result["received"]?.arrayValue?.count == 30)
        #expect(try desk.run("stats --since 7d")["period"]?["since"]?.stringValue == "2026-11-17T09:30:00Z")
        #expect(try desk.run("stats --since yesterday --until today")["headline"]?["received"]?.intValue == 1)
        #expect(desk.failure("stats --since someday")?.code == .invalidParams)
        #expect(desk.failure("stats --since today --until yesterday")?.code == .invalidParams)
    }

    @Test("the time-to-process and past-due bins count at their edges")
    func bins() throws {
        let desk = TestDesk()
        try knownSeries(desk)
        let result = try desk.run("stats --since 2026-11-01 --until 2026-12-01")
        // Report 4 waited 23.5 h; report 2, dismissed, 3 d 21.5 h (late); report 1 was reopened.
        #expect(result["timeToProcess"]?.arrayValue?.map { $0["count"]?.intValue ?? -1 } == [1, 0, 0, 1])
        // Report 1, reopened, is 2 d 1.5 h past due.
        #expect(result["pastDueBy"]?.arrayValue?.map { $0["count"]?.intValue ?? -1 } == [0, 1, 0, 0])
        #expect(result["headline"]?["medianTimeToProcessSeconds"]?.intValue == (84_600 + 336_600) / 2)
    }

    @Test("appeals count the whole desk: every one opened, and how many are open, upheld and overturned")
    func appealCounts() throws {
        let desk = TestDesk()
        var keys: [Int] = []
        for order in 1...3 {
            let submitted = try desk.run("submit --category payment --issue-type refund_request --details 'no refund for order \(order)'")
            keys.append(submitted["key"]!.intValue!)
        }
        try desk.run("submit --category experience --issue-type slow_loading --details 'slow'")
        for key in keys {
            try desk.run("resolve \(key)")
            try desk.run("appeal open \(key) 'still waiting'")
        }
        let allOpen = try desk.run("info")["version"]!.intValue!
        try desk.run("appeal decide \(keys[0]) --outcome upheld --note 'refund was sent'")
        try desk.run("appeal decide \(keys[1]) --outcome overturned --note 'refund never left'")
        let appeals = { (result: JSONValue) in
            ["opened", "open", "upheld", "overturned"].map { result["appeals"]?[$0]?.intValue ?? -1 }
        }
        #expect(appeals(try desk.run("stats")) == [3, 1, 1, 1])
        // Neither the period nor the categories narrow them.
        #expect(appeals(try desk.run("stats --category experience --since 2026-01-01 --until 2026-01-02")) == [3, 1, 1, 1])
        #expect(try desk.run("stats --category experience")["headline"]?["openAppeals"]?.intValue == 0)
        // Rebuilt from the version log, before and after the decisions.
        #expect(appeals(try desk.run("stats --at \(allOpen)")) == [3, 3, 0, 0])
        #expect(appeals(try desk.run("stats --at \(allOpen - 1)")) == [2, 2, 0, 0])
        #expect(appeals(try desk.run("stats --at \(try desk.run("info")["version"]!.intValue!)")) == [3, 1, 1, 1])
    }
}
