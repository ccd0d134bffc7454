import Foundation
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter

@Suite("Rendering: the card of one report")
struct RenderingCardTests {
    typealias F = RenderingFixtures

    @Test("show prints every field: note, appeal, screenshot path, processing and the notice")
    func full() {
        let card = ReportCard().render(F.fullReport, style: F.style(width: 120, zone: "Asia/Tokyo"))
        let expected = [
            "Report #17  ·  payment / refund_request  ·  dismissed (processed late)",
            "  Report ID    —",
            "  Open ID      user-1",
            "  Order ID     ORD-2026-118990",
            "  Reported     2026-11-21 01:45 (3 d 19 h ago)",
            "  Due          2026-11-24 01:45 (19 h ago)",
            "  Processed    2026-11-24 19:00 (2 h ago)",
            "  Details      charged twice",
            "               second line of details",
            "  Screenshot   /desk/blobs/01/0123456789abcdef0123.png  (image/png, 48213 bytes, sha256 0123456789ab…)",
            "  Note         only one charge in our records",
            "  Appeal       overturned — opened 2026-11-24 20:00 (1 h ago)",
            "    message    my bank shows two settled charges",
            "    decided    2026-11-24 20:30 (30 min ago)",
            "    note       refund confirmed missing",
            "  Version      42 · times in Asia/Tokyo (+09:00)",
            "",
            "Notice: The developer's contact email may be shared with the user who appealed.",
        ]
        #expect(card.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected)
    }

    @Test("a pending report past its due time says so in the title and the due line")
    func pastDue() {
        let report = Report(key: 3, category: "experience", issueType: "other", reportedAt: F.instant("2026-11-20T09:00:00Z"))
        let card = ReportCard().render(report.json(now: F.now), style: F.style())
        #expect(card.hasPrefix("Report #3  ·  experience / other  ·  pending — PAST DUE"))
        #expect(card.contains("  Due          2026-11-23 09:00 (past due 27 h)"))
        #expect(card.contains("  Open ID      — (not logged in)"))
        #expect(card.contains("  Note         —"))
        let coloured = ReportCard().render(report.json(now: F.now), style: F.style(colour: true))
        #expect(coloured.contains("\u{1B}[1;31m— PAST DUE\u{1B}[0m"))
        #expect(coloured.contains("(\u{1B}[1;31mpast due 27 h\u{1B}[0m)"))
    }

    @Test("long text wraps under its label and never runs past the terminal", arguments: [40, 60, 80, 120])
    func wraps(width: Int) {
        let words = Array(repeating: "refund", count: 60).joined(separator: " ") + " " + String(repeating: "x", count: 150)
        let report = Report(key: 5, category: "payment", issueType: "other", details: words, reportedAt: F.instant("2026-11-24T09:00:00Z"),
                            note: "ボタンが画面の外にはみ出して押せません。" + String(repeating: "画面", count: 60))
        let card = ReportCard().render(report.json(now: F.now), style: F.style(width: width))
        let lines = card.split(separator: "\n").map(String.init)
        for line in lines {
            #expect(DisplayWidth.of(line) < width, "\(width): \(line)")
        }
        let details = lines.drop { !$0.hasPrefix("  Details") }.dropFirst().prefix { $0.hasPrefix("               ") }
        #expect(!details.isEmpty, "continuation lines are indented under the value")
        #expect(lines.joined().replacingOccurrences(of: " ", with: "").contains(String(repeating: "x", count: 20)))
    }

    @Test("hostile text in every field is shown visibly and never as a control, with or without colour")
    func hostile() {
        let plain = ReportCard().render(F.hostileReport, style: F.style(width: 400))
        #expect(!F.hasControls(plain))
        #expect(!plain.contains("\u{1B}"))
        for field in ["R", "u", "o", "d", "n", "m", "a", "notice "] {
            #expect(plain.contains(field + "before ␛]0;pwned␇ middle ␛[2J after<U+009B>31m <U+202E>gnp.exe"), "\(field)")
        }
        #expect(plain.contains("line two before ␛]0;pwned␇"))
        #expect(plain.contains("/p/before ␛]0;pwned␇"), "the screenshot path")
        let coloured = ReportCard().render(F.hostileReport, style: F.style(width: 400, colour: true))
        #expect(coloured.contains("\u{1B}["))
        #expect(!F.hasControls(F.withoutColour(coloured)), "every ESC left is the desk's own colour code")
    }

    @Test("an error line neutralises what the user typed back at them")
    func error() {
        let error = DeskError(.notFound, "no report \(F.hostile)")
        #expect(!F.hasControls(HumanRenderer(style: F.style()).error(error)))
    }
}
