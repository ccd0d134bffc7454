import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// R10 as a queue: which reports have open or decided appeals, oldest appeal first, counted for
/// the prompt, and found by the words of their messages; and R9's set of a change by filter.
@Suite("Appeals queue and selections")
struct AppealQueueTests {
    /// Four processed payment reports; appeals opened on 3 (first), 1 (second) and 4 (decided).
    private func desk() throws -> (TestDesk, [Int]) {
        let desk = TestDesk()
        var keys: [Int] = []
        for (index, details) in ["charged twice for gems", "refund never arrived", "wrong amount on receipt", "subscription renewed"].enumerated() {
            let report = try desk.run("submit --category payment --issue-type other --details '\(details)' --order-id ORD-\(index % 2) --reported-at 2026-11-2\(index)T10:00:00Z")
            keys.append(report["key"]!.intValue!)
        }
        try desk.run("submit --category experience --issue-type other --details 'pending one' --reported-at 2026-11-23T10:00:00Z")
        try desk.run("resolve --ids \(keys.map(String.init).joined(separator: ","))")
        try desk.run("appeal open \(keys[2]) 'the bank statement shows a double charge'")
        desk.clock.advance(.hours(1))
        try desk.run("appeal open \(keys[0]) 'still waiting for the refund'")
        try desk.run("appeal open \(keys[3]) 'please cancel the renewal'")
        try desk.run("appeal decide \(keys[3]) --outcome upheld --note 'renewal was announced'")
        return (desk, keys)
    }

    private func page(_ desk: TestDesk, _ configure: (inout ReportQuery) -> Void) throws -> [Int] {
        var query = ReportQuery()
        configure(&query)
        return try desk.store.page(query, now: desk.clock.now).reports.map(\.key)
    }

    @Test("open appeals come oldest appeal first; decided and none select the others; any selects all")
    func filters() throws {
        let (desk, keys) = try desk()
        #expect(try page(desk) { $0.filter.appeal = .open } == [keys[2], keys[0]])
        #expect(try page(desk) { $0.filter.appeal = .decided } == [keys[3]])
        #expect(try page(desk) { $0.filter.appeal = AppealFilter.none } == [keys[1], 5])
        #expect(try page(desk) { $0.filter.appeal = .any }.count == 5)
        #expect(try page(desk) { $0.filter.appeal = .open; $0.descending = true } == [keys[0], keys[2]])
        #expect(try page(desk) { $0.sort = .appealOpenedAt } == [keys[2], keys[0], keys[3], keys[1], 5])
        var total = ReportQuery()
        total.filter.appeal = .open
        #expect(try desk.store.page(total, now: desk.clock.now).total == 2)
    }

    @Test("paging through open appeals follows their order")
    func paging() throws {
        let (desk, keys) = try desk()
        var query = ReportQuery()
        query.filter.appeal = .open
        query.limit = 1
        let first = try desk.store.page(query, now: desk.clock.now)
        query.cursor = first.nextCursor
        let second = try desk.store.page(query, now: desk.clock.now)
        #expect(first.reports.map(\.key) + second.reports.map(\.key) == [keys[2], keys[0]])
        #expect(second.nextCursor == nil)
    }

    @Test("the overview counts open appeals")
    func overview() throws {
        let (desk, _) = try desk()
        #expect(try desk.store.overview(now: desk.clock.now).appealsOpen == 2)
    }

    @Test("search finds the words of appeal messages and of decision notes")
    func searchAppeals() throws {
        let (desk, keys) = try desk()
        #expect(try page(desk) { $0.text = "bank statement" } == [keys[2]])
        #expect(try page(desk) { $0.text = "announced" } == [keys[3]])
        #expect(try desk.store.keys(matching: ReportFilter(), words: "statement", now: desk.clock.now) == [keys[2]])
    }

    @Test("a selection is every matching key in key order, with words and filters combined")
    func selection() throws {
        let (desk, keys) = try desk()
        var filter = ReportFilter()
        filter.statuses = [.resolved]
        #expect(try desk.store.keys(matching: filter, words: nil, now: desk.clock.now) == keys)
        #expect(try desk.store.keys(matching: filter, words: "refund", now: desk.clock.now) == [keys[0], keys[1]])
        #expect(try desk.store.keys(matching: filter, words: "ORD-1", now: desk.clock.now) == [keys[1], keys[3]])
        filter.statuses = [.pending]
        #expect(try desk.store.keys(matching: filter, words: "refund", now: desk.clock.now) == [])
    }

    @Test("related counts: other reports with the same Open ID and Order ID")
    func related() throws {
        let (desk, keys) = try desk()
        let related = try desk.store.reportWithRelated(.key(keys[0]))
        #expect(related.sameOrderId == 1)
        #expect(related.sameOpenId == 0)
    }
}

@Suite("Appeals queue: imported appeals")
struct ImportedAppealTests {
    @Test("an imported appeal's message is found by search like one recorded here")
    func importedAppealIsSearchable() throws {
        let desk = TestDesk()
        let file = desk.folder.file("appealed.jsonl")
        let row = #"{"category":"payment","issueType":"other","details":"charged for nothing","orderId":"ORD-9","reportedAt":"2026-11-20T10:00:00Z","status":"resolved","processedAt":"2026-11-21T10:00:00Z","appeal":{"status":"open","message":"kangaroo invoice attached","openedAt":"2026-11-22T10:00:00Z","decidedAt":null,"note":""}}"#
        try (row + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try desk.run("import \(file)")
        #expect(imported["imported"] == 1)
        var query = ReportQuery()
        query.text = "kangaroo"
        #expect(try desk.store.page(query, now: desk.clock.now).reports.count == 1)
        #expect(try desk.run("verify")["ok"] == true)
    }
}
