import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

@Suite("Store folder: privacy, concurrency, durability settings", .serialized)
struct StoreFilesTests {
    @Test("the store folder is 0700 and its files 0600 even with umask 000")
    func permissions() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("config set contactEmail dev@example.com")
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode(desk.location.directory) == 0o700)
        for file in ["reports.sqlite", "reports.sqlite-wal", "reports.sqlite-shm", "store.lock"] {
            #expect(try mode(desk.location.directory + "/" + file) == 0o600, "\(file)")
        }
    }

    @Test("the engine runs WAL with synchronous FULL, automatic checkpoints off, secure delete on")
    func engine() throws {
        let desk = TestDesk()
        let engine = try #require(try desk.run("info")["engine"])
        #expect(engine["journalMode"] == "wal")
        #expect(engine["synchronous"] == "full")
        #expect(engine["walAutocheckpoint"] == 0)
        #expect(engine["secureDelete"] == true)
        #expect(engine["sqliteVersion"]?.stringValue?.hasPrefix("3.") == true)
    }

    @Test("two store connections writing and checkpointing at once lose no update and share no version")
    func concurrentWriters() async throws {
        let folder = TemporaryFolder()
        let location = StoreLocation(directory: folder.path + "/store")
        let first = try Store.open(location, options: StoreOptions(checkpointBytes: 0))
        let second = try Store.open(location, options: StoreOptions(checkpointBytes: 0))
        let perWriter = 40
        await withTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for n in 0..<perWriter {
                        let submission = ReportSubmission(category: "payment", issueType: "other", details: "writer \(index) #\(n)",
                                                          orderId: "O-\(index)-\(n)", reportedAt: Instant(milliseconds: 1_700_000_000_000 + Int64(n)))
                        _ = try? store.write(command: "submit", actor: "w\(index)", at: Instant(milliseconds: 1)) { transaction in
                            try transaction.insert(submission, screenshot: nil, deterministicReportID: false)
                        }
                    }
                }
            }
        }
        let overview = try first.overview(now: Instant(milliseconds: 0))
        #expect(overview.reports == 2 * perWriter)
        #expect(overview.version == 2 * perWriter)
        let (entries, _) = try first.history(of: nil, limit: 1000, before: nil)
        #expect(entries.map(\.number) == Array((1...(2 * perWriter)).reversed()))
    }

    @Test("a store written by a newer schema is refused, not damaged")
    func newerSchema() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let database = desk.location.databasePath
        _ = try BinaryRunner.sqlite(database, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future'); PRAGMA user_version = 99;")
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(throws: DeskError.self) { try Store.open(desk.location) }
        do { _ = try Store.open(desk.location) } catch {
            #expect(error.code == .storeUnavailable && error.message.contains("newer version"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test("a path that is a file, or a folder that cannot be created, gives a clear -32004")
    func unusableFolder() throws {
        let folder = TemporaryFolder()
        _ = FileManager.default.createFile(atPath: folder.file("plain"), contents: Data("x".utf8))
        #expect(throws: DeskError.self) { try Store.open(StoreLocation(directory: folder.file("plain"))) }
        do { _ = try Store.open(StoreLocation(directory: folder.file("plain"))) } catch {
            #expect(error.code == .storeUnavailable && error.message.contains("is a file"))
        }
        do { _ = try Store.open(StoreLocation(directory: "/proc/no/such/store")) } catch {
            #expect(error.code == .storeUnavailable)
        }
    }
}
