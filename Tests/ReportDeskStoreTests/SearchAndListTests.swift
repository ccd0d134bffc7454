import Testing
import ReportDeskCore
import ReportDeskTesting

@Suite("R9: search, filter, sort, page")
struct SearchAndListTests {
    private func desk() throws -> TestDesk {
        let desk = TestDesk()
        let rows = [
            ("experience", "crash_or_freeze", "App crashes when I open the café page", "2026-11-21T10:00:00Z"),
            ("experience", "slow_loading", "画面が固まる after the update", "2026-11-22T10:00:00Z"),
            ("payment", "refund_request", "Refunded? No: charged twice, want a refund", "2026-11-23T10:00:00Z"),
            ("payment", "charged_twice", "charged 2x for gems (order 77)", "2026-11-24T08:00:00Z"),
            ("experience", "other", "ไม่สามารถเข้าสู่ระบบได้", "2026-11-24T09:00:00Z"),
        ]
        for (category, issueType, details, time) in rows {
            let order = category == "payment" ? "--order-id ORD-\(time.prefix(10))" : ""
            try desk.run("submit --category \(category) --issue-type \(issueType) --details '\(details)' --reported-at \(time) --open-id user-\(issueType) \(order)")
        }
        try desk.run("submit --category community --issue-type harassment --reported-at 2026-11-20T10:00:00Z")
        return desk
    }

    private func keys(_ result: JSONValue) -> [Int] {
        (result["reports"]?.arrayValue ?? []).compactMap { $0["key"]?.intValue }
    }

    /// Every key of every page, following the cursor to the end; each page must report `total`.
    private func allPages(_ desk: TestDesk, _ method: String, _ params: JSONObject, total: Int) throws -> [Int] {
        var seen: [Int] = []
        var cursor: String?
        repeat {
            var pageParams = params
            if let cursor { pageParams["cursor"] = .string(cursor) }
            let page = try desk.call(method, .object(pageParams))
            #expect(page["total"]?.intValue == total)
            seen += keys(page)
            cursor = page["nextCursor"]?.stringValue
        } while cursor != nil
        return seen
    }

    @Test("words match whole or by prefix, case- and accent-insensitively", arguments: [
        ("refund", [3]), ("REFUND", [3]), ("refun", [3]), ("cafe", [1]), ("CAFÉ", [1]), ("charged", [3, 4]), ("gems charged", [4]),
    ])
    func words(query: String, expected: [Int]) throws {
        #expect(keys(try desk().run("search \(query)")).sorted() == expected)
    }

    @Test("text without spaces matches anywhere for two or more characters", arguments: [
        ("画面", [2]), ("固まる", [2]), ("面が固", [2]), ("เข้าสู่", [5]), ("固まらない", []),
    ])
    func unspaced(query: String, expected: [Int]) throws {
        #expect(keys(try desk().run("search \(query)")).sorted() == expected)
    }

    @Test("query syntax is never interpreted: FTS5 operators and quotes are plain words, all of which must match", arguments: [
        ("\"refund", [3]), ("refund OR crashes", []), ("NEAR(refund charged)", []), ("details:refund", []), ("^refund", [3]),
        ("refund*", [3]), ("-refund", [3]), ("''", []), ("\"\"\"", []), ("(", []), ("AND", []), ("*", []),
        ("charged (twice)", [3]), ("gems + charged", [4]), ("\"charged twice\"", [3]), ("charged*{gems}", [4]),
        ("charged NOT gems", []), ("crashes OR refund", []),
    ])
    func noSyntax(query: String, expected: [Int]) throws {
        let desk = try desk()
        let result = try desk.call("search", ["query": .string(query)])
        #expect(keys(result).sorted() == expected, "\(query)")
        #expect(result["total"]?.intValue == expected.count)
    }

    @Test("exact ids match too: Report ID, Open ID, Order ID")
    func ids() throws {
        let desk = try desk()
        #expect(keys(try desk.run("search user-other")) == [5])
        #expect(keys(try desk.run("search ORD-2026-11-23")) == [3])
        let reportId = try #require(try desk.run("show 1")["reportId"]?.stringValue)
        #expect(keys(try desk.call("search", ["query": .string(reportId)])).first == 1)
    }

    @Test("a report matching by id and by text is listed once, first; filters, sorts and pages apply to matches")
    func idAndTextTogether() throws {
        let desk = try desk()
        try desk.run("note 4 'customer user-other says charged again'")
        try desk.run("note 5 'user-other called back'")
        let both = try desk.run("search user-other")
        #expect(keys(both) == [5, 4] && both["total"] == 2, "\(both)")
        let charged = try desk.run("search charged --status pending --sort reportedAt")
        #expect(keys(charged) == [3, 4] && charged["total"] == 2)
        try desk.run("resolve 3")
        #expect(keys(try desk.run("search charged --status pending")) == [4])
        let seen = try allPages(desk, "search", ["query": "charged", "limit": 1, "desc": true], total: 2)
        #expect(seen.sorted() == [3, 4])
    }

    @Test("notes are searched too")
    func notes() throws {
        let desk = try desk()
        try desk.run("note 6 'escalated to trust and safety'")
        #expect(keys(try desk.run("search escalated")) == [6])
    }

    @Test("filters combine; past due and due-within follow the clock (R6)")
    func filters() throws {
        let desk = try desk()
        desk.clock.set(RFC3339.parse("2026-11-26T10:00:00Z")!)
        #expect(Set(keys(try desk.run("list --past-due"))) == [6, 1, 2])
        desk.clock.set(RFC3339.parse("2026-11-25T10:00:00Z")!)
        #expect(Set(keys(try desk.run("list --past-due"))) == [6, 1], "at exactly 72 h #2 is due, not yet past due")
        #expect(Set(keys(try desk.run("list --past-due=false"))) == [2, 3, 4, 5])
        #expect(keys(try desk.run("list --due-within 1d")) == [2, 3])
        try desk.run("resolve 2")
        #expect(keys(try desk.run("list --due-within 1d")) == [3], "processed reports are never due")
        #expect(keys(try desk.run("list --category payment --status pending")) == [3, 4])
        #expect(keys(try desk.run("list --category 'Payment and orders' --issue-type charged_twice")) == [4])
        #expect(keys(try desk.run("list --since 2026-11-22T00:00:00Z --until 2026-11-24T00:00:00Z")) == [2, 3])
        #expect(keys(try desk.run("list --open-id user-other")) == [5])
        #expect(keys(try desk.run("list --status resolved,dismissed")) == [2])
        #expect(desk.failure("list --category ads")?.data?["rule"] == "R1")
        #expect(desk.failure("list --issue-type nope")?.data?["rule"] == "R2")
    }

    @Test("sorting by every field, both directions, ties broken by key", arguments: [
        ("reportedAt", false, [6, 1, 2, 3, 4, 5]), ("reportedAt", true, [5, 4, 3, 2, 1, 6]),
        ("dueAt", false, [6, 1, 2, 3, 4, 5]), ("category", false, [6, 1, 2, 5, 3, 4]),
        ("issueType", false, [4, 1, 6, 5, 3, 2]),
    ])
    func sort(field: String, descending: Bool, expected: [Int]) throws {
        #expect(keys(try desk().run("list --sort \(field)\(descending ? " --desc" : "")")) == expected)
    }

    @Test("sorting by status puts pending first")
    func sortStatus() throws {
        let desk = try desk()
        try desk.run("dismiss 1")
        try desk.run("resolve 6")
        #expect(keys(try desk.run("list --sort status")) == [2, 3, 4, 5, 6, 1])
    }

    @Test("pages follow the cursor to the end without gaps or repeats; total counts every match")
    func paging() throws {
        let desk = try desk()
        for sort in ["reportedAt", "status", "category", "issueType"] {
            let seen = try allPages(desk, "list", ["limit": 2, "sort": .string(sort)], total: 6)
            #expect(seen.sorted() == [1, 2, 3, 4, 5, 6], "sort \(sort)")
        }
        let searched = try desk.call("search", ["query": "charged", "limit": 1])
        #expect(searched["total"] == 2 && searched["nextCursor"]?.stringValue != nil)
        let second = try desk.call("search", ["query": "charged", "limit": 1, "cursor": searched["nextCursor"]!])
        #expect(second["nextCursor"] == .null && Set(keys(searched) + keys(second)) == [3, 4])
        #expect(desk.failure("list", ["cursor": "garbage"])?.data?["field"] == "cursor")
        #expect(desk.failure("list", ["limit": 0])?.data?["field"] == "limit")
    }
}
