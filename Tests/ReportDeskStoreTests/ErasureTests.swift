import Foundation
import Testing
import ReportDeskCore
import ReportDeskCommands
import ReportDeskStore
import ReportDeskTesting

/// A user asks to be forgotten: their data leaves the current state and every version.
@Suite("Erasure and verification", .serialized)
struct ErasureTests {
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x21, 0xF9, 4, 1, 0, 0, 0, 0,
                                                      0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B]

    private func seeded() throws -> TestDesk {
        let desk = TestDesk()
        let shot = desk.folder.file("evidence.gif")
        _ = FileManager.default.createFile(atPath: shot, contents: Data(Self.gif))
        try desk.run("submit --category payment --issue-type refund_request --open-id OPEN-X-77 --order-id ORDER-X-5 --details 'quixotically overcharged'")
        try desk.run("submit --category community --issue-type harassment --open-id OPEN-X-77 --screenshot \(shot)")
        try desk.run("submit --category payment --issue-type other --open-id OPEN-Y-88 --details 'someone else entirely'")
        try desk.run("note 1 'called the user back'")
        try desk.run("resolve 1")
        try desk.run("appeal open 1 'OPEN-X-77 still quixotically unhappy'")
        try desk.run("search quixotically")
        return desk
    }

    private func filesHold(_ needle: String, in desk: TestDesk) throws -> [String] {
        let folder = desk.location.directory
        var paths = [folder + "/reports.sqlite", folder + "/reports.sqlite-wal", folder + "/history"]
        if let enumerator = FileManager.default.enumerator(atPath: folder + "/blobs") {
            for case let name as String in enumerator { paths.append(folder + "/blobs/" + name) }
        }
        return paths.filter { path in
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return data.range(of: Data(needle.utf8)) != nil
        }
    }

    @Test("after erase, neither the Open ID nor a word of the details is anywhere in the database, its WAL or the blobs")
    func erase() throws {
        let desk = try seeded()
        #expect(try !filesHold("OPEN-X-77", in: desk).isEmpty, "the check can see the data before erasure")
        let versionsBefore = try desk.run("info")["version"]!.intValue!
        let result = try desk.run("erase OPEN-X-77")
        #expect(result["reports"] == 2 && result["screenshots"] == 1 && result["logCleared"] == true)
        #expect(result["version"]?.intValue == versionsBefore + 1)
        for needle in ["OPEN-X-77", "quixotically", "ORDER-X-5"] {
            let holders = try filesHold(needle, in: desk)
            #expect(holders.isEmpty, "\(needle) survived in \(holders)")
        }
        #expect(try !filesHold("OPEN-Y-88", in: desk).isEmpty, "other users' data is untouched")
        let history = try #require(try desk.run("history --limit 100")["versions"]?.arrayValue)
        #expect(history.count == versionsBefore + 1, "history still lists every version")
        #expect(history.first?["command"] == "erase")
        #expect(history.allSatisfy { !($0["summary"]?.stringValue ?? "").contains("OPEN-X-77") })
        #expect(try desk.run("verify")["ok"] == true)
        let report = try desk.run("show 1 --at 2")
        #expect(report["openId"] == "[erased]" && report["details"] == "[erased]" && report["orderId"] == "[erased]")
        #expect(try desk.run("show 1")["appeal"]?["message"] == "[erased]")
        #expect(try desk.run("show 2")["screenshot"]?["url"] == "[erased]")
        #expect(try desk.run("search quixotically")["total"] == 0)
        #expect(try desk.run("list --open-id OPEN-X-77")["total"] == 0)
    }

    @Test("erase walks every registered file: one that can forget does, the others are listed where they still hold the data")
    func registeredFiles() throws {
        let forgetful = PersonalDataFile(name: "lines.txt") { text, path in
            let kept = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").filter { !$0.contains(text) } ?? []
            _ = FileManager.default.createFile(atPath: path, contents: Data(kept.map { $0 + "\n" }.joined().utf8))
        }
        let desk = TestDesk(personalData: [forgetful, PersonalDataFile(name: "kept.txt")])
        try desk.run("submit --category payment --issue-type other --open-id OPEN-X-77 --details 'quixotically overcharged'")
        try desk.run("snapshot save before")
        let folder = desk.location.directory
        try FileManager.default.createDirectory(atPath: desk.location.rejectsDirectory, withIntermediateDirectories: true)
        for (name, text) in [("lines.txt", "show 1\nsearch OPEN-X-77\ninfo\n"), ("kept.txt", "OPEN-X-77\n"),
                             ("rejects/one.csv", "openId\nOPEN-X-77\n"), ("rejects/other.csv", "openId\nOPEN-Y-88\n")] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8)))
        }
        let result = try desk.run("erase OPEN-X-77")
        #expect(result["snapshotsHoldingData"] == ["before.sqlite"])
        #expect(result["otherFilesHoldingData"] == ["rejects/one.csv", "kept.txt"])
        #expect(try String(contentsOfFile: folder + "/lines.txt", encoding: .utf8) == "show 1\ninfo\n")
        #expect(try filesHold("OPEN-X-77", in: desk).isEmpty)
    }

    @Test("undo cannot bring erased data back, neither of the erasure nor of an earlier version")
    func undoRefused() throws {
        let desk = try seeded()
        try desk.run("erase OPEN-X-77")
        for line in ["undo", "undo 1", "undo 4"] {
            let error = try #require(desk.failure(line))
            #expect(error.code == .ruleViolated && error.data?["rule"] == "erasure", "\(line): \(error)")
        }
        try desk.run("undo 3")
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("a user whose reports were all removed (submitted, then undone) is erased from the log in a new version")
    func removedReports() throws {
        let desk = TestDesk()
        try desk.run("submit --category payment --issue-type refund_request --open-id OPEN-Z-99 --order-id ORDER-Z-3 --details 'zymurgically overcharged'")
        try desk.run("submit --category payment --issue-type other --open-id OPEN-Y-88 --details 'someone else entirely'")
        try desk.run("undo 1")
        #expect(try desk.run("list --open-id OPEN-Z-99")["total"] == 0, "only the version log holds the user")
        #expect(try !filesHold("zymurgically", in: desk).isEmpty, "the check can see the data before erasure")
        let before = try desk.run("info")["version"]!.intValue!
        let result = try desk.run("erase OPEN-Z-99")
        #expect(result["reports"] == 1 && result["keys"] == [1] && result["logCleared"] == true, "\(result)")
        #expect(result["version"]?.intValue == before + 1, "the erasure is a version: \(result)")
        for needle in ["OPEN-Z-99", "zymurgically", "ORDER-Z-3"] {
            let holders = try filesHold(needle, in: desk)
            #expect(holders.isEmpty, "\(needle) survived in \(holders)")
        }
        #expect(try !filesHold("OPEN-Y-88", in: desk).isEmpty, "other users' data is untouched")
        #expect(try desk.run("history --limit 1")["versions"]?.arrayValue?.first?["command"] == "erase")
        #expect(try desk.run("show 1 --at 1")["details"] == "[erased]")
        #expect(try desk.run("verify")["ok"] == true)
        let again = try desk.run("erase OPEN-Z-99")
        #expect(again["reports"] == 0 && again["version"]?.intValue == before + 1, "nothing is left to erase: \(again)")
    }

    @Test("erasing an unknown user changes nothing")
    func unknownUser() throws {
        let desk = try seeded()
        let before = try desk.run("info")["version"]
        let result = try desk.run("erase NOBODY")
        #expect(result["reports"] == 0 && result["version"] == before)
    }

    @Test("verify notices a report that no longer matches its log, a gap in versions and a damaged screenshot")
    func verifyFindsDamage() throws {
        let desk = try seeded()
        #expect(try desk.run("verify")["ok"] == true)
        _ = try BinaryRunner.sqlite(desk.location.databasePath, "UPDATE report SET note = 'tampered' WHERE key = 3;")
        let tampered = try #require(desk.failure("verify"))
        #expect(tampered.code == .ruleViolated && tampered.data?["rule"] == "verify")
        #expect(tampered.message.contains("replay") && tampered.message.contains("#3"))

        let other = try seeded()
        let blobs = other.location.directory + "/blobs"
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: blobs).first)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: blobs + "/" + folder).first)
        try Data("not the picture".utf8).write(to: URL(fileURLWithPath: blobs + "/" + folder + "/" + file))
        #expect(other.failure("verify")?.message.contains("screenshots") == true)
    }
}
