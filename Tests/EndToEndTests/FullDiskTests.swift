import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// A store on a real, small tmpfs that fills up: every write fails with -32004 and the words "the
/// disk is full", leaves nothing behind, and works again once space is freed; reads go on, also in
/// an rpc server that was running when the disk filled. A read-only file system still serves reads.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    let files = TemporaryFolder()

    /// A store of 20 reports on a fresh 8 MiB disk, its WAL emptied after every write so the next
    /// write needs new space.
    private func seededDisk(_ test: String) throws -> (SmallDisk, BinaryRunner)? {
        guard let disk = SmallDisk.mount(kilobytes: 8192, for: test) else { return nil }
        let runner = BinaryRunner(store: disk.path + "/store", extra: ["REPORTDESK_CHECKPOINT_BYTES": "0"])
        let script = (1...20).map { "submit --category payment --issue-type refund_request --order-id ORD-\($0) --details 'charged twice \($0)'" }
        #expect(try runner.run(["--json"], input: script.joined(separator: "\n")).status == 0)
        #expect(try runner.run(["--json", "snapshot", "save", "first"]).status == 0)
        return (disk, runner)
    }

    /// Every file in the store folder, with its size (the -shm is SQLite's scratch memory).
    private func contents(_ runner: BinaryRunner) throws -> [String] {
        let store = runner.environment["REPORTDESK_STORE"]!
        return try FileManager.default.subpathsOfDirectory(atPath: store).sorted().filter { !$0.hasSuffix("-shm") }.map { path in
            let size = (try? FileManager.default.attributesOfItem(atPath: store + "/" + path)[.size] as? Int) ?? 0
            return "\(path) \(size)"
        }
    }

    private func expectDiskFull(_ outcome: BinaryRunner.Outcome, _ what: String) throws {
        #expect(outcome.status == 1, "\(what): \(outcome.standardOutput)")
        let error = try #require(try outcome.json().first?["error"], "\(what)")
        #expect(error["code"] == -32004, "\(what): \(error)")
        let message = error["message"]?.stringValue ?? ""
        #expect(message.contains("the disk is full") && message.contains("nothing was changed"), "\(what): \(message)")
    }

    private var screenshot: String {
        let path = files.file("shot.png")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(png))
        return path
    }

    private var importFile: String {
        let path = files.file("batch.jsonl")
        let rows = (1...30).map { #"{"category":"experience","issueType":"other","reportId":"FULL-\#($0)","details":"imported \#($0)","reportedAt":"2026-11-20T10:00:00Z"}"# }
        _ = FileManager.default.createFile(atPath: path, contents: Data(rows.joined(separator: "\n").utf8))
        return path
    }

    @Test("note, bulk resolve, import, a screenshot submit and snapshot save fail clearly on a full disk and work once space is freed")
    func writesOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("writesOnAFullDisk") else { return }
        let shot = screenshot, batch = importFile
        let writes: [(String, [String])] = [
            ("note", ["note", "1", "on a full disk"]),
            ("bulk resolve", ["resolve", "--ids", "2,3,4,5", "--note", "bulk"]),
            ("import", ["import", batch]),
            ("screenshot submit", ["submit", "--category", "community", "--issue-type", "harassment", "--screenshot", shot]),
            ("snapshot save", ["snapshot", "save", "second"]),
        ]
        let filler = disk.fill()
        let before = try contents(runner)
        for (what, arguments) in writes {
            try expectDiskFull(try runner.run(["--json"] + arguments), what)
            #expect(try contents(runner) == before, "\(what) left nothing behind")
        }
        // Reads go on.
        #expect(try runner.run(["--json", "list", "--limit", "5"]).json()[0]["total"] == 20)
        #expect(try runner.run(["--json", "search", "charged"]).status == 0)
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 20)
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)

        unlink(filler)
        for (what, arguments) in writes {
            let outcome = try runner.run(["--json"] + arguments)
            #expect(outcome.status == 0, "\(what) works once space is freed: \(outcome.standardOutput)")
        }
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 24)
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    /// The names in a folder, sorted (none when it does not exist).
    private func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("export --out on a full disk fails clearly and leaves no partial file, no screenshot copy, no folder; it works once space is freed")
    func exportOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("exportOnAFullDisk") else { return }
        #expect(try runner.run(["--json", "submit", "--category", "community", "--issue-type", "harassment", "--screenshot", screenshot]).status == 0)
        let folder = disk.path + "/exports"
        #expect(mkdir(folder, 0o700) == 0)
        let exports: [(String, [String])] = [
            ("export with a screenshot", ["export", "--out", folder + "/all.jsonl"]),
            ("export as CSV", ["export", "--category", "payment", "--format", "csv", "--out", folder + "/payment.csv"]),
        ]
        let filler = disk.fill()
        let before = try contents(runner)
        for (what, arguments) in exports {
            try expectDiskFull(try runner.run(["--json"] + arguments), what)
            #expect(names(in: folder).isEmpty, "\(what) left \(names(in: folder))")
            #expect(try contents(runner) == before, "\(what) changed nothing in the store")
        }
        unlink(filler)
        let all = try runner.run(["--json"] + exports[0].1)
        let exported = try all.json().first?["exported"]
        #expect(all.status == 0 && exported == 21, "\(all.standardOutput)\(all.standardError)")
        #expect(try runner.run(["--json"] + exports[1].1).json().first?["exported"] == 20)
        #expect(names(in: folder) == ["all.jsonl", "payment.csv", "screenshots"])
        #expect(names(in: folder + "/screenshots").count == 1)
    }

    @Test("an import with rejected rows on a full disk imports nothing and leaves no rejects file or folder, whichever write finds the disk full")
    func importRejectsOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("importRejectsOnAFullDisk") else { return }
        let path = files.file("with-rejects.jsonl")
        let rows = (1...10).map { #"{"category":"experience","issueType":"other","reportId":"REJ-\#($0)","details":"kept \#($0)","reportedAt":"2026-11-20T10:00:00Z"}"# }
            + (1...3).map { #"{"category":"no_such_category","issueType":"other","details":"rejected \#($0)","reportedAt":"2026-11-20T10:00:00Z"}"# }
        _ = FileManager.default.createFile(atPath: path, contents: Data(rows.joined(separator: "\n").utf8))
        let rejects = disk.path + "/store/rejects"
        let filler = disk.fill()
        let before = try contents(runner)
        try expectDiskFull(try runner.run(["--json", "import", path]), "the rejects file on a full disk")
        #expect(try contents(runner) == before && !FileManager.default.fileExists(atPath: rejects), "\(names(in: rejects))")
        // Room for the rejects file, not for the import's version: the commit is what fails.
        let size = (try FileManager.default.attributesOfItem(atPath: filler)[.size] as? Int) ?? 0
        #expect(truncate(filler, off_t(size - 8192)) == 0)
        try expectDiskFull(try runner.run(["--json", "import", path]), "the import's commit on a full disk")
        #expect(!FileManager.default.fileExists(atPath: rejects), "\(names(in: rejects))")
        #expect(try runner.run(["--json", "info"]).json()[0]["version"] == 20, "nothing was imported")

        unlink(filler)
        let imported = try #require(try runner.run(["--json", "import", path]).json().first)
        #expect(imported["imported"] == 10 && imported["rejectedCount"] == 3, "\(imported)")
        let file = try #require(imported["rejectsFile"]?.stringValue)
        #expect(names(in: rejects) == [(file as NSString).lastPathComponent])
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 3)
    }

    @Test("the REPL on a full disk keeps working and says once on standard error that its history cannot be saved; saving resumes with space")
    func historyOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("historyOnAFullDisk") else { return }
        let history = disk.path + "/store/history"
        let filler = disk.fill()
        guard let terminal = TerminalProcess.start(runner, errorsPath: files.file("errors.txt"), for: "historyOnAFullDisk") else { return }
        #expect(terminal.started(), "\(terminal.screen)")
        #expect(terminal.type("show 3").contains("charged twice 3"), "\(terminal.screen)")
        #expect(terminal.type("search charged").contains("charged twice"))
        #expect(terminal.type("show 4").contains("charged twice 4"))
        #expect(!FileManager.default.fileExists(atPath: history))
        unlink(filler)
        #expect(terminal.type("show 5").contains("charged twice 5"))
        let (status, errors) = terminal.quit()
        #expect(status == 0, "\(terminal.screen)")
        let told = errors.components(separatedBy: "could not be saved").count - 1
        #expect(told == 1 && errors.contains("the disk is full") && errors.contains(history), "told once: \(errors)")
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("show 5\n") && saved.contains("quit\n"), "\(saved)")
        #expect(names(in: disk.path + "/store").allSatisfy { !$0.hasSuffix(".tmp") }, "\(names(in: disk.path + "/store"))")
    }

    @Test("erase on a full disk fails with nothing changed, or names the file it could not rewrite; never a silent success")
    func eraseOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("eraseOnAFullDisk") else { return }
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--open-id", "OPEN-F-1", "--details", "to be forgotten"]).status == 0)
        let path = files.file("rejected.jsonl")
        _ = FileManager.default.createFile(atPath: path, contents: Data(#"{"category":"no_such_category","openId":"OPEN-F-1","reportedAt":"2026-11-20T10:00:00Z"}"#.utf8))
        let rejectsFile = try #require(try runner.run(["--json", "import", path]).json().first?["rejectsFile"]?.stringValue)
        let history = disk.path + "/store/history"
        // OPEN-H-2 is named only in the history.
        _ = FileManager.default.createFile(atPath: history, contents: Data("search OPEN-F-1\nlist --open-id OPEN-H-2\ninfo\n".utf8))
        let filler = disk.fill()
        let before = try contents(runner)
        try expectDiskFull(try runner.run(["--json", "erase", "OPEN-F-1"]), "erase of a user in the store")
        #expect(try contents(runner) == before)
        #expect(try String(contentsOfFile: history, encoding: .utf8).contains("OPEN-F-1"), "nothing was changed, the history neither")

        let listed = try #require(try runner.run(["--json", "erase", "OPEN-H-2"]).json().first)
        #expect(listed["reports"] == 0 && listed["version"] == 21, "\(listed)")
        #expect(listed["otherFilesHoldingData"] == ["history"], "the history it could not rewrite is named: \(listed)")
        let told = try runner.run(["erase", "OPEN-H-2"])
        #expect(told.status == 0 && told.standardOutput.contains("still hold the data: history"), "\(told.standardOutput)")
        #expect(try contents(runner) == before)

        unlink(filler)
        let erased = try #require(try runner.run(["--json", "erase", "OPEN-F-1"]).json().first)
        #expect(erased["reports"] == 1 && erased["version"] == 22, "\(erased)")
        #expect(erased["otherFilesHoldingData"] == [.string("rejects/" + (rejectsFile as NSString).lastPathComponent)], "\(erased)")
        #expect(try runner.run(["--json", "erase", "OPEN-H-2"]).json().first?["otherFilesHoldingData"] == [])
        #expect(try String(contentsOfFile: history, encoding: .utf8) == "info\n")
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("a checkpoint that finds the disk full loses nothing: the write stays acknowledged, a later one checkpoints")
    func checkpointOnAFullDisk() throws {
        guard let (disk, runner) = try seededDisk("checkpointOnAFullDisk") else { return }
        var growing = runner
        growing.environment["REPORTDESK_CHECKPOINT_BYTES"] = "1000000000"
        let rows = (1...1200).map { #"{"category":"experience","issueType":"other","reportId":"WAL-\#($0)","details":"kept in the WAL \#($0) \#(String(repeating: "w", count: 450))","reportedAt":"2026-11-20T10:00:00Z"}"# }
        let batch = files.file("wal.jsonl")
        _ = FileManager.default.createFile(atPath: batch, contents: Data(rows.joined(separator: "\n").utf8))
        #expect(try growing.run(["--json", "import", batch]).json()[0]["imported"] == 1200)
        let wal = disk.path + "/store/reports.sqlite-wal"
        func walBytes() -> Int { (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? -1 }
        let grown = walBytes()
        #expect(grown > 1_000_000, "the import's pages wait in the WAL: \(grown)")
        // Room for a note's few WAL frames, not for copying the import's pages into the database.
        let filler = disk.fill()
        #expect(truncate(filler, off_t(max(0, ((try? FileManager.default.attributesOfItem(atPath: filler)[.size] as? Int) ?? 0) - 256 * 1024))) == 0)
        let noted = try runner.run(["--json", "note", "1", "written while the checkpoint cannot run"])
        #expect(noted.status == 0, "the note is in the WAL, acknowledged: \(noted.standardOutput)")
        #expect(walBytes() >= grown, "the checkpoint could not copy the WAL back")
        #expect(try runner.run(["--json", "show", "1"]).json()[0]["note"] == "written while the checkpoint cannot run")
        #expect(try runner.run(["--json", "info"]).json()[0]["reports"] == 1220)
        unlink(filler)
        #expect(try runner.run(["--json", "note", "2", "space again"]).status == 0)
        #expect(walBytes() == 0, "the next write checkpointed and emptied the WAL")
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
        #expect(try runner.run(["--json", "show", "WAL-1200"]).json()[0]["details"]?.stringValue?.hasPrefix("kept in the WAL 1200") == true)
    }

    @Test("an rpc server running when the disk fills keeps serving reads and answers writes with -32004")
    func runningServer() throws {
        guard let (disk, runner) = try seededDisk("runningServer") else { return }
        let server = try LiveServer(runner)
        #expect(server.call(#""method":"info""#)["result"]?["version"] == 20)
        let filler = disk.fill()
        #expect(server.call(#""method":"list","params":{"limit":3}"#)["result"]?["total"] == 20)
        #expect(server.call(#""method":"show","params":{"id":7}"#)["result"]?["key"] == 7)
        let refused = server.call(#""method":"note","params":{"id":7,"text":"full"}"#)
        #expect(refused["error"]?["code"] == -32004, "\(refused)")
        #expect(refused["error"]?["message"]?.stringValue?.contains("the disk is full") == true, "\(refused)")
        #expect(server.call(#""method":"search","params":{"query":"charged"}"#)["result"] != nil)
        unlink(filler)
        #expect(server.call(#""method":"note","params":{"id":7,"text":"space again"}"#)["result"]?["version"] == 21)
        server.finish()
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("a read-only file system: reads work, a write fails clearly and nothing is written")
    func readOnlyFileSystem() throws {
        guard let (disk, runner) = try seededDisk("readOnlyFileSystem") else { return }
        let before = try contents(runner)
        guard disk.remount(readOnly: true) else {
            print("readOnlyFileSystem: skipped, the tmpfs cannot be made read-only here")
            return
        }
        defer { _ = disk.remount(readOnly: false) }
        for command in [["info"], ["list", "--limit", "3"], ["show", "4"], ["search", "charged"], ["history", "--limit", "2"], ["stats"]] {
            let outcome = try runner.run(["--json"] + command)
            #expect(outcome.status == 0, "\(command): \(outcome.standardOutput)\(outcome.standardError)")
        }
        let write = try runner.run(["--json", "note", "4", "read-only"])
        #expect(write.status == 1)
        let error = try #require(try write.json().first?["error"])
        #expect(error["code"] == -32004 && error["message"]?.stringValue?.contains("read-only") == true, "\(error)")
        _ = disk.remount(readOnly: false)
        #expect(try contents(runner) == before)
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }
}

/// A `reportdesk rpc` process kept running between requests.
private final class LiveServer {
    let process = Process()
    let input = Pipe(), output = Pipe()
    var buffer = Data()
    var next = 0

    init(_ runner: BinaryRunner) throws {
        process.executableURL = URL(fileURLWithPath: runner.path)
        process.arguments = ["rpc"]
        process.environment = runner.environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends `{"jsonrpc":"2.0","id":N,` + members + `}` and returns the reply with that id.
    func call(_ members: String) -> JSONValue {
        next += 1
        input.fileHandleForWriting.write(Data(#"{"jsonrpc":"2.0","id":\#(next),\#(members)}"#.utf8 + [0x0A]))
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                if let reply = try? JSONParser.parse(String(decoding: line, as: UTF8.self)), reply["id"] == .int(next) { return reply }
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return .null }
            buffer.append(chunk)
        }
    }

    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
