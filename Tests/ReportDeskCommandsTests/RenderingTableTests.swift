import Foundation
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter

@Suite("Rendering: tables fitted to the terminal")
struct RenderingTableTests {
    typealias F = RenderingFixtures

    private func lines(_ text: String) -> [String] {
        F.withoutColour(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("no line of a report or version table is ever wider than the terminal", arguments: Array(stride(from: 20, through: 240, by: 7)))
    func neverWider(width: Int) {
        for colour in [false, true] {
            let style = F.style(width: width, colour: colour, interactive: true)
            let tables = [ReportTable().render(F.page, style: style),
                          VersionTable().render(versions, style: style)]
            for line in tables.flatMap(lines) {
                #expect(DisplayWidth.of(line) < width, "width \(width): \(line)")
            }
        }
    }

    @Test("long text ends in an ellipsis; a wide terminal shows short text whole")
    func ellipsis() {
        let narrow = ReportTable().render(F.page, style: F.style(width: 120))
        #expect(narrow.contains("The game freezes on the lo"))
        #expect(narrow.contains("…"))
        #expect(!narrow.contains("iOS 17."))
        let wide = ReportTable().render(F.page, style: F.style(width: 400))
        #expect(wide.contains("The game freezes on the loading screen after the last update. iPhone 13, iOS 17."))
        #expect(wide.contains("intellectual_property"))
    }

    @Test("every column starts where its header does")
    func aligned() throws {
        let table = lines(ReportTable().render(F.page, style: F.style(width: 200)))
        let header = table[0]
        for title in ["STATUS", "CATEGORY", "ISSUE TYPE", "REPORTED", "DUE", "DETAILS / NOTE"] {
            let column = try #require(header.range(of: title)).lowerBound.utf16Offset(in: header)
            for row in table[1...5] {
                let before = String(row.prefix(column))
                #expect(DisplayWidth.of(before) == column, "\(title) in \(row)")
                #expect(row.dropFirst(column).first != " ", "\(title) in \(row)")
            }
        }
        #expect(table[5].hasPrefix("215"), "keys are right-aligned under KEY")
        #expect(table[1].hasPrefix("  1"))
    }

    @Test("narrow terminals leave out the details first, then the report time, keeping key, status and due time")
    func dropsColumns() {
        let medium = lines(ReportTable().render(F.page, style: F.style(width: 80)))[0]
        #expect(medium.split(separator: " ", omittingEmptySubsequences: true).first == "KEY")
        #expect(!medium.contains("DETAILS") && medium.contains("CATEGORY") && medium.contains("ISSUE TYPE") && medium.contains("REPORTED"))
        let narrow = lines(ReportTable().render(F.page, style: F.style(width: 60)))[0]
        #expect(narrow.contains("KEY") && narrow.contains("STATUS") && narrow.contains("DUE") && narrow.contains("CATEGORY"))
        #expect(!narrow.contains("REPORTED") && !narrow.contains("DETAILS"))
    }

    @Test("a later page's footer says which rows it holds; a hint that does not fit goes to its own line")
    func laterPageFooter() {
        var style = F.style(width: 60, zone: "Europe/Berlin", interactive: true)
        style.firstRow = 6
        let footer = lines(ReportTable().render(F.page, style: style)).suffix(2)
        #expect(Array(footer) == ["6–10 of 12 reports · times in Europe/Berlin (+01:00)", "next page: more"])
    }

    @Test("due times read as relative hints; past due and status are coloured only when colour is on")
    func dueAndColour() {
        let plain = ReportTable().render(F.page, style: F.style(width: 200))
        #expect(plain.contains("past due 32 h"))
        #expect(plain.contains("in 2 h"), "report 2 falls due at 14:00")
        #expect(plain.contains("in 2 d 23 h"))
        #expect(plain.contains("processed late"), "report 14 was resolved a day after its due time")
        #expect(!plain.contains("\u{1B}"))
        let coloured = ReportTable().render(F.page, style: F.style(width: 200, colour: true))
        #expect(coloured.contains("\u{1B}[1;31mpast due 32 h"))
        #expect(coloured.contains("\u{1B}[33mpending"))
        #expect(coloured.contains("\u{1B}[32mresolved"))
        #expect(coloured.contains("\u{1B}[33min 2 h"), "due within 6 h")
    }

    @Test("the footer counts, names the zone and says how to get the next page")
    func footer() {
        let script = lines(ReportTable().render(F.page, style: F.style(width: 120, zone: "Asia/Tokyo")))
        #expect(script.suffix(2) == ["5 of 12 reports · times in Asia/Tokyo (+09:00)", "next page: repeat with --cursor abc123"])
        let repl = lines(ReportTable().render(F.page, style: F.style(width: 120, interactive: true)))
        #expect(repl.last == "5 of 12 reports · times in UTC (+00:00) · next page: more")
        let last = ReportTable().render(["reports": [], "total": 0, "nextCursor": .null], style: F.style())
        #expect(last == "No reports match.")
    }

    @Test("a table cell shows the note when a report has no details, and never a raw control")
    func cells() {
        let table = ReportTable().render(["reports": [F.hostileReport]], style: F.style(width: 300))
        #expect(!F.hasControls(table))
        #expect(table.contains("␛]0;pwned␇"))
        #expect(ReportTable().render(F.page, style: F.style(width: 300)).contains("note: asked trust and safety"))
    }

    var versions: JSONValue {
        .object(JSONObject([
            ("versions", .array((1...4).reversed().map { number in
                .object(JSONObject([
                    ("version", .int(number * 300)), ("at", .string("2026-11-2\(number)T0\(number):15:00Z")),
                    ("actor", number == 2 ? "a-very-long-operator-name-from-the-directory" : "ops"),
                    ("command", number == 3 ? "appeal.decide" : "resolve"),
                    ("summary", .string(number == 1 ? String(repeating: "resolve #3 ", count: 30) : "resolve #\(number) \(F.hostile)")),
                ]))
            })),
            ("nextCursor", 300),
        ]))
    }

    @Test("history lines up WHEN under its header in any zone, and neutralises summaries")
    func versionTable() throws {
        for zone in ["UTC", "America/New_York", "Asia/Kolkata"] {
            let table = lines(VersionTable().render(versions, style: F.style(width: 100, zone: zone)))
            let column = try #require(table[0].range(of: "WHEN")).lowerBound.utf16Offset(in: table[0])
            for row in table[1...4] {
                #expect(row.dropFirst(column).hasPrefix("2026-11-"), "\(zone): \(row)")
            }
            #expect(table[1].hasPrefix("   1200  "), "versions are right-aligned")
            #expect(!F.hasControls(table.joined()))
            #expect(table.contains { $0.hasSuffix("…") })
        }
        let footer = lines(VersionTable().render(versions, style: F.style(width: 100, zone: "Asia/Kolkata"))).suffix(2)
        #expect(Array(footer) == ["4 versions · times in Asia/Kolkata (+05:30)", "next page: repeat with --cursor 300"])
    }

    @Test("stats, taxonomy and diff neutralise names a store added")
    func otherResults() throws {
        let style = F.style(width: 120)
        let stats: JSONValue = ["byCategory": .object(JSONObject([("evil" + F.hostile, 3)])), "version": 2]
        #expect(!F.hasControls(FieldsView().render(stats, style: style)))
        let taxonomy: JSONValue = ["categories": [["id": .string("c" + F.hostile), "displayName": .string(F.hostile),
                                                   "fields": [.string(F.hostile)], "issueTypes": [["id": .string(F.hostile),
                                                                                                 "displayName": .string(F.hostile)]]]]]
        #expect(!F.hasControls(TaxonomyText().render(taxonomy, style: style)))
        let diff: JSONValue = ["from": 1, "to": 2, "reports": [["key": 1, "change": .string(F.hostile), "fields": [
            ["field": .string(F.hostile), "from": .string(F.hostile), "to": ""],
        ]]]]
        let shown = DiffText().render(diff, style: style)
        #expect(!F.hasControls(shown))
        #expect(shown.contains("    + \"\""), "an emptied text shows as \"\" (on its own line after a long one)")
        let undo: JSONValue = ["version": 7, "undid": 6, "reports": [F.hostileReport]]
        let undoView = try #require(AllCommands.registry.command(method: "undo")).spec.result.view
        let undone = undoView.render(undo, style: style)
        #expect(undone.contains("KEY") && undone.contains("STATUS"), "the reports of undo are a table")
        #expect(!F.hasControls(undone))
    }
}

@Suite("Rendering: wrapping text to the terminal")
struct RenderingWrapTests {
    @Test("wrapping breaks at spaces, keeps aligned runs of spaces and line breaks, and cuts words wider than a line", arguments: [
        ("short stays as it is", 40, ["short stays as it is"]),
        ("one two three four five", 10, ["one two", "three four", "five"]),
        ("stats     Count reports by status", 20, ["stats     Count", "reports by status"]),
        ("first\n\nthird line here", 10, ["first", "", "third line", "here"]),
        ("abcdefghijklmnopqrstuvwxyz", 10, ["abcdefghij", "klmnopqrst", "uvwxyz"]),
        ("画面画面画面画面画面画面", 10, ["画面画面画", "面画面画面", "画面"]),
    ])
    func wrap(text: String, columns: Int, lines: [String]) {
        #expect(DisplayWidth.wrap(text, to: columns) == lines)
    }
}
