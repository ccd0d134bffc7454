import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// Export → import into a new store → export gives the same JSON Lines byte
/// for byte, and a CSV cell a spreadsheet would run as a formula comes out neutralised.
@Suite("Export: round trips and formula neutralisation")
struct ExportTests {
    /// A desk with every shape of report: the three samples, then notes, processing, an appeal
    /// decided, a submitted screenshot file and text a spreadsheet would run.
    private func richDesk() throws -> TestDesk {
        let desk = TestDesk()
        for sample in ImportSamples.all { try ImportSamples.importInto(desk, sample) }
        let shot = desk.folder.file("evidence.png")
        try Data(ImportScreenshotTests.png).write(to: URL(fileURLWithPath: shot))
        try desk.run("submit --category community --issue-type harassment --screenshot \(shot) --open-id u-shot --reported-at 2026-11-20T08:00:00.125Z")
        try desk.run("submit --category payment --issue-type other --order-id O-F --details '=HYPERLINK(\"x\")' --reported-at 2026-11-20T09:00:00Z")
        let pending = try #require(try desk.run("list --status pending --limit 2")["reports"]?.arrayValue).compactMap { $0["key"]?.intValue }
        try desk.call("note", ["id": .int(pending[0]), "text": "@here: tab\tand \"quotes\", commas\nand lines"])
        try desk.run("resolve \(pending[1]) --note 'done'")
        let appealed = try #require(try desk.run("list --order-id ORD-S-APPEAL")["reports"]?.arrayValue?.first?["key"]?.intValue)
        try desk.run("appeal decide \(appealed) --outcome overturned --note 'refund sent'")
        return desk
    }

    private func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The rows of a JSON Lines export without their store-local keys.
    private static func withoutKeys(_ bytes: [UInt8]) throws -> [JSONValue] {
        try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            var row = try #require(try JSONParser.parse(String(line)).objectValue)
            #expect(row["key"]?.intValue != nil, "an export row carries its key")
            row["key"] = nil
            return .object(row)
        }
    }

    @Test("export → import into an empty store → export gives byte-identical JSON Lines")
    func jsonLinesRoundTrip() throws {
        let source = try richDesk()
        let first = source.folder.file("out/first.jsonl")
        try FileManager.default.createDirectory(atPath: source.folder.file("out"), withIntermediateDirectories: true)
        let exported = try source.run("export --out \(first)")
        let total = try #require(try source.run("info")["reports"]?.intValue)
        #expect(exported["exported"]?.intValue == total && exported["out"]?.stringValue == first)

        let target = TestDesk()
        let imported = try target.run("import \(first)")
        #expect(imported["imported"]?.intValue == total && imported["rejectedCount"] == 0, "\(imported)")
        let second = target.folder.file("second.jsonl")
        try target.run("export --out \(second)")
        // Keys are the store's own: the source's have gaps (keys are never reused, R4), the new
        // store's do not. Everything else is the same, and from then on the bytes are too.
        #expect(try Self.withoutKeys(read(first)) == Self.withoutKeys(read(second)))
        let third = TestDesk()
        #expect(try third.run("import \(second)")["imported"]?.intValue == total)
        let thirdOut = third.folder.file("third.jsonl")
        try third.run("export --out \(thirdOut)")
        #expect(try read(second) == read(thirdOut))
        #expect(try target.run("verify")["ok"] == true)

        let shot = try #require(try target.run("list --open-id u-shot")["reports"]?.arrayValue?.first?["screenshot"])
        #expect(shot["sha256"]?.stringValue?.count == 64, "the screenshot travelled with the export (R11)")
        #expect(try read(shot["path"]?.stringValue ?? "") == ImportScreenshotTests.png)
        let again = try target.run("import \(first)")
        #expect(again["imported"] == 0 && again["duplicates"]?.intValue == total, "the round trip is idempotent too")
    }

    @Test("a CSV cell starting with =, +, -, @, tab or CR is neutralised; import reads it back exactly")
    func formulaNeutralised() throws {
        let desk = TestDesk()
        let texts = ["=HYPERLINK(\"x\")", "+SUM(1)", "-1 stars", "@cmd", "\tindented", "\rreturn", "'quoted", "plain, with comma"]
        for (index, text) in texts.enumerated() {
            try desk.call("submit", ["category": "payment", "issueType": "other", "orderId": .string("O-\(index)"),
                                     "details": .string(text), "reportedAt": .string("2026-11-01T10:00:0\(index)Z")])
        }
        let out = desk.folder.file("reports.csv")
        try desk.run("export --format csv --out \(out)")
        let text = String(decoding: try read(out), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}Key,Report ID,Category,Issue type,Open ID,Report details,Order ID,Screenshot,Report time,"
            + "Due time,Status,Past due,Processed time,Processed late,Note,Appeal status,Appeal message,Appeal opened,Appeal decided,Appeal note\r\n"))
        #expect(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "the formula starts with an apostrophe, quotes doubled")
        #expect(text.contains(",'+SUM(1),") && text.contains(",'-1 stars,") && text.contains(",'@cmd,"))
        #expect(text.contains(",'\tindented,") && text.contains(",\"'\rreturn\","))
        #expect(text.contains(",''quoted,") && text.contains(",\"plain, with comma\","))
        #expect(!text.contains(",=HYPERLINK"), "no cell starts with =")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        #expect(mode == 0o600)

        let target = TestDesk()
        #expect(try target.run("import \(out)")["imported"]?.intValue == texts.count)
        let details = try #require(try target.run("list")["reports"]?.arrayValue).map { $0["details"]?.stringValue }
        #expect(details == texts)
    }

    @Test("a CSV export imports into a new store as the same reports")
    func csvRoundTrip() throws {
        let source = try richDesk()
        let csv = source.folder.file("all.csv")
        try source.run("export --format csv --out \(csv)")
        let target = TestDesk()
        let result = try target.run("import \(csv)")
        #expect(result["rejectedCount"] == 0, "\(result)")
        let left = source.folder.file("left.jsonl"), right = target.folder.file("right.jsonl")
        try source.run("export --out \(left)")
        try target.run("export --out \(right)")
        #expect(try Self.withoutKeys(read(left)) == Self.withoutKeys(read(right)))

        // CSV → import → CSV is byte-identical once the keys are the new store's (the clock is fixed).
        let secondCSV = target.folder.file("second.csv")
        try target.run("export --format csv --out \(secondCSV)")
        let third = TestDesk()
        #expect(try third.run("import \(secondCSV)")["rejectedCount"] == 0)
        let thirdCSV = third.folder.file("third.csv")
        try third.run("export --format csv --out \(thirdCSV)")
        #expect(try read(secondCSV) == read(thirdCSV))
        #expect(String(decoding: try read(thirdCSV), as: UTF8.self).contains(",Past due,"))
    }

    @Test("export takes the filters of list and says how many it wrote")
    func filters() throws {
        let desk = try richDesk()
        let out = desk.folder.file("pending-payment.jsonl")
        let result = try desk.run("export --status pending --category payment --out \(out)")
        let total = try #require(try desk.run("list --status pending --category payment")["total"]?.intValue)
        #expect(result["exported"]?.intValue == total && total > 0)
        let rows = try ImportSamples.lines(of: out).map { try JSONParser.parse($0) }
        #expect(rows.count == total && rows.allSatisfy { $0["status"] == "pending" && $0["category"] == "payment" })
        #expect(try result["version"] == desk.run("info")["version"])
        #expect(desk.failure("export --category nope --out \(out)")?.code == .ruleViolated)
    }

    @Test("without --out, export needs standard output to itself")
    func standardOutput() throws {
        let error = try #require(TestDesk().failure("export"))
        #expect(error.code == .invalidParams && error.data?["field"] == "out")
    }
}
