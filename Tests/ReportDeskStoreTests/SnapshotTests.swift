import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// Snapshot save (R12), then changes, then snapshot restore gives back the
/// saved state as one new version, with the changes still in history and diff showing them field
/// by field.
@Suite("Snapshots: save, list, restore")
struct SnapshotTests {
    /// The whole state as an export, which holds every stored field of every report.
    private func state(_ desk: TestDesk) throws -> [UInt8] {
        let path = desk.folder.file("state-\(UUID().uuidString).jsonl")
        try desk.run("export --out \(path)")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func fields(_ report: JSONValue?) -> [String: (JSONValue, JSONValue)] {
        var result: [String: (JSONValue, JSONValue)] = [:]
        for field in report?["fields"]?.arrayValue ?? [] {
            result[field["field"]?.stringValue ?? ""] = (field["from"] ?? .null, field["to"] ?? .null)
        }
        return result
    }

    @Test("save, change, restore: the saved state is back, history keeps the changes, diff shows them field by field")
    func saveChangeRestore() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("config set contactEmail dev@example.com")
        let saved = try desk.run("snapshot save")
        #expect(saved["name"] == "v4" && saved["version"] == 4 && saved["reports"] == 3 && saved["created"] == true)
        let savedState = try state(desk)

        try desk.run("note 1 'looked at it'")                                   // 5
        try desk.run("resolve 2 --note refunded")                               // 6
        try desk.run("submit --category payment --issue-type other --order-id O-NEW --reported-at 2026-11-24T08:00:00Z") // 7
        try desk.run("config set contactEmail other@example.com")               // 8
        #expect(try state(desk) != savedState)

        let restored = try desk.run("snapshot restore v4")
        #expect(restored["version"] == 9 && restored["sourceVersion"] == 4)
        #expect(restored["changed"] == 2 && restored["removed"] == 1 && restored["added"] == 0 && restored["settings"] == 1)
        #expect(try state(desk) == savedState)
        #expect(try desk.run("config get")["contactEmail"] == "dev@example.com")

        let history = try #require(try desk.run("history --limit 20")["versions"]?.arrayValue)
        #expect(history.map { $0["version"]?.intValue } == Array((1...9).reversed()), "every change is still in history")
        #expect(history[0]["command"] == "snapshot.restore" && history[0]["summary"]?.stringValue?.hasPrefix("restore snapshot v4") == true)

        let changes = try desk.run("diff 4 8")["reports"]?.arrayValue ?? []
        #expect(changes.map { $0["key"]?.intValue } == [1, 2, 4])
        #expect(fields(changes[0])["note"].map { $0.0 == "" && $0.1 == "looked at it" } == true)
        let resolved = fields(changes[1])
        #expect(resolved["status"].map { $0.0 == "pending" && $0.1 == "resolved" } == true)
        #expect(resolved["note"].map { $0.1 == "refunded" } == true && resolved["processedAt"] != nil)
        #expect(changes[2]["change"] == "added" && fields(changes[2])["orderId"].map { $0.1 == "O-NEW" } == true)

        let undone = try desk.run("diff 8 9")["reports"]?.arrayValue ?? []
        #expect(undone.map { $0["key"]?.intValue } == [1, 2, 4])
        #expect(fields(undone[0])["note"].map { $0.0 == "looked at it" && $0.1 == "" } == true)
        #expect(fields(undone[1])["status"].map { $0.0 == "resolved" && $0.1 == "pending" } == true)
        #expect(fields(undone[1])["processedAt"].map { $0.1 == .null } == true)
        #expect(undone[2]["change"] == "removed")
        #expect(try desk.run("diff 4 9")["reports"]?.arrayValue?.isEmpty == true, "the store is as it was at version 4")
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("restore to a version number rebuilds that version's state from the log, then undo takes it back")
    func restoreVersion() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let atThree = try state(desk)
        try desk.run("note 1 first")
        try desk.run("dismiss 3")
        let before = try state(desk)
        let restored = try desk.run("snapshot restore 3")
        #expect(restored["changed"] == 2 && restored["version"] == 6)
        #expect(try state(desk) == atThree)
        #expect(try desk.run("undo")["undid"] == 6)
        #expect(try state(desk) == before)
        #expect(desk.failure("snapshot restore 99")?.code == .notFound)
    }

    @Test("a restore that changes nothing makes no version")
    func noop() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("snapshot save base")
        let result = try desk.run("snapshot restore base")
        #expect(result["version"] == 3 && result["changed"] == 0 && result["added"] == 0 && result["removed"] == 0)
        #expect(try desk.run("info")["version"] == 3)
    }

    @Test("snapshots are owner-only files in the store's snapshots folder, listed with version and size")
    func filesAndList() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let first = try desk.run("snapshot save")
        let same = try desk.run("snapshot save")
        #expect(same["name"] == first["name"] && same["created"] == false, "the same version is not saved twice")
        try desk.run("note 1 x")
        try desk.run("snapshot save before-migration")
        let path = try #require(first["path"]?.stringValue)
        #expect(path == desk.location.snapshotsDirectory + "/v3.sqlite")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let list = try #require(try desk.run("snapshot list")["snapshots"]?.arrayValue)
        #expect(list.map { $0["name"] } == ["v3", "before-migration"])
        #expect(list.map { $0["version"] } == [3, 4] && list.allSatisfy { $0["reports"] == 3 && ($0["bytes"]?.intValue ?? 0) > 0 })
        let check = try BinaryRunner.sqlite(path, "PRAGMA integrity_check; SELECT count(*) FROM report;")
        #expect(check.lines == ["ok", "3"], "a snapshot is a self-contained SQLite database")
        #expect(desk.failure("snapshot save before-migration")?.code == .invalidParams, "names are not reused")
        for bad in ["../escape", "123", ".hidden", "a/b"] {
            #expect(desk.failure("snapshot save '\(bad)'")?.code == .invalidParams, "\(bad)")
        }
        #expect(desk.failure("snapshot restore nothing-here")?.code == .notFound)
    }

    @Test("a snapshot of another store is refused: keys only mean something within one store")
    func foreignSnapshot() throws {
        let mine = TestDesk(), other = TestDesk()
        try mine.submitOneOfEach()
        try other.run("submit --category payment --issue-type other --order-id X --reported-at 2026-11-01T00:00:00Z")
        let foreign = try #require(try other.run("snapshot save theirs")["path"]?.stringValue)
        try FileManager.default.createDirectory(atPath: mine.location.snapshotsDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: foreign, toPath: mine.location.snapshotsDirectory + "/theirs.sqlite")
        let error = try #require(mine.failure("snapshot restore theirs"))
        #expect(error.code == .ruleViolated && error.data?["rule"] == "R12")
        #expect(try mine.run("info")["version"] == 3)
    }

    @Test("restoring a snapshot saved before an erasure keeps the erased data erased")
    func erasureSurvivesRestore() throws {
        let desk = TestDesk()
        try desk.run("submit --category payment --issue-type refund_request --open-id ERASE-ME --order-id ORD-E --details 'private words' --reported-at 2026-11-01T00:00:00Z")
        try desk.run("submit --category payment --issue-type other --open-id KEEP --reported-at 2026-11-01T00:00:00Z")
        try desk.run("snapshot save before-erase")
        try desk.run("note 2 'changed after the snapshot'")
        try desk.run("erase ERASE-ME")
        let restored = try desk.run("snapshot restore before-erase")
        #expect(restored["changed"] == 1, "only the note comes back; the erased report stays as the erasure left it")
        let erased = try desk.run("show 1")
        #expect(erased["openId"] == "[erased]" && erased["details"] == "[erased]" && erased["orderId"] == "[erased]")
        #expect(try desk.run("show 2")["note"] == "")
        #expect(try desk.run("search 'private words'")["total"] == 0)
        #expect(try desk.run("verify")["ok"] == true)
    }
}
