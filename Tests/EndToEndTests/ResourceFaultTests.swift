import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// A full disk, a store that cannot be opened, another process
/// holding the store: a clear -32004 and nothing changed.
@Suite("Resource faults")
struct ResourceFaultTests {
    let folder = TemporaryFolder()
    var store: String { folder.path + "/store" }
    var runner: BinaryRunner { BinaryRunner(store: store) }

    @Test("a file size limit during a write fails it with -32004 and leaves the store as it was")
    func fileSizeLimit() throws {
        let seed = try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--details", "seed"])
        #expect(seed.status == 0)
        let wal = try FileManager.default.attributesOfItem(atPath: store + "/reports.sqlite-wal")[.size] as? Int ?? 0
        let limitKB = wal / 1024 + 4
        let details = String(repeating: "overflowing details ", count: 900)
        var limited = runner
        limited.path = "/bin/bash"
        let outcome = try limited.run(["-c", "ulimit -f \(limitKB); exec \"$0\" \"$@\"", runner.path, "--json",
                                       "submit", "--category", "payment", "--issue-type", "other", "--details", details])
        #expect(outcome.status == 1)
        let error = try #require(try outcome.json().first?["error"])
        #expect(error["code"] == -32004, "\(error)")
        #expect(error["message"]?.stringValue?.contains("nothing was changed") == true)
        let info = try runner.run(["--json", "info"]).json()[0]
        #expect(info["version"] == 1 && info["reports"] == 1)
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--details", details]).status == 0,
                "without the limit the same write succeeds")
    }

    @Test("a store folder that cannot exist, or a file where the folder should be, gives a clear message")
    func unusableFolder() throws {
        let plain = folder.file("plain")
        _ = FileManager.default.createFile(atPath: plain, contents: Data("x".utf8))
        for (path, message) in [(plain, "is a file, not a folder"), ("/proc/self/no-such/store", "cannot create the store folder")] {
            let outcome = try BinaryRunner(store: path).run(["info"])
            #expect(outcome.status == 1)
            #expect(outcome.standardError.hasPrefix("error: ") && outcome.standardError.contains(message), "\(outcome.standardError)")
        }
    }

    @Test("a read-only store folder gives a clear message", .enabled(if: geteuid() != 0, "root ignores file permissions"))
    func readOnlyFolder() throws {
        #expect(try runner.run(["info"]).status == 0)
        chmod(store, 0o500)
        defer { chmod(store, 0o700) }
        let outcome = try runner.run(["submit", "--category", "payment", "--issue-type", "other"])
        #expect(outcome.status == 1 && outcome.standardError.contains("store"))
    }

    @Test("a write waits for another process's lock, then fails with -32004 and changes nothing")
    func lockTimeout() throws {
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other"]).status == 0)
        let lock = open(store + "/store.lock", O_RDWR)
        #expect(lock >= 0)
        #expect(flock(lock, LOCK_EX) == 0)
        var waiting = runner
        waiting.environment["REPORTDESK_LOCK_TIMEOUT"] = "1"
        let started = Date()
        let outcome = try waiting.run(["--json", "note", "1", "blocked"])
        let waited = Date().timeIntervalSince(started)
        flock(lock, LOCK_UN)
        close(lock)
        let error = try #require(try outcome.json().first?["error"])
        #expect(error["code"] == -32004 && error["message"]?.stringValue?.contains("locked by another process") == true)
        #expect(waited >= 1, "it waited for the lock before giving up")
        #expect(try runner.run(["--json", "show", "1"]).json()[0]["note"] == "")
        #expect(try waiting.run(["--json", "note", "1", "free"]).json()[0]["note"] == "free")
    }
}

extension ResourceFaultTests {
    @Test("reading does not wait for another process's write: list works while the write lock is held")
    func readersDoNotWait() throws {
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other"]).status == 0)
        let lock = open(store + "/store.lock", O_RDWR)
        #expect(flock(lock, LOCK_EX) == 0)
        defer { flock(lock, LOCK_UN); close(lock) }
        var impatient = runner
        impatient.environment["REPORTDESK_LOCK_TIMEOUT"] = "0"
        for command in [["list"], ["show", "1"], ["info"], ["search", "x"], ["history"], ["stats"]] {
            let outcome = try impatient.run(["--json"] + command)
            #expect(outcome.status == 0, "\(command): \(outcome.standardOutput)")
        }
        let write = try impatient.run(["--json", "note", "1", "blocked"])
        #expect(try write.json().first?["error"]?["code"] == -32004, "writes still wait for the lock")
    }
}
