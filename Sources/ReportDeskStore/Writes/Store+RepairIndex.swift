import Foundation
import GRDB
package import ReportDeskCore

extension Store {
    /// Rebuilds damaged indexes and the full-text search index from the reports themselves
    /// (`verify --repair-index`); returns what was damaged, or nil when nothing was.
    ///
    /// A damaged b-tree cannot be dropped or rebuilt in place: freeing its pages reads the damage.
    /// So the readable tables are copied into a new database beside the store, the indexes and the
    /// search index are built there, and SQLite's backup copies that over the store's database as
    /// one write, under the write lock, which every other connection sees as one change. No version
    /// is added: no report, setting or version changes. Damage to a table is refused, unchanged.
    package func repairIndexes() throws(DeskError) -> String? {
        let fresh = location.directory + "/.repairing-\(getpid()).sqlite"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(fresh + suffix) } }
        do {
            return try writeLock.withLock { () throws -> String? in
                try database.writeWithoutTransaction { db -> String? in
                    let survey = try DamageSurvey.take(db)
                    let searchIntact = Self.searchIndexIsIntact(db)
                    if survey.isClean && searchIntact { return nil }
                    guard survey.isClean || survey.isRebuildable else {
                        throw DeskError.storeUnavailable(
                            "verify --repair-index rebuilds indexes only, and a table is \(survey.description); nothing was changed")
                    }
                    let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                    var configuration = Configuration()
                    configuration.prepareDatabase { db in db.add(function: SearchIndex.indexFormFunction) }
                    let rebuilt = try DatabaseQueue(path: fresh, configuration: configuration)
                    try rebuilt.writeWithoutTransaction { target in
                        try Self.rebuild(into: target, from: location.databasePath, pageSize: pageSize)
                        try target.backup(to: db)
                    }
                    _ = try? db.checkpoint(.truncate)
                    return survey.isClean ? "damaged: the full-text search index" : survey.description
                }
            }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }

    /// FTS5's own check of its index against its text.
    static func searchIndexIsIntact(_ db: Database) -> Bool {
        (try? db.execute(sql: "INSERT INTO report_text(report_text, rank) VALUES ('integrity-check', 0)")) != nil
    }

    /// Copies the store's schema and the rows of its tables into `target`, then builds every index
    /// and the search index from those rows; checks the result before it is used.
    private static func rebuild(into target: Database, from path: String, pageSize: Int) throws {
        try target.execute(sql: "PRAGMA page_size = \(pageSize); PRAGMA journal_mode = WAL")
        try target.execute(sql: "ATTACH DATABASE ? AS damaged", arguments: [path])
        let objects = try Row.fetchAll(target, sql: """
            SELECT type, name, sql FROM damaged.sqlite_schema
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'report\\_text\\_%' ESCAPE '\\'
            ORDER BY rowid
            """)
        func statements(_ type: String, virtual: Bool = false) -> [(name: String, sql: String)] {
            objects.filter { $0[0] as String == type && ($0[2] as String).hasPrefix("CREATE VIRTUAL") == virtual }
                .map { ($0[1], $0[2]) }
        }
        try target.inTransaction {
            for table in statements("table") {
                try target.execute(sql: table.sql)
                // Generated columns (a report's due time) are computed again, not copied.
                let columns = try String.fetchAll(target, sql: "SELECT name FROM pragma_table_xinfo(?, 'damaged') WHERE hidden = 0",
                                                  arguments: [table.name]).map { "\"\($0)\"" }.joined(separator: ", ")
                try target.execute(sql: "INSERT INTO main.\(table.name) (\(columns)) SELECT \(columns) FROM damaged.\(table.name)")
            }
            if try Bool.fetchOne(target, sql: "SELECT count(*) > 0 FROM damaged.sqlite_schema WHERE name = 'sqlite_sequence'") == true {
                try target.execute(sql: "DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM damaged.sqlite_sequence")
            }
            // The search index reads the reports' text through a view, so the view comes first.
            for view in statements("view") { try target.execute(sql: view.sql) }
            for table in statements("table", virtual: true) { try target.execute(sql: table.sql) }
            try target.execute(sql: "INSERT INTO main.report_text(report_text) VALUES ('rebuild')")
            for index in statements("index") + statements("trigger") { try target.execute(sql: index.sql) }
            let stamp = try Int.fetchOne(target, sql: "PRAGMA damaged.user_version") ?? 0
            try target.execute(sql: "PRAGMA main.user_version = \(stamp)")
            return .commit
        }
        try target.execute(sql: "DETACH DATABASE damaged")
        let integrity = try String.fetchAll(target, sql: "PRAGMA integrity_check")
        guard integrity == ["ok"], searchIndexIsIntact(target) else {
            throw DeskError.storeUnavailable("the rebuilt indexes did not pass the integrity check (\(integrity.prefix(3).joined(separator: "; "))); nothing was changed")
        }
        _ = try target.checkpoint(.truncate)
    }
}
