import Foundation
import GRDB
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// Big imports and their undo set the secondary indexes aside and build them (and the search
/// index) again at the end; the search index reads the reports' text instead of keeping a copy.
/// Whichever way a write goes, the store must end up the same.
@Suite("Bulk imports and undo: indexes rebuilt, search index read from the reports, migration v8")
struct BulkWriteTests {
    /// `count` reports of every text shape: ASCII details, unspaced script, a note, an appeal.
    private func writeReports(_ desk: TestDesk, count: Int, tag: String) throws -> String {
        let path = desk.folder.file("reports-\(tag).jsonl")
        var lines = ""
        for index in 0..<count {
            let details: String
            switch index % 4 {
            case 0: details = #""details":"charged twice \#(tag) \#(index)","#
            case 1: details = #""details":"画面が真っ白になる \#(index)","#
            case 2: details = #""details":null,"#
            default: details = #""details":"refund please","status":"resolved","processedAt":"2026-11-21T10:00:00Z","note":"refunded \#(tag)","appeal":{"status":"open","message":"still waiting \#(index)","openedAt":"2026-11-22T10:00:00Z"},"#
            }
            lines += #"{"category":"payment","issueType":"other","openId":"user-\#(tag)-\#(index)","orderId":"O-\#(tag)-\#(index)",\#(details)"reportedAt":"2026-11-\#(10 + index % 10)T10:00:00Z"}"# + "\n"
        }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(lines.utf8)))
        return path
    }

    private func sqlite(_ desk: TestDesk, _ sql: String) throws -> String {
        try BinaryRunner.sqlite(desk.location.databasePath, sql).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// FTS5's check of its index against the text the view gives for every report (`rank = 1`),
    /// with the view's function as the store registers it.
    private func searchIndexMatchesText(_ desk: TestDesk) -> Bool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.add(function: DatabaseFunction("reportdesk_index_form", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map(SearchText.indexForm) ?? ""
            })
        }
        return (try? DatabaseQueue(path: desk.location.databasePath, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO report_text(report_text, rank) VALUES ('integrity-check', 1)")
        }) != nil
    }

    private func indexes(_ desk: TestDesk) throws -> String {
        try sqlite(desk, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name;")
    }

    private func keys(_ page: JSONValue) -> [Int] {
        (page["reports"]?.arrayValue ?? []).compactMap { $0["key"]?.intValue }.sorted()
    }

    /// What the searches, lists and counts of a store give, to compare two stores by.
    private func readings(_ desk: TestDesk) throws -> [String] {
        var readings: [String] = []
        for line in ["search charged --limit 1000", "search 真っ白 --limit 1000", "search refunded --limit 1000", "search waiting --limit 1000",
                     "list --category payment --limit 1000",
                     "list --status resolved --limit 1000", "list --appeal open --limit 1000", "info"] {
            var result = try desk.run(line)
            if case .object(var object) = result {
                object["took"] = nil
                result = .object(object)
            }
            readings.append(line + ": " + (line.hasPrefix("info") ? JSONWriter.string(result["reports"] ?? .null) : "\(keys(result))"))
        }
        return readings
    }

    @Test("an import and an undo past the bulk size leave the same indexes, search and log as row by row")
    func bulkAgreesWithRowByRow() throws {
        let bulk = TestDesk(storeOptions: StoreOptions(lockTimeout: 5, bulkRows: 40))
        let rowByRow = TestDesk()
        for desk in [bulk, rowByRow] {
            try desk.run("submit --category payment --issue-type other --details 'charged before the import'")
            let first = try desk.run("import \(try writeReports(desk, count: 300, tag: "a"))")
            #expect(first["imported"] == 300)
            let again = try desk.run("import \(try writeReports(desk, count: 310, tag: "a"))")
            #expect(again["imported"] == 10 && again["duplicates"] == 300, "duplicates across imports (R13)")
        }
        #expect(try indexes(bulk) == indexes(rowByRow), "every index is back, as declared")
        #expect(try readings(bulk) == readings(rowByRow))
        let charged = try bulk.run("search charged --limit 1000")
        // The second import's duplicates used up keys 302…601 in its statement; keys are never reused (R4).
        #expect(keys(charged) == [1] + Array(stride(from: 2, through: 298, by: 4)) + [602, 606, 610])
        for desk in [bulk, rowByRow] {
            #expect(try sqlite(desk, "PRAGMA integrity_check;") == "ok")
            #expect(searchIndexMatchesText(desk))
            #expect(try desk.run("verify")["ok"] == true)
        }

        for desk in [bulk, rowByRow] {
            let undone = try desk.run("undo 2")
            #expect(undone["removedCount"] == 300)
            #expect(try desk.run("info")["reports"] == 11)
        }
        #expect(try indexes(bulk) == indexes(rowByRow))
        #expect(try readings(bulk) == readings(rowByRow))
        #expect(keys(try bulk.run("search charged")) == [1, 602, 606, 610])
        for desk in [bulk, rowByRow] {
            #expect(searchIndexMatchesText(desk))
            #expect(try desk.run("verify")["ok"] == true)
            try desk.run("undo")
            #expect(try desk.run("info")["reports"] == 311, "the undo undone brings every report back under its key")
            #expect(keys(try desk.run("search 真っ白 --limit 1000")) == Array(stride(from: 3, through: 299, by: 4)) + [603, 607, 611])
            #expect(searchIndexMatchesText(desk))
            #expect(try desk.run("verify")["ok"] == true)
        }
        #expect(try readings(bulk) == readings(rowByRow))
    }

    @Test("the search index keeps no copy of the text and follows every change to it")
    func searchIndexReadsTheReports() throws {
        let desk = TestDesk(storeOptions: StoreOptions(lockTimeout: 5, bulkRows: 40))
        try desk.run("import \(try writeReports(desk, count: 100, tag: "b"))")
        #expect(try sqlite(desk, "SELECT count(*) FROM sqlite_schema WHERE name = 'report_text_content';") == "0")
        try desk.run("note 1 'escalated to billing'")
        try desk.run("resolve 3")
        try desk.run("appeal open 3 'nothing happened since'")
        #expect(keys(try desk.run("search happened")) == [3])
        try desk.run("undo")
        #expect(keys(try desk.run("search happened")).isEmpty, "the undone appeal's words leave the index")
        try desk.run("appeal open 3 'nothing happened since'")
        try desk.run("erase user-b-0")
        #expect(keys(try desk.run("search escalated")) == [1])
        #expect(keys(try desk.run("search charged --limit 100")) == Array(stride(from: 5, through: 97, by: 4)), "erased details leave the index")
        #expect(keys(try desk.run("search happened")) == [3])
        #expect(searchIndexMatchesText(desk))
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("migration v8 turns a store whose search index kept its own text into one that reads the reports; every report and version stays")
    func migratesSearchIndex() throws {
        let desk = TestDesk()
        try desk.run("import \(try writeReports(desk, count: 40, tag: "c"))")
        try desk.run("note 3 'called back'")
        try desk.run("resolve 5")
        let tables = "SELECT * FROM report ORDER BY key; SELECT * FROM report_change ORDER BY key, version; SELECT * FROM version ORDER BY number;"
        let before = try sqlite(desk, tables)
        let readingsBefore = try readings(desk)
        // The index as schema v7 had it: its own copy of the text, index form included.
        _ = try BinaryRunner.sqlite(desk.location.databasePath, """
            DROP TABLE report_text; DROP VIEW report_search_text;
            CREATE VIRTUAL TABLE report_text USING fts5(details, note, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO report_text(rowid, details, note)
                SELECT key, replace(coalesce(details, ''), '画面が真っ白になる', ' 画面 面が が真 真っ っ白 白に にな なる '), note FROM report
                WHERE coalesce(details, '') <> '' OR note <> '';
            DELETE FROM grdb_migrations WHERE identifier = 'v8-search-index-reads-the-reports';
            PRAGMA user_version = 7;
            """)
        #expect(try sqlite(desk, "SELECT count(*) FROM report_text_content;") == "31")
        let reopened = TestDesk(storeOptions: StoreOptions(lockTimeout: 5))
        try? FileManager.default.removeItem(atPath: reopened.location.directory)
        try FileManager.default.copyItem(atPath: desk.location.directory, toPath: reopened.location.directory)
        #expect(try reopened.run("info")["reports"] == 40)
        #expect(try sqlite(reopened, "PRAGMA user_version;") == "8")
        #expect(try sqlite(reopened, "SELECT count(*) FROM sqlite_schema WHERE name = 'report_text_content';") == "0")
        #expect(try sqlite(reopened, tables) == before, "every report and version as it was")
        #expect(try readings(reopened) == readingsBefore)
        #expect(searchIndexMatchesText(reopened))
        #expect(try reopened.run("verify")["ok"] == true)
    }
}
