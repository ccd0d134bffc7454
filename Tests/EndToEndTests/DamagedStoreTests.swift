import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// A store damaged from outside (a flipped page, a cut WAL, a lost -shm, a lost screenshot file, a
/// read-only folder): `verify` names what is damaged and what to do, every failure is a clear
/// error, nothing crashes, and the store is no worse afterwards.
@Suite("Damaged store", .serialized)
struct DamagedStoreTests {
    let folder = TemporaryFolder()
    var store: String { folder.path + "/store" }
    var database: String { store + "/reports.sqlite" }
    var runner: BinaryRunner { BinaryRunner(store: store) }

    /// 300 reports, a snapshot, then everything copied back into the database file so a flipped
    /// page is not shadowed by a newer copy in the WAL.
    @discardableResult
    private func seeded() throws -> JSONValue {
        var lines: [String] = []
        for n in 1...300 {
            lines.append("submit --category payment --issue-type refund_request --order-id ORD-\(n) --details 'charged twice for gems \(n) \(String(repeating: "x", count: 200))'")
        }
        #expect(try runner.run(["--json"], input: lines.joined(separator: "\n")).status == 0)
        #expect(try runner.run(["--json", "snapshot", "save", "before"]).status == 0)
        #expect(try BinaryRunner.sqlite(database, "PRAGMA wal_checkpoint(TRUNCATE);").status == 0)
        return try runner.run(["--json", "list", "--limit", "1000"]).json()[0]
    }

    /// A page of the table or index `name` other than its root (the sqlite3 shell's dbstat).
    private func page(of name: String) throws -> Int {
        let pages = try BinaryRunner.sqlite(database, "SELECT pageno FROM dbstat WHERE name = '\(name)' AND pagetype = 'leaf' ORDER BY pageno;")
            .lines.compactMap { Int($0) }
        return try #require(pages.dropFirst(pages.count / 2).first, "\(name) has leaf pages")
    }

    private func flip(page: Int) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: database))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        var bytes = [UInt8](try handle.read(upToCount: 4096) ?? Data())
        for offset in stride(from: 0, to: bytes.count, by: 7) { bytes[offset] ^= 0x5A }
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data(bytes))
    }

    private func digest(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    private func failedVerify() throws -> (message: String, checks: [String: String]) {
        let outcome = try runner.run(["--json", "verify"])
        #expect(outcome.status == 1)
        let error = try #require(try outcome.json().first?["error"])
        #expect(error["code"] == -32003 && error["data"]?["rule"] == "verify", "\(error)")
        var failed: [String: String] = [:]
        for check in error["data"]?["checks"]?.arrayValue ?? [] where check["ok"] == false {
            failed[check["name"]?.stringValue ?? ""] = check["detail"]?.stringValue
        }
        return (error["message"]?.stringValue ?? "", failed)
    }

    @Test("a flipped page of the reports table: verify names the table, the page and the reports, and how to restore")
    func flippedReportPage() throws {
        try seeded()
        let damaged = try page(of: "report")
        try flip(page: damaged)
        let before = digest(database)
        let (_, checks) = try failedVerify()
        let integrity = try #require(checks["integrity"])
        #expect(integrity.hasPrefix("damaged: table report (page \(damaged)); reports that cannot be read: #"), "\(integrity)")
        #expect(integrity.hasSuffix("to repair, restore the newest snapshot, before (version 300): with no reportdesk running, move reports.sqlite, "
                                    + "reports.sqlite-wal and reports.sqlite-shm out of the store folder and copy snapshots/before.sqlite to reports.sqlite "
                                    + "(later versions are lost)"), "\(integrity)")
        // A named report cannot be shown, with a clear message; one not named still can.
        let named = try #require(integrity.split(separator: "#").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        let unreadable = try runner.run(["--json", "show", String(named)])
        #expect(unreadable.status == 1)
        #expect(try unreadable.json().first?["error"]?["message"]
                == "the store's database is damaged; nothing was changed (verify names what is damaged and what to do)")
        #expect(try runner.run(["--json", "show", named == 1 ? "300" : "1"]).status == 0)
        // A write that needs the damaged page fails and changes nothing.
        let write = try runner.run(["--json", "note", String(named), "over the damage"])
        #expect(try write.json().first?["error"]?["code"] == -32004)
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 300)
        #expect(digest(database) == before, "verify and the failed write left the database file as it was")
        try restoresFromSnapshot()
    }

    /// The advice verify gives works: the snapshot copied in place is a clean store at its version.
    private func restoresFromSnapshot() throws {
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        try FileManager.default.copyItem(atPath: store + "/snapshots/before.sqlite", toPath: database)
        let verified = try runner.run(["--json", "verify"])
        #expect(try verified.json().first?["ok"] == true, "\(verified.standardOutput)")
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 300)
    }

    /// `verify --repair-index` rebuilds in place: the same versions and reports, every check passes.
    private func repairsInPlace(was damage: String, listing before: JSONValue) throws {
        let repaired = try runner.run(["--json", "verify", "--repair-index"])
        #expect(repaired.status == 0, "\(repaired.standardOutput)")
        #expect(try repaired.json().first?["repaired"] == .string("rebuilt from the reports; was " + damage))
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 300, "no version added")
        #expect(try runner.run(["--json", "list", "--limit", "1000"]).json()[0] == before)
        #expect(try runner.run(["--json", "verify", "--repair-index"]).json()[0]["repaired"] == nil, "nothing left to repair")
        #expect(try runner.run(["--json", "note", "7", "after the repair"]).json()[0]["version"] == 301)
    }

    @Test("verify --repair-index refuses damage to a table and changes nothing")
    func repairRefusesTableDamage() throws {
        try seeded()
        try flip(page: try page(of: "report"))
        let before = digest(database)
        let refused = try runner.run(["--json", "verify", "--repair-index"])
        let error = try #require(try refused.json().first?["error"])
        #expect(error["code"] == -32004)
        #expect(error["message"]?.stringValue?.hasPrefix("verify --repair-index rebuilds indexes only, and a table is damaged: table report (page ") == true, "\(error)")
        #expect(error["message"]?.stringValue?.hasSuffix("; nothing was changed") == true)
        #expect(digest(database) == before)
    }

    @Test("a flipped page of an index: verify names the index and says the reports are readable")
    func flippedIndexPage() throws {
        let listing = try seeded()
        let damaged = try page(of: "report_by_time")
        try flip(page: damaged)
        let before = digest(database)
        let (_, checks) = try failedVerify()
        let integrity = try #require(checks["integrity"])
        #expect(integrity == "damaged: index report_by_time (page \(damaged)); the reports themselves are readable: verify --repair-index "
                + "rebuilds the damaged index from them in place; or restore the newest snapshot, before (version 300): with no reportdesk running, "
                + "move reports.sqlite, reports.sqlite-wal and reports.sqlite-shm out of the store folder and copy snapshots/before.sqlite "
                + "to reports.sqlite (later versions are lost)", "\(integrity)")
        #expect(checks["replay"] == nil, "every report was read and matches the log: \(checks)")
        #expect(try runner.run(["--json", "show", "7"]).json()[0]["key"] == 7)
        #expect(digest(database) == before)
        try repairsInPlace(was: "damaged: index report_by_time (page \(damaged))", listing: listing)
    }

    @Test("a flipped page of the search index: verify names the full-text search index, --repair-index rebuilds it")
    func flippedSearchIndexPage() throws {
        let listing = try seeded()
        let damaged = try page(of: "report_text_data")
        try flip(page: damaged)
        let before = digest(database)
        let (_, checks) = try failedVerify()
        #expect(checks["integrity"]?.hasPrefix("damaged: the full-text search index (page \(damaged)); the reports themselves are readable: verify --repair-index") == true,
                "\(checks)")
        #expect(checks["searchIndex"] == "FTS5 integrity-check: the full-text search index is damaged or does not match the text; "
                + "verify --repair-index rebuilds it from the reports in place", "\(checks)")
        #expect(try runner.run(["--json", "show", "7"]).json()[0]["key"] == 7)
        #expect(digest(database) == before)
        try repairsInPlace(was: "damaged: the full-text search index (page \(damaged))", listing: listing)
        #expect(try runner.run(["--json", "search", "gems"]).json()[0]["total"] == 300)
    }

    @Test("a WAL cut in the middle of a frame: the commits before the cut are there and verify passes")
    func truncatedWAL() throws {
        try seeded()
        for n in 1...5 { #expect(try runner.run(["--json", "note", String(n), "after the checkpoint \(n)"]).status == 0) }
        let wal = database + "-wal"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int)
        #expect(truncate(wal, off_t(size - 1000)) == 0)
        let info = try runner.run(["--json", "info"]).json()[0]
        let version = try #require(info["version"]?.intValue)
        #expect((300..<305).contains(version), "the last, cut frame's commit is gone, the earlier ones are not: \(version)")
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
        #expect(try runner.run(["--json", "note", "1", "after the cut"]).json()[0]["version"] == .int(version + 1))
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("a deleted -shm file is rebuilt: every version is there and verify passes")
    func deletedSharedMemory() throws {
        try seeded()
        for n in 1...3 { #expect(try runner.run(["--json", "note", String(n), "kept in the WAL \(n)"]).status == 0) }
        #expect(unlink(database + "-shm") == 0)
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 303)
        #expect(try runner.run(["--json", "show", "3"]).json()[0]["note"] == "kept in the WAL 3")
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("a removed screenshot file: verify names the report, the report still shows")
    func removedBlob() throws {
        let image = folder.file("shot.png")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x11, count: 64)
        _ = FileManager.default.createFile(atPath: image, contents: Data(png))
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other"]).status == 0)
        let shot = try runner.run(["--json", "submit", "--category", "community", "--issue-type", "harassment", "--screenshot", image])
        #expect(shot.status == 0, "\(shot.standardOutput)\(shot.standardError)")
        let blobs = store + "/blobs"
        let files = try FileManager.default.subpathsOfDirectory(atPath: blobs).filter { !$0.hasSuffix("/") && $0.contains(".") }
        let blob = try #require(files.first)
        #expect(unlink(blobs + "/" + blob) == 0)
        let (_, checks) = try failedVerify()
        let detail = try #require(checks["screenshots"])
        #expect(detail.hasPrefix("the screenshot of #2 is missing (blobs/"), "\(detail)")
        #expect(detail.hasSuffix("…); the reports keep every other field, and a snapshot does not hold screenshots"), "\(detail)")
        #expect(try runner.run(["--json", "show", "2"]).json()[0]["category"] == "community")
    }
}
