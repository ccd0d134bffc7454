import Foundation
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskREPL
import ReportDeskTesting

@Suite("REPL history: per store, private, de-duplicated, bounded")
struct CommandHistoryTests {
    @Test("a repeated command moves to the end instead of appearing twice")
    func deduplicated() {
        let folder = TemporaryFolder()
        var history = CommandHistory(path: folder.file("history"))
        for line in ["list", "show 3", "list", "info", "show 3"] { history.add(line) }
        #expect(history.entries == ["list", "info", "show 3"])
    }

    @Test("forgetting a text removes every entry that mentions it, even when that empties the file")
    func forget() {
        let folder = TemporaryFolder()
        let path = folder.file("history")
        var session = CommandHistory(path: path)
        for line in ["show 1", "search user-9", "erase user-9"] { session.add(line) }
        #expect(CommandHistory.forget("user-9", in: path) == 2)
        #expect(CommandHistory(path: path).entries == ["show 1"])
        #expect(CommandHistory.forget("show 1", in: path) == 1)
        session.add("info")
        #expect(CommandHistory(path: path).entries == ["info"], "the session's old copy does not come back")
        #expect(CommandHistory.forget("anything", in: folder.file("missing")) == 0)
    }

    @Test("only the newest entries are kept")
    func bounded() {
        let folder = TemporaryFolder()
        var history = CommandHistory(path: folder.file("history"), limit: 3)
        for number in 1...7 { history.add("show \(number)") }
        #expect(history.entries == ["show 5", "show 6", "show 7"])
        #expect(CommandHistory(path: folder.file("history"), limit: 3).entries == ["show 5", "show 6", "show 7"])
        #expect(CommandHistory(path: folder.file("history"), limit: 2).entries == ["show 6", "show 7"])
    }

    @Test("blank lines and lines typed with a leading space are not kept; trailing spaces are dropped")
    func notKept() {
        let folder = TemporaryFolder()
        var history = CommandHistory(path: folder.file("history"))
        let kept = ["", "   ", " note 3 private words", "info  "].map { history.add($0) }
        #expect(kept == [false, false, false, true])
        #expect(history.entries == ["info"])
    }

    @Test("the next session reads what this one kept, in a file only the owner can read")
    func persisted() throws {
        let folder = TemporaryFolder()
        let path = folder.file("history")
        var first = CommandHistory(path: path)
        first.add("search 画面")
        first.add(#"note 3 "a \"quoted\" \\ backslash""#)
        first.add("multi\nline\rtext")
        let second = CommandHistory(path: path)
        #expect(second.entries == first.entries)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3, "one entry per line")
    }

    @Test("two sessions on one store merge their entries instead of overwriting each other")
    func merged() {
        let folder = TemporaryFolder()
        var first = CommandHistory(path: folder.file("history"))
        var second = CommandHistory(path: folder.file("history"))
        first.add("list")
        second.add("info")
        first.add("stats")
        second.add("list")
        #expect(CommandHistory(path: folder.file("history")).entries == ["info", "stats", "list"])
    }

    @Test("erase removes the history lines that name the user, and keeps the others")
    func erased() throws {
        let desk = TestDesk(personalData: [CommandHistory.personalDataFile])
        try desk.run("submit --category payment --issue-type other --open-id OPEN-X-77 --details 'quixotically overcharged'")
        let path = CommandHistory.path(inStore: desk.desk.directory)
        var history = CommandHistory(path: path)
        for line in ["show 1", "search OPEN-X-77", "list --open-id OPEN-X-77 --status pending", "info", "erase OPEN-X-77"] {
            history.add(line)
        }
        let result = try desk.run("erase OPEN-X-77")
        #expect(result["reports"] == 1)
        #expect(result["otherFilesHoldingData"] == [])
        #expect(CommandHistory(path: path).entries == ["show 1", "info"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("OPEN-X-77"))
        // The session that typed the erase keeps adding to what is on file, not to its old copy.
        history.add("list")
        #expect(CommandHistory(path: path).entries == ["show 1", "info", "list"])
    }

    @Test("the history is one of the files erase walks in every mode, and the REPL registers it itself")
    func registered() throws {
        let desk = TestDesk()
        try desk.run("submit --category payment --issue-type other --open-id OPEN-X-77")
        let path = CommandHistory.path(inStore: desk.desk.directory)
        var history = CommandHistory(path: path)
        history.add("search OPEN-X-77")
        let unregistered = try desk.run("erase OPEN-X-77")
        #expect(unregistered["reports"] == 1)
        #expect(CommandHistory(path: path).entries == ["search OPEN-X-77"], "only a registered history is walked")

        let reader = ScriptedReader([.line("erase OPEN-X-77"), .endOfInput])
        let console = RecordingConsole()
        #expect(REPL(settings: desk.settings, registry: AllCommands.registry, json: true, environment: ["TERM": "dumb"],
                     reader: reader, console: console.console).run() == 0)
        #expect(console.output.contains(#""otherFilesHoldingData":[]"#), "\(console.output)")
        #expect(CommandHistory(path: path).entries.isEmpty)
    }

    @Test("a folder it cannot write to keeps the history in memory")
    func unwritable() {
        var history = CommandHistory(path: "/nonexistent-folder/history")
        history.add("info")
        history.add("list")
        #expect(history.entries == ["info", "list"])
    }

    @Test("a history that cannot be saved says so once, and again only after a save worked in between")
    func failureToldOnce() {
        let folder = TemporaryFolder()
        let directory = folder.file("store"), path = folder.file("store/history")
        var history = CommandHistory(path: path)
        history.add("info")
        let notice = history.takeSaveNotice()
        #expect(notice?.contains(path) == true && notice?.contains(String(cString: strerror(ENOENT))) == true, "\(notice ?? "nothing told")")
        #expect(history.takeSaveNotice() == nil, "taken once")
        history.add("list")
        #expect(history.takeSaveNotice() == nil, "told once, not on every line")
        #expect(mkdir(directory, 0o700) == 0)
        history.add("stats")
        #expect(history.takeSaveNotice() == nil)
        #expect(CommandHistory(path: path).entries == ["info", "list", "stats"])
        #expect(unlink(path) == 0 && rmdir(directory) == 0)
        history.add("show 1")
        #expect(history.takeSaveNotice() != nil, "a new failure is told again")
        #expect(history.entries == ["info", "list", "stats", "show 1"])
    }
}
