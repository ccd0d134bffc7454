import Foundation
import Testing
import ReportDeskCore
import ReportDeskFormats
import ReportDeskStore
import ReportDeskTesting

/// Import (R13): every row of every awkward sample is imported, a duplicate
/// or rejected with its line and field; the rejects file holds each rejected row verbatim; the
/// whole import is one version and importing it again changes nothing.
@Suite("Import: exact outcomes, rejects files, idempotency")
struct ImportTests {
    @Test("each sample's counts, rejected lines and fields are exact", arguments: [0, 1, 2])
    func sampleOutcome(index: Int) throws {
        let sample = ImportSamples.all[index]
        let desk = TestDesk()
        let result = try ImportSamples.importInto(desk, sample)
        #expect(result["rows"]?.intValue == sample.rows)
        #expect(result["imported"]?.intValue == sample.imported)
        #expect(result["duplicates"]?.intValue == sample.duplicates)
        #expect(result["rejectedCount"]?.intValue == sample.rejected.count)
        #expect(sample.imported + sample.duplicates + sample.rejected.count == sample.rows, "every row is accounted for")
        let rejected = try #require(result["rejected"]?.arrayValue)
        #expect(rejected.map { $0["line"]?.intValue ?? 0 } == sample.rejected.map(\.0))
        #expect(rejected.map { $0["field"]?.stringValue } == sample.rejected.map(\.1))
        #expect(rejected.allSatisfy { !($0["reason"]?.stringValue ?? "").isEmpty })
        #expect(result["ignoredFields"]?.arrayValue?.compactMap(\.stringValue) == sample.ignoredFields)
        #expect(result["version"] == 1)
        #expect(try desk.run("info")["reports"]?.intValue == sample.imported)
        #expect(try desk.run("verify")["ok"] == true, "the version log replays to the imported reports")
    }

    @Test("the reason names the field at fault")
    func reasonsNameFields() throws {
        let desk = TestDesk()
        let result = try ImportSamples.importInto(desk, ImportSamples.csv)
        let reasons = try #require(result["rejected"]?.arrayValue).compactMap { $0["reason"]?.stringValue }
        let expected = ["category", "Order ID", "Report details", "Report time", "Report time", "issue type", "status",
                        "screenshot", "Report time"]
        for (reason, word) in zip(reasons, expected) {
            #expect(reason.localizedCaseInsensitiveContains(word), "\(reason) should name \(word)")
        }
        #expect(reasons[3].contains("yesterday afternoon") && reasons[4].contains("missing"))
    }

    @Test("a CSV rejects file has the header line and every rejected row verbatim, owner-only")
    func csvRejectsFile() throws {
        let desk = TestDesk()
        let result = try ImportSamples.importInto(desk, ImportSamples.csv)
        let path = try #require(result["rejectsFile"]?.stringValue)
        #expect(path.hasPrefix(desk.location.rejectsDirectory + "/"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let sample = try ImportSamples.lines(of: ImportSamples.path(ImportSamples.csv.file))
        let header = String(sample[0].unicodeScalars.dropFirst())
        let expected = header + ImportSamples.csv.rejected.map { sample[$0.0 - 1] }.joined()
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == expected)
    }

    @Test("a rejects file imports again: the same rows are rejected, now at lines 2, 3, …")
    func rejectsFileReimports() throws {
        let desk = TestDesk()
        let first = try ImportSamples.importInto(desk, ImportSamples.csv)
        let path = try #require(first["rejectsFile"]?.stringValue)
        let again = try desk.run("import '\(path)' --tz Asia/Tokyo")
        #expect(again["imported"] == 0 && again["duplicates"] == 0)
        #expect(again["rejectedCount"]?.intValue == ImportSamples.csv.rejected.count)
        #expect(again["rejected"]?.arrayValue?.compactMap { $0["line"]?.intValue } == Array(2...(ImportSamples.csv.rejected.count + 1)))
        #expect(again["version"] == 1, "nothing imported, no version")
    }

    @Test("JSON Lines and JSON array rejects files hold the rejected rows exactly")
    func jsonRejectsFiles() throws {
        let desk = TestDesk()
        let lines = try ImportSamples.importInto(desk, ImportSamples.jsonLines)
        let linesFile = try #require(lines["rejectsFile"]?.stringValue)
        let sample = try ImportSamples.lines(of: ImportSamples.path(ImportSamples.jsonLines.file))
        #expect(try ImportSamples.lines(of: linesFile) == ImportSamples.jsonLines.rejected.map { sample[$0.0 - 1] })

        let array = try ImportSamples.importInto(desk, ImportSamples.jsonArray)
        let arrayFile = try #require(array["rejectsFile"]?.stringValue)
        let parsed = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: arrayFile))))
        let elements = try #require(parsed.arrayValue)
        #expect(elements.count == ImportSamples.jsonArray.rejected.count)
        #expect(elements[0]["reportId"] == "PAY-1" && elements[2] == "not an object")
        #expect(elements[1]["details"]?.stringValue?.count == 20_001)
    }

    @Test("importing the same file twice changes the version once and the report count once")
    func idempotent() throws {
        for sample in ImportSamples.all {
            let desk = TestDesk()
            let first = try ImportSamples.importInto(desk, sample)
            let second = try ImportSamples.importInto(desk, sample)
            #expect(first["version"] == 1 && second["version"] == 1, "\(sample.file)")
            #expect(second["imported"] == 0)
            #expect(second["duplicates"]?.intValue == sample.imported + sample.duplicates)
            #expect(second["rejectedCount"]?.intValue == sample.rejected.count)
            #expect(try desk.run("info")["reports"]?.intValue == sample.imported)
            #expect(try desk.run("history")["versions"]?.arrayValue?.count == 1)
        }
    }

    @Test("all three samples go into one store without colliding, one version each")
    func threeSamplesOneStore() throws {
        let desk = TestDesk()
        for (index, sample) in ImportSamples.all.enumerated() {
            #expect(try ImportSamples.importInto(desk, sample)["version"]?.intValue == index + 1)
        }
        #expect(try desk.run("info")["reports"]?.intValue == ImportSamples.all.map(\.imported).reduce(0, +))
        let history = try #require(try desk.run("history")["versions"]?.arrayValue)
        #expect(history.map { $0["command"] } == ["import", "import", "import"])
        #expect(history[0]["summary"]?.stringValue == "import reports.json: 282 added, 1 duplicate, 4 rejected")
    }

    @Test("awkward rows come through exactly: CRLF and quotes in a cell, local times, formula-like text, console names")
    func awkwardValues() throws {
        let desk = TestDesk()
        try ImportSamples.importInto(desk, ImportSamples.csv)
        func one(_ openId: String) throws -> JSONValue {
            try #require(try desk.run("list --open-id \(openId)")["reports"]?.arrayValue?.first)
        }
        #expect(try one("_000sampleA")["details"] == "The app says \"Error 500\"\r\nand closes, every time")
        #expect(try one("_000sampleA")["reportId"] == "7300000000000000501")
        let local = try one("_000sampleB")
        #expect(local["reportedAt"] == "2026-03-02T23:00:00Z", "2026-03-03 08:00 in Asia/Tokyo")
        #expect(local["processedAt"] == "2026-03-04T00:00:00Z" && local["status"] == "resolved")
        #expect(local["category"] == "payment" && local["issueType"] == "refund_request" && local["orderId"] == "ORD-S-1")
        #expect(local["note"] == "refunded, see ticket #88")
        let formula = try one("_000sampleL")
        #expect(formula["details"] == "=1+2 shows as text, never a formula" && formula["note"] == "@ops: not reproducible")
        #expect(formula["status"] == "dismissed")
        let console = try #require(try desk.run("list --category community --limit 1")["reports"]?.arrayValue?.first)
        #expect(console["category"] == "community", "Community Guidelines violation is the community category")
    }

    @Test("a migrated desk's rows keep status, processed time, note and appeal; ids stay exact")
    func migratedDesk() throws {
        let desk = TestDesk()
        try ImportSamples.importInto(desk, ImportSamples.jsonLines)
        let appealed = try #require(try desk.run("list --order-id ORD-S-APPEAL")["reports"]?.arrayValue?.first)
        #expect(appealed["appeal"]?["status"] == "open" && appealed["appeal"]?["message"] == "I never got the gems")
        #expect(appealed["processedAt"] == "2026-04-02T10:00:00Z" && appealed["status"] != "pending")
        let numeric = try desk.run("show 7300000000000000603")
        #expect(numeric["details"] == "Report ID written as a number" && numeric["dueAt"] == "2026-04-08T10:00:00Z")
        let generated = try #require(try desk.run("search 'generated from the fingerprint'")["reports"]?.arrayValue?.first)
        #expect(generated["reportId"]?.stringValue?.hasPrefix("RD-") == true)
        #expect(generated["reportedAt"] == "2026-04-08T10:00:00.250Z")
        let other = TestDesk()
        try ImportSamples.importInto(other, ImportSamples.jsonLines)
        let again = try #require(try other.run("search 'generated from the fingerprint'")["reports"]?.arrayValue?.first)
        #expect(again["reportId"] == generated["reportId"], "a generated Report ID comes from the fingerprint, the same in every store")
    }

    @Test("identity: the platform Report ID, else the fingerprint; a handled report still matches its row")
    func identity() throws {
        let desk = TestDesk()
        let folder = desk.folder
        let rows = """
            {"reportId":"EXP-1","category":"experience","issueType":"other","details":"first text","reportedAt":"2026-11-01T10:00:00Z"}
            {"category":"payment","issueType":"refund_request","orderId":"O-1","details":"refund","reportedAt":"2026-11-01T10:00:00Z"}
            """
        try Data(rows.utf8).write(to: URL(fileURLWithPath: folder.file("a.jsonl")))
        try desk.run("import \(folder.file("a.jsonl"))")
        try desk.run("note EXP-1 'called back'")
        try desk.run("resolve 2")
        let changed = """
            {"reportId":"EXP-1","category":"experience","issueType":"other","details":"edited by the platform","reportedAt":"2026-11-01T10:00:00Z"}
            {"category":"payment","issueType":"refund_request","orderId":"O-1","details":"refund","reportedAt":"2026-11-01T10:00:00Z"}
            {"category":"payment","issueType":"refund_request","orderId":"O-1","details":"refund","reportedAt":"2026-11-01T10:00:01Z"}
            """
        try Data(changed.utf8).write(to: URL(fileURLWithPath: folder.file("b.jsonl")))
        let result = try desk.run("import \(folder.file("b.jsonl"))")
        #expect(result["imported"] == 1 && result["duplicates"] == 2, "same Report ID; same fingerprint; a different second is a new report")
        #expect(try desk.run("show EXP-1")["note"] == "called back", "a duplicate never overwrites the desk's work")
    }

    @Test("undo takes a whole import back as one version; importing again gives new keys (R4)")
    func undoImport() throws {
        let desk = TestDesk()
        try ImportSamples.importInto(desk, ImportSamples.jsonArray)
        func keys() throws -> [Int] {
            try #require(try desk.run("list --limit 1000")["reports"]?.arrayValue).compactMap { $0["key"]?.intValue }
        }
        let first = try keys()
        let undone = try desk.run("undo")
        #expect(undone["undid"] == 1 && undone["version"] == 2)
        #expect(try desk.run("info")["reports"] == 0)
        let again = try ImportSamples.importInto(desk, ImportSamples.jsonArray)
        #expect(again["imported"]?.intValue == ImportSamples.jsonArray.imported && again["version"] == 3)
        let second = try keys()
        #expect(first.count == second.count && second.min()! > first.max()!, "keys are never handed out twice")
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("an overlapping later export adds only its new rows")
    func overlappingExport() throws {
        let desk = TestDesk()
        let lines = try ImportSamples.lines(of: ImportSamples.path(ImportSamples.jsonLines.file))
        let good = lines.enumerated().filter { !ImportSamples.jsonLines.rejected.map(\.0).contains($0.offset + 1) }.map(\.element)
            .filter { $0.hasPrefix("{") }
        try Data(good[0..<100].joined().utf8).write(to: URL(fileURLWithPath: desk.folder.file("monday.jsonl")))
        try Data(good[50..<150].joined().utf8).write(to: URL(fileURLWithPath: desk.folder.file("tuesday.jsonl")))
        #expect(try desk.run("import \(desk.folder.file("monday.jsonl"))")["imported"] == 100)
        let tuesday = try desk.run("import \(desk.folder.file("tuesday.jsonl"))")
        #expect(tuesday["imported"] == 50 && tuesday["duplicates"] == 50 && tuesday["version"] == 2)
    }

    @Test("the result lists the first 100 rejections; rejectedCount and the rejects file have all of them")
    func rejectionCap() throws {
        let desk = TestDesk()
        var text = "Category,Issue type,Report time\n"
        for index in 0..<150 { text += "payment,refund_request,not a time \(index)\n" }
        for index in 0..<10 { text += "payment,refund_request,2026-11-01T10:00:\(10 + index)Z\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: desk.folder.file("many.csv")))
        let result = try desk.run("import \(desk.folder.file("many.csv"))")
        #expect(result["imported"] == 10 && result["rejectedCount"] == 150)
        #expect(result["rejected"]?.arrayValue?.count == ImportOutcome.listedRejections)
        #expect(result["rejected"]?.arrayValue?.last?["line"] == 101)
        let file = try #require(result["rejectsFile"]?.stringValue)
        #expect(try ImportSamples.lines(of: file).count == 151, "the header and all 150 rows")
    }

    @Test("a row without a report time is rejected, never defaulted; times before 1970 too")
    func reportTimeRequired() throws {
        let desk = TestDesk()
        let rows = """
            {"category":"payment","issueType":"other","orderId":"O-9"}
            {"category":"payment","issueType":"other","orderId":"O-9","reportedAt":""}
            {"category":"payment","issueType":"other","orderId":"O-9","reportedAt":"1969-12-31T23:59:59Z"}
            """
        try Data(rows.utf8).write(to: URL(fileURLWithPath: desk.folder.file("t.jsonl")))
        let result = try desk.run("import \(desk.folder.file("t.jsonl"))")
        #expect(result["rejectedCount"] == 3 && result["imported"] == 0)
        #expect(result["rejected"]?.arrayValue?.allSatisfy { $0["field"] == "reportedAt" } == true)
        #expect(try desk.run("info")["version"] == 0)
    }

    @Test("times without an offset are read in --tz; with an offset --tz changes nothing")
    func timeZones() throws {
        let desk = TestDesk()
        let csv = "Category,Issue type,Order ID,Report time\npayment,other,O-1,2026-11-01 09:00\npayment,other,O-2,2026-11-01T09:00:00-05:00\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: desk.folder.file("z.csv")))
        try desk.run("import \(desk.folder.file("z.csv")) --tz America/New_York")
        #expect(try desk.run("list --order-id O-1")["reports"]?.arrayValue?.first?["reportedAt"] == "2026-11-01T14:00:00Z")
        #expect(try desk.run("list --order-id O-2")["reports"]?.arrayValue?.first?["reportedAt"] == "2026-11-01T14:00:00Z")
        #expect(desk.failure("import \(desk.folder.file("z.csv")) --tz Mars/Olympus")?.code == .invalidParams)
    }

    @Test("a CSV header without a required column refuses the whole file and changes nothing")
    func headerRequired() throws {
        let desk = TestDesk()
        try Data("Category,Issue type,Details\npayment,other,x\n".utf8).write(to: URL(fileURLWithPath: desk.folder.file("h.csv")))
        let error = try #require(desk.failure("import \(desk.folder.file("h.csv"))"))
        #expect(error.code == .invalidParams && error.message.contains("Report time"))
        try Data("Category,Issue type,Report time,Region\npayment,other,2026-11-01T10:00:00Z,EU\n".utf8)
            .write(to: URL(fileURLWithPath: desk.folder.file("r.csv")))
        let result = try desk.run("import \(desk.folder.file("r.csv"))")
        #expect(result["imported"] == 1 && result["ignoredFields"] == ["Region"], "unknown columns are named, not silently dropped")
    }

    @Test("a missing file is -32001; import - needs standard input to itself")
    func inputs() throws {
        let desk = TestDesk()
        #expect(desk.failure("import \(desk.folder.file("nope.csv"))")?.code == .notFound)
        #expect(desk.failure("import \(desk.folder.path)")?.code == .invalidParams)
        let stdin = try #require(desk.failure("import -"))
        #expect(stdin.code == .invalidParams && stdin.message.contains("standard input"))
    }

    @Test("cancelling rolls the whole import back and leaves no rejects file")
    func cancellation() throws {
        let desk = TestDesk()
        let store = try desk.store
        var text = ""
        for index in 0..<5000 {
            text += "{\"category\":\"payment\",\"issueType\":\"other\",\"orderId\":\"O-\(index)\",\"reportedAt\":\"2026-11-01T10:00:00Z\"}\n"
            if index % 100 == 0 { text += "{\"category\":\"nope\"}\n" }
        }
        var checks = 0
        var progress: [Int] = []
        let settings = ImportSettings(zone: .utc, now: desk.clock.now, rejectsDirectory: desk.location.rejectsDirectory,
                                      progress: { rows, _, _ in progress.append(rows) },
                                      checkCancelled: {
                                          checks += 1
                                          if checks == 3 { throw DeskError(.requestCancelled, "cancelled; nothing was changed") }
                                      })
        #expect(throws: DeskError.self) {
            _ = try store.write(command: "import", actor: "tester", at: desk.clock.now) { transaction in
                let reports = try transaction.importedReports(screenshotFolder: "/")
                return try ImportRun.run(ImportInput.bytes(Array(text.utf8)), taxonomy: try transaction.taxonomy(), settings: settings,
                                         into: ImportRun.Target(add: reports.add, finish: reports.finish))
            }
        }
        #expect(progress == [1024, 2048], "progress arrives while rows stream in")
        let info = try desk.run("info")
        #expect(info["version"] == 0 && info["reports"] == 0)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: desk.location.rejectsDirectory)) ?? []
        #expect(leftovers.isEmpty)
    }
}
