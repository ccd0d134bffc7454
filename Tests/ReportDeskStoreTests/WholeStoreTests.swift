import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// Operations over the whole store work a batch or a page at a time: diff pages, undo of an import
/// and restore walk only what changed, snapshots can be deleted and pruned.
@Suite("Whole-store operations: paged diff, streamed undo, restore in proportion, snapshot retention")
struct WholeStoreTests {
    /// Imports `count` payment reports from a JSON Lines file; returns the import's version.
    @discardableResult
    private func importReports(_ desk: TestDesk, count: Int, tag: String = "a") throws -> Int {
        let path = desk.folder.file("reports-\(tag).jsonl")
        var lines = ""
        for index in 0..<count {
            lines += #"{"category":"payment","issueType":"other","openId":"user-\#(tag)-\#(index)","orderId":"O-\#(tag)-\#(index)","details":"charged \#(index)","reportedAt":"2026-11-20T10:00:00Z"}"# + "\n"
        }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(lines.utf8)))
        let result = try desk.run("import \(path)")
        #expect(result["imported"]?.intValue == count, "\(result)")
        return try desk.run("info")["version"]!.intValue!
    }

    private func keys(_ page: JSONValue) -> [Int] {
        (page["reports"]?.arrayValue ?? []).compactMap { $0["key"]?.intValue }
    }

    @Test("diff pages through a big change by cursor: every report once, in key order, the change counted on the first page")
    func pagedDiff() throws {
        let desk = TestDesk()
        let version = try importReports(desk, count: 120)
        try desk.run("resolve 7")
        var seen: [Int] = []
        var line = "diff 0 \(version) --limit 50"
        var pages = 0
        while true {
            let page = try desk.run(line)
            pages += 1
            #expect(page["recordedChanges"] == 120 && page["from"] == 0 && page["to"]?.intValue == version)
            #expect(keys(page).count <= 50)
            #expect(page["reports"]?.arrayValue?.allSatisfy { $0["change"] == "added" } == true)
            seen += keys(page)
            guard let next = page["nextCursor"]?.intValue else { break }
            line = "diff 0 \(version) --limit 50 --cursor \(next)"
        }
        #expect(pages == 3)
        #expect(seen == Array(1...120))
        let narrow = try desk.run("diff \(version)")
        #expect(keys(narrow) == [7] && narrow["nextCursor"] == .null && narrow["recordedChanges"] == 1)
        #expect(try desk.run("diff 0 \(version) --limit 1000")["nextCursor"] == .null)
    }

    @Test("a wide diff walked in key order and a narrow one read by version give the same pages")
    func diffStrategiesAgree() throws {
        let desk = TestDesk()
        try importReports(desk, count: 60)
        try desk.run("resolve 3")
        try desk.run("note 40 'called back'")
        try desk.run("undo")
        let store = try desk.store
        let latest = try store.currentVersion()
        for (from, to) in [(0, latest), (1, latest), (latest, 0), (2, 3)] {
            var pagesByStrategy: [[[Int]]] = []
            for threshold in [0, Int.max] {
                var pages: [[Int]] = []
                var after = 0
                while true {
                    let page = try store.differences(from: from, to: to, limit: 7, after: after, keyOrderAbove: threshold)
                    pages.append(page.reports.map(\.key))
                    guard let next = page.next else { break }
                    after = next
                }
                pagesByStrategy.append(pages)
            }
            #expect(pagesByStrategy[0].flatMap { $0 } == pagesByStrategy[1].flatMap { $0 }, "diff \(from) \(to)")
            #expect(!pagesByStrategy[0].flatMap { $0 }.isEmpty)
        }
    }

    @Test("undo of an import bigger than a batch removes every report; undoing that brings them all back under their keys")
    func undoImport() throws {
        let desk = TestDesk()
        let version = try importReports(desk, count: 1_234)
        let undone = try desk.run("undo")
        #expect(undone["undid"]?.intValue == version)
        #expect(try desk.run("info")["reports"] == 0)
        try desk.run("undo")
        let list = try desk.run("list --limit 1000")
        #expect(list["total"] == 1_234)
        #expect(keys(list) == Array(1...1000))
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("restore compares only reports the log shows changing since the source's version")
    func restoreInProportion() throws {
        let desk = TestDesk()
        try importReports(desk, count: 700)
        try desk.run("snapshot save base")
        try desk.run("note 650 'looked at it'")
        try desk.run("resolve 5")
        // Written behind the log's back: a restore that read every report would "repair" it.
        _ = try BinaryRunner.sqlite(desk.location.databasePath, "UPDATE report SET note = 'outside the log' WHERE key = 300;")
        let restored = try desk.run("snapshot restore base")
        #expect(restored["changed"] == 2 && restored["added"] == 0 && restored["removed"] == 0)
        #expect(try desk.run("show 650")["note"] == "" && desk.run("show 5")["status"] == "pending")
        #expect(try desk.run("show 300")["note"] == "outside the log")

        let identical = try desk.run("snapshot restore base")
        #expect(identical["changed"] == 0 && identical["added"] == 0 && identical["removed"] == 0)
        let byVersion = try desk.run("snapshot restore 1")
        #expect(byVersion["changed"] == 0 && byVersion["added"] == 0 && byVersion["removed"] == 0)
    }

    @Test("restore to a version before an import removes the imported reports, then restoring after it adds them back")
    func restoreAcrossImport() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let version = try importReports(desk, count: 600)
        let removed = try desk.run("snapshot restore 3")
        #expect(removed["removed"] == 600 && removed["added"] == 0 && removed["changed"] == 0)
        #expect(try desk.run("list")["total"] == 3)
        let added = try desk.run("snapshot restore \(version)")
        #expect(added["added"] == 600 && added["removed"] == 0)
        #expect(try desk.run("list")["total"] == 603)
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("snapshot delete removes one file; prune keeps the snapshots of the newest versions")
    func deleteAndPrune() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("snapshot save first")
        try desk.run("note 1 one")
        try desk.run("snapshot save")
        try desk.run("note 1 two")
        try desk.run("snapshot save second")
        try desk.run("note 1 three")
        try desk.run("snapshot save")
        let names = { try (desk.run("snapshot list")["snapshots"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } }
        #expect(try names() == ["first", "v4", "second", "v6"])

        let deleted = try desk.run("snapshot delete v4")
        #expect(deleted["name"] == "v4" && deleted["version"] == 4 && deleted["deleted"] == true)
        #expect(try names() == ["first", "second", "v6"])
        #expect(!FileManager.default.fileExists(atPath: desk.location.snapshotsDirectory + "/v4.sqlite"))
        #expect(desk.failure("snapshot delete v4")?.code == .notFound)
        #expect(desk.failure("snapshot delete ../reports")?.code == .invalidParams)

        let pruned = try desk.run("snapshot prune --keep 2")
        #expect(pruned["deleted"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["first"])
        #expect(pruned["kept"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["second", "v6"])
        #expect(try names() == ["second", "v6"])
        #expect(try desk.run("snapshot prune --keep 5")["deleted"]?.arrayValue?.isEmpty == true)
        #expect(try desk.run("snapshot prune --keep 0")["kept"]?.arrayValue?.isEmpty == true)
        #expect(try names().isEmpty)
        #expect(try desk.run("show 1")["note"] == "three", "the store itself is untouched")
    }

    @Test("a snapshot is a plain database file: no write-ahead log beside it, opened read-only by list and restore")
    func snapshotFile() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let saved = try desk.run("snapshot save")
        let path = try #require(saved["path"]?.stringValue)
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 20)
        #expect(header.count == 20 && header[18] == 1 && header[19] == 1, "rollback-journal format")
        let files = try FileManager.default.contentsOfDirectory(atPath: desk.location.snapshotsDirectory)
        #expect(files == ["v3.sqlite"])
        try desk.run("resolve 1")
        #expect(try desk.run("snapshot restore v3")["changed"] == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: desk.location.snapshotsDirectory) == ["v3.sqlite"])
        let integrity = try BinaryRunner.sqlite(path, "PRAGMA integrity_check;")
        #expect(integrity.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("an import's version entry names the row instead of copying it; every reader of the log still sees the imported state")
    func importEntryNamesTheRow() throws {
        let desk = TestDesk()
        let version = try importReports(desk, count: 3)
        let database = desk.location.databasePath
        let stored = try BinaryRunner.sqlite(database, "SELECT DISTINCT quote(after) FROM report_change WHERE version = \(version);")
        #expect(stored.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "'{}'", "no second copy of the row")
        let imported = try desk.run("show 2")
        try desk.run("note 2 'called back'")
        try desk.run("resolve 2")
        let then = try desk.run("show 2 --at \(version)")
        #expect(then["note"] == "" && then["status"] == "pending" && then["details"] == imported["details"])
        #expect(try desk.run("show 3 --at \(version)")["openId"] == "user-a-2")
        let changes = try desk.run("diff \(version)")["reports"]?.arrayValue ?? []
        #expect(changes.map { $0["key"]?.intValue } == [2])
        let added = try desk.run("diff 0 \(version)")["reports"]?.arrayValue ?? []
        #expect(added.count == 3 && added[1]["fields"]?.arrayValue?.contains { $0["field"] == "note" && $0["to"] == "" } == true)
        #expect(try desk.run("verify")["ok"] == true)
        #expect(try desk.run("snapshot restore \(version)")["changed"] == 1)
        #expect(try desk.run("show 2")["status"] == "pending")
        try desk.run("undo \(version + 3)")
        #expect(try desk.run("show 2")["status"] == "resolved")

        // A store written before entries named the row keeps its copies and reads them as ever.
        let old = TestDesk()
        let oldVersion = try importReports(old, count: 2, tag: "b")
        _ = try BinaryRunner.sqlite(old.location.databasePath, """
            UPDATE report_change SET after = '{"key":1,"reportId":null,"category":"payment","issueType":"other","openId":"user-b-0","details":"as logged","orderId":"O-b-0","screenshot":null,"reportedAt":"2026-11-20T10:00:00Z","status":"pending","processedAt":null,"note":"","appeal":null}' WHERE key = 1;
            """)
        #expect(try old.run("show 1 --at \(oldVersion)")["details"] == "as logged")
        #expect(old.failure("verify")?.message.contains("#1") == true, "a copied state is still compared with the row")
    }

    @Test("erase reaches an imported report through its row and scrubs the state the import's entry stands for")
    func eraseImported() throws {
        let desk = TestDesk()
        let version = try importReports(desk, count: 3)
        try desk.run("snapshot save base")
        let erased = try desk.run("erase user-a-1")
        #expect(erased["keys"] == [2] && erased["snapshotsHoldingData"] == ["base.sqlite"])
        #expect(try desk.run("show 2 --at \(version)")["openId"] == "[erased]")
        try desk.run("snapshot delete base")
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("verify's progress moves inside the integrity and search index checks, ends at its total, and a stop interrupts it")
    func verifyProgress() throws {
        let desk = TestDesk()
        try importReports(desk, count: 10_000)
        var calls: [(done: Int, total: Int)] = []
        let (_, checks) = try desk.store.verify { done, total in calls.append((done, total)) }
        #expect(checks.allSatisfy(\.passed) && checks.count == 8, "\(checks)")
        #expect(Set(calls.map(\.total)).count == 1)
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.done <= $1.done }, "never goes back")
        #expect(calls.last.map { $0.done == $0.total } == true)
        // The report table's integrity check is most of the work: moved only when it ends, the
        // line would jump by more than half; SQLite's ticks move it in between.
        let largestJump = zip([(done: 0, total: 0)] + calls, calls).map { $1.done - $0.done }.max() ?? 0
        #expect(largestJump < calls.last!.total / 3, "\(calls.map(\.done))")

        let stop = DeskError(.requestCancelled, "cancelled; nothing was changed")
        var stoppedAt = 0
        #expect(throws: stop) {
            _ = try desk.store.verify { done, total in
                guard done > total / 3 else { return }
                stoppedAt = done
                throw stop
            }
        }
        #expect(stoppedAt > 0 && stoppedAt < calls.last!.total)
        #expect(try desk.run("verify")["ok"] == true)
    }
}
