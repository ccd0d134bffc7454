import Foundation
import Testing
@testable import ReportDeskCore

@Suite("Times and durations (R6, R8)")
struct TimeTests {
    @Test("RFC 3339 instants parse with any offset and print in UTC", arguments: [
        ("2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"),
        ("2026-11-24T18:30:00+09:00", "2026-11-24T09:30:00Z"),
        ("2026-11-24T04:30:00-05:00", "2026-11-24T09:30:00Z"),
        ("2026-11-24t09:30:00.250z", "2026-11-24T09:30:00.250Z"),
        ("2024-02-29T23:59:59.999999Z", "2024-02-29T23:59:59.999Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("0001-01-01T00:00:00.001Z", "0001-01-01T00:00:00.001Z"),
        ("0999-09-09T09:09:09.090Z", "0999-09-09T09:09:09.090Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ])
    func instants(text: String, expected: String) throws {
        let instant = try #require(RFC3339.parse(text))
        #expect(RFC3339.format(instant) == expected)
    }

    @Test("every printed instant parses back to itself, with and without milliseconds")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let instant = Instant(milliseconds: Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator))
            for candidate in [instant, Instant(milliseconds: instant.milliseconds / 1000 * 1000)] {
                let text = RFC3339.format(candidate)
                #expect(text.utf8.count == (candidate.milliseconds % 1000 == 0 ? 20 : 24), "\(text)")
                #expect(RFC3339.parse(text) == candidate, "\(text)")
            }
        }
    }

    @Test("years outside four digits print padded or whole, milliseconds padded to three", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(7), "1970-01-01T00:00:00.007Z"),
        (Int64(-62_135_596_800_000), "0001-01-01T00:00:00Z"),
        (Int64(-62_135_596_800_000 - 86_400_000 + 3_723_040), "0000-12-31T01:02:03.040Z"),
        (Int64(-62_198_755_200_000), "-0001-01-01T00:00:00Z"),
        (Int64(253_402_300_800_000), "10000-01-01T00:00:00Z"),
    ])
    func formats(milliseconds: Int64, expected: String) {
        let instant = Instant(milliseconds: milliseconds)
        #expect(RFC3339.format(instant) == expected)
        var bytes: [UInt8] = [0x2A]
        RFC3339.append(instant, into: &bytes)
        #expect(bytes == [0x2A] + Array(expected.utf8))
    }

    @Test("malformed or impossible times are refused", arguments: [
        "2026-11-24", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z", "yesterday",
        "2026-11-24T09:30:00+25:00", "2026-11-24T09:30Z junk", "",
    ])
    func refusals(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("a local time without offset is read in the stated zone")
    func localTimes() throws {
        let tokyo = try #require(ZoneRules(named: "Asia/Tokyo"))
        #expect(tokyo.parseInstant("2026-11-24 18:30").map(RFC3339.format) == "2026-11-24T09:30:00Z")
        let newYork = try #require(ZoneRules(named: "America/New_York"))
        #expect(newYork.parseInstant("2026-07-01T12:00:00").map(RFC3339.format) == "2026-07-01T16:00:00Z")
        #expect(ZoneRules(named: "+05:30")?.parseInstant("2026-11-24T15:00:00").map(RFC3339.format) == "2026-11-24T09:30:00Z")
        #expect(ZoneRules(named: "Not/AZone") == nil)
    }

    @Test("durations parse and print", arguments: [("90m", 5_400_000), ("6h", 21_600_000), ("3d", 259_200_000), ("1d12h", 129_600_000), ("45s", 45_000), ("2w", 1_209_600_000)])
    func durations(text: String, milliseconds: Int64) throws {
        #expect(DeskDuration(parsing: text)?.milliseconds == milliseconds)
    }

    @Test("bad durations are refused", arguments: ["", "6", "h", "6x", "-6h", "6h3", "9999999999h"])
    func badDurations(text: String) {
        #expect(DeskDuration(parsing: text) == nil)
    }

    @Test("civil conversion agrees with Foundation over a wide range")
    func civil() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_654_321) {
            let instant = Instant(milliseconds: Int64(seconds) * 1000)
            let civil = CivilTime(instant)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            #expect(civil.hour == parts.hour && civil.minute == parts.minute && civil.second == parts.second)
            #expect(civil.millisecondsAsUTC == instant.milliseconds)
        }
    }
}
