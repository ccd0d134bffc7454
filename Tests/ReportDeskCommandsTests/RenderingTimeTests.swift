import Testing
import ReportDeskCore
import ReportDeskInterpreter

@Suite("Rendering: times in the display zone with relative hints (R6, R8)")
struct RenderingTimeTests {
    typealias F = RenderingFixtures

    @Test("relative hints", arguments: [
        (0, "just now"),
        (-1_000, "just now"),
        (-59_999, "just now"),
        (30_000, "just now"),
        (-60_000, "1 min ago"),
        (-45 * 60_000, "45 min ago"),
        (5 * 3_600_000, "in 5 h"),
        (5 * 3_600_000 + 59 * 60_000, "in 5 h"),
        (-3 * 3_600_000, "3 h ago"),
        (47 * 3_600_000, "in 47 h"),
        (49 * 3_600_000, "in 2 d 1 h"),
        (-72 * 3_600_000, "3 d ago"),
        (20 * 86_400_000, "in 20 d"),
    ] as [(Int64, String)])
    func relative(offset: Int64, text: String) {
        #expect(F.style().relative(Instant(milliseconds: F.now.milliseconds + offset)) == text)
    }

    @Test("a pending report's due time: in so long, due now at the instant, or past due by so long", arguments: [
        (5 * 3_600_000, "in 5 h"),
        (30_000, "in <1 min"),
        (0, "due now"),
        (-1, "past due <1 min"),
        (-3 * 3_600_000, "past due 3 h"),
        (-(2 * 86_400_000 + 4 * 3_600_000), "past due 2 d 4 h"),
    ] as [(Int64, String)])
    func dueHint(offset: Int64, text: String) {
        #expect(F.style().dueHint(Instant(milliseconds: F.now.milliseconds + offset), pending: true) == text)
    }

    @Test("a processed report's due time reads like any other time")
    func processedDue() {
        #expect(F.style().dueHint(Instant(milliseconds: F.now.milliseconds - 3 * 3_600_000), pending: false) == "3 h ago")
    }

    @Test("one instant in several display zones, daylight saving included", arguments: [
        ("UTC", "2026-11-20T03:05:00Z", "2026-11-20 03:05", "UTC (+00:00)"),
        ("Asia/Tokyo", "2026-11-20T03:05:00Z", "2026-11-20 12:05", "Asia/Tokyo (+09:00)"),
        ("America/New_York", "2026-11-20T03:05:00Z", "2026-11-19 22:05", "America/New_York (-05:00)"),
        ("America/New_York", "2026-07-20T03:05:00Z", "2026-07-19 23:05", "America/New_York (-05:00)"),
        ("Asia/Kolkata", "2026-11-20T03:05:00Z", "2026-11-20 08:35", "Asia/Kolkata (+05:30)"),
    ])
    func zones(zone: String, instant: String, local: String, label: String) {
        let style = F.style(zone: zone)
        #expect(style.localTime(F.instant(instant)) == local)
        #expect(style.zoneLabel == label, "the label shows the offset at now, 2026-11-24")
    }

    @Test("colour only for a terminal, never with NO_COLOR or TERM=dumb")
    func colourRules() {
        #expect(!TerminalStyle.colourAllowed(fileDescriptor: -1, environment: [:]), "not a terminal")
        let style = F.style(colour: false)
        #expect(style.paint("pending", "33") == "pending")
        #expect(F.style(colour: true).paint("pending", "33") == "\u{1B}[33mpending\u{1B}[0m")
        #expect(F.style(colour: true).paint("", "33") == "")
    }
}
