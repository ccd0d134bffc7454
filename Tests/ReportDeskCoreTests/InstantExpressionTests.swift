import Testing
@testable import ReportDeskCore

@Suite("Instants as people write them")
struct InstantExpressionTests {
    /// Europe/Berlin moved its clocks forward at 2026-03-29T01:00Z: the day before the reading is 23 h long.
    let berlin = ZoneRules(named: "Europe/Berlin")!
    let now = RFC3339.parse("2026-03-30T10:00:00Z")!

    @Test("each form names the instant it says in the display zone, across a DST change", arguments: [
        ("2026-03-30T09:00:00Z", "2026-03-30T09:00:00Z"),
        ("2026-03-30T09:00:00", "2026-03-30T07:00:00Z"),
        ("2026-03-29", "2026-03-28T23:00:00Z"),
        ("2026-03-30", "2026-03-29T22:00:00Z"),
        ("today", "2026-03-29T22:00:00Z"),
        ("Yesterday", "2026-03-28T23:00:00Z"),
        (" yesterday ", "2026-03-28T23:00:00Z"),
        ("now", "2026-03-30T10:00:00Z"),
        ("7d", "2026-03-23T10:00:00Z"),
        ("36h", "2026-03-28T22:00:00Z"),
        ("90m", "2026-03-30T08:30:00Z"),
    ])
    func forms(text: String, expected: String) throws {
        let instant = try #require(InstantExpression.parse(text, zone: berlin, now: now))
        #expect(RFC3339.format(instant) == expected)
    }

    @Test("anything else is refused", arguments: ["", "tomorrow", "7 days", "-3d", "2026-02-30", "d", "yesterday 10:00"])
    func refusals(text: String) {
        #expect(InstantExpression.parse(text, zone: berlin, now: now) == nil)
    }

    @Test("today and yesterday follow the display zone's calendar, not UTC's")
    func zoneCalendar() throws {
        let tokyo = try #require(ZoneRules(named: "Asia/Tokyo"))
        let lateUTC = try #require(RFC3339.parse("2026-11-24T20:00:00Z"))
        #expect(InstantExpression.parse("today", zone: tokyo, now: lateUTC).map(RFC3339.format) == "2026-11-24T15:00:00Z")
        #expect(InstantExpression.parse("today", zone: .utc, now: lateUTC).map(RFC3339.format) == "2026-11-24T00:00:00Z")
    }
}
