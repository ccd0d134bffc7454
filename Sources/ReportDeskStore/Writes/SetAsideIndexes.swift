import GRDB

/// The report table's secondary indexes, dropped for the rest of one big write and built again
/// before it commits. Adding or removing more rows than the store holds costs less as one sorted
/// build per index than as a b-tree insert or delete per row and index once the indexes outgrow
/// the page cache. The UNIQUE indexes that find duplicates (R13) stay. All of it happens inside
/// the write's one transaction: no other connection ever sees the store without its indexes,
/// and a rollback brings them back.
final class SetAsideIndexes {
    private let db: Database
    /// Name and `CREATE INDEX` statement of each index dropped, as the schema holds them.
    private let indexes: [(name: String, sql: String)]

    init(_ db: Database) throws {
        self.db = db
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'report' AND sql IS NOT NULL ORDER BY rootpage
            """)
        indexes = rows.compactMap { row in
            let name: String = row[0], sql: String = row[1]
            return sql.uppercased().hasPrefix("CREATE UNIQUE") ? nil : (name, sql)
        }
        for index in indexes { try db.execute(sql: "DROP INDEX \"\(index.name)\"") }
    }

    /// How many indexes `restore` builds.
    var count: Int { indexes.count }

    /// Builds every dropped index again from the rows, one statement each; `progress` hears the
    /// indexes built so far.
    func restore(progress: (_ built: Int) throws -> Void) throws {
        // A build sorts the index's keys. With temporary storage in memory (an import asks for it,
        // for its statement journals) SQLite's sorter keeps every key in memory; spilling sorted
        // runs to temporary files keeps memory flat whatever the store's size. The sorter's runs
        // are as large as the page cache, and a build reads the table in order, so a small cache
        // serves it as well. Should SQLite refuse a switch, the build still works, with more memory.
        let storage = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        if storage == 2 { try? db.execute(sql: "PRAGMA temp_store = FILE") }
        try db.execute(sql: "PRAGMA cache_size = -4000")
        defer {
            if storage == 2 { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
            try? db.execute(sql: "PRAGMA cache_size = \(cache)")
        }
        for (built, index) in indexes.enumerated() {
            try db.execute(sql: index.sql)
            try progress(built + 1)
        }
    }
}
