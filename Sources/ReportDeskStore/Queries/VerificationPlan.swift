import Foundation
import GRDB

/// What `verify` will read, weighed so its progress can move evenly: each table's integrity check
/// (with its indexes) as its rows times one plus its indexes, the search index's check and the
/// checks that read every report in proportion to the reports.
struct VerificationPlan {
    struct Table {
        let name: String
        let weight: Int
    }

    /// SQLite's integrity check runs about ten instructions per row or index entry it reads.
    static let instructionsPerEntry = 10
    /// FTS5's check runs about twelve instructions per document it reads again.
    static let instructionsPerDocument = 12
    /// FTS5's check of one document takes about as long as the integrity check of six entries.
    static let entriesPerDocument = 6

    /// The schema's b-tree tables (the search index's own tables among them), the schema first.
    let tables: [Table]
    let reports: Int

    var searchIndexWeight: Int { reports * Self.entriesPerDocument }

    /// Integrity, the search index, foreign keys, replay and tally by their weights, the small
    /// checks one each.
    var total: Int { tables.reduce(0) { $0 + $1.weight } + searchIndexWeight + 3 * reports + 3 }

    init(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.name, t.sql LIKE '%WITHOUT ROWID%',
                   (SELECT count(*) FROM sqlite_schema i WHERE i.type = 'index' AND i.tbl_name = t.name)
            FROM sqlite_schema t WHERE t.type = 'table' AND t.sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY t.rootpage
            """)
        func estimate(_ sql: String) -> Int { max(1, ((try? Int.fetchOne(db, sql: sql)) ?? nil) ?? 1) }
        // No page holds more than a few hundred rows: a highest rowid above that bound is not a count.
        let mostRows = estimate("PRAGMA page_count") * 256
        tables = [Table(name: "sqlite_schema", weight: 1)] + rows.map { row in
            let name: String = row[0]
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // The highest rowid counts a rowid table's rows without reading them; FTS5 numbers its
            // index's rows by segment and page, so those are counted.
            var rows = row[1] as Bool ? mostRows + 1 : estimate("SELECT max(rowid) FROM \(quoted)")
            if rows > mostRows { rows = estimate("SELECT count(*) FROM \(quoted)") }
            return Table(name: name, weight: rows * (1 + (row[2] as Int)))
        }
        reports = estimate("SELECT max(rowid) FROM report")
    }
}
