import Foundation
import GRDB

/// What SQLite's integrity check found in a damaged database, said in the store's terms: which
/// tables and indexes, which pages, which reports cannot be read, and whether the damage is only in
/// something `verify --repair-index` can rebuild from the reports themselves.
struct DamageSurvey {
    /// One damaged table or index and the pages the check named for it.
    struct Damaged: Equatable {
        let name: String
        let isIndex: Bool
        var pages: [Int]
    }

    /// The check's own lines (the first few), for when nothing could be named.
    let lines: [String]
    let damaged: [Damaged]
    /// Pages the check named that no table or index could be matched to.
    let unplaced: [Int]
    let unreadableReports: [Int]

    var isClean: Bool { lines == ["ok"] }

    /// Whether everything damaged is derived from the reports (an index or the search index).
    var isRebuildable: Bool { !damaged.isEmpty && unplaced.isEmpty && damaged.allSatisfy(\.isIndex) }

    /// Runs `PRAGMA integrity_check` and keeps every line it gave before it stopped (on a damaged
    /// page it reports what it found, then fails itself).
    ///
    /// With `tables`, checks them one at a time (each with its indexes; SQLite then leaves out only
    /// its count of pages no b-tree uses), calling `progress` with the table's position and the
    /// instructions run in its check so far; an error `progress` throws stops the check.
    static func take(_ db: Database, tables: [String]? = nil,
                     progress: (_ table: Int, _ instructions: Int) throws -> Void = { _, _ in }) throws -> DamageSurvey {
        var lines: [String] = []
        var stopped = false
        let statements = tables.map { $0.map { "PRAGMA integrity_check(\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\")" } }
            ?? ["PRAGMA integrity_check(200)"]
        for (position, sql) in statements.enumerated() {
            try progress(position, 0)
            try ProgressTicks.around(db, tick: { try progress(position, $0) }) {
                do {
                    let cursor = try String.fetchCursor(db, sql: sql)
                    while let line = try cursor.next() { lines.append(line) }
                } catch {
                    stopped = true
                }
            }
        }
        lines.removeAll { $0 == "ok" }
        if !stopped && lines.isEmpty { return DamageSurvey(lines: ["ok"], damaged: [], unplaced: [], unreadableReports: []) }
        if lines.isEmpty { lines = ["the integrity check itself could not read the database"] }
        let objects = schemaObjects(db)
        var byName: [String: Damaged] = [:]
        var order: [String] = []
        func note(_ name: String, page: Int?) {
            let owner = objects.owner(of: name)
            if byName[owner.name] == nil {
                byName[owner.name] = Damaged(name: owner.name, isIndex: owner.isIndex, pages: [])
                order.append(owner.name)
            }
            if let page, !(byName[owner.name]!.pages.contains(page)) { byName[owner.name]!.pages.append(page) }
        }
        var pages: [Int] = []
        for line in lines {
            if let index = indexNamed(in: line) { note(index, page: nil); continue }
            if line.hasSuffix("is never used") { continue }
            if let page = firstNumber(after: ["Page ", "page "], in: line), !pages.contains(page) { pages.append(page) }
        }
        let owners = pageOwners(db, pages: Set(pages), roots: objects.roots)
        var unplaced: [Int] = []
        for page in pages {
            if let owner = owners[page] { note(owner, page: page) } else { unplaced.append(page) }
        }
        let damaged = order.compactMap { byName[$0] }
        let reports = damaged.contains { $0.name == "report" } ? unreadableReports(db) : []
        return DamageSurvey(lines: Array(lines.prefix(5)), damaged: damaged, unplaced: unplaced, unreadableReports: reports)
    }

    /// "table report (page 50): reports #1201–#1260 cannot be read; index report_by_status (page 3)".
    var description: String {
        var parts = damaged.map { object -> String in
            let kind = object.isIndex ? (object.name == "report_text" ? "the full-text search index" : "index \(object.name)")
                : "table \(object.name)"
            let pages = object.pages.isEmpty ? "" : " (page\(object.pages.count == 1 ? "" : "s") \(object.pages.map(String.init).joined(separator: ", ")))"
            return kind + pages
        }
        if !unplaced.isEmpty { parts.append("page\(unplaced.count == 1 ? "" : "s") \(unplaced.map(String.init).joined(separator: ", "))") }
        if parts.isEmpty { parts = lines }
        var text = "damaged: " + parts.joined(separator: "; ")
        if !unreadableReports.isEmpty { text += "; reports that cannot be read: " + Self.ranges(unreadableReports) }
        return text
    }

    /// The keys of reports whose row cannot be read, found by reading each logged key on its own.
    private static func unreadableReports(_ db: Database) -> [Int] {
        let highest = ((try? Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'report'")) ?? nil) ?? 0
        let keys = (try? Int.fetchAll(db, sql: "SELECT DISTINCT key FROM report_change ORDER BY key")) ?? Array(0...highest)
        var unreadable: [Int] = []
        for key in keys {
            do {
                _ = try Row.fetchOne(db, sql: "SELECT * FROM report WHERE key = ?", arguments: [key])
            } catch {
                unreadable.append(key)
            }
        }
        return unreadable
    }

    /// `#3, #7–#9`.
    static func ranges(_ keys: [Int]) -> String {
        var parts: [String] = []
        var start = keys.first ?? 0, previous = start
        for key in keys.dropFirst() + [Int.min] {
            if key == previous + 1 { previous = key; continue }
            parts.append(start == previous ? "#\(start)" : "#\(start)–#\(previous)")
            start = key
            previous = key
        }
        return keys.isEmpty ? "" : (parts.count > 20 ? parts.prefix(20).joined(separator: ", ") + ", …" : parts.joined(separator: ", "))
    }

    private static func indexNamed(in line: String) -> String? {
        for marker in [" from index ", "entries in index ", " in index "] {
            if let range = line.range(of: marker) {
                return line[range.upperBound...].split(separator: " ").first.map(String.init)
            }
        }
        return nil
    }

    private static func firstNumber(after markers: [String], in line: String) -> Int? {
        for marker in markers {
            guard let range = line.range(of: marker) else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let number = Int(digits) { return number }
        }
        return nil
    }

    /// The tables and indexes of the schema: their root pages, and which are indexes.
    private struct SchemaObjects {
        var roots: [Int: String] = [:]
        var indexes: Set<String> = []

        /// The store's object a b-tree belongs to: FTS5 keeps its index in `report_text_*` tables.
        func owner(of name: String) -> (name: String, isIndex: Bool) {
            if name.hasPrefix("report_text") { return ("report_text", true) }
            return (name, indexes.contains(name) || name.hasPrefix("sqlite_autoindex_"))
        }
    }

    private static func schemaObjects(_ db: Database) -> SchemaObjects {
        var objects = SchemaObjects()
        guard let rows = try? Row.fetchAll(db, sql: "SELECT name, type, rootpage FROM sqlite_schema") else { return objects }
        for row in rows {
            let name: String = row[0]
            if row[1] as String == "index" { objects.indexes.insert(name) }
            if let root: Int = row[2], root > 0 { objects.roots[root] = name }
        }
        return objects
    }

    /// Which table or index each page belongs to, from the `dbstat` table (it walks every b-tree
    /// and may itself stop at the damage: what it found until then is kept); a b-tree's root page
    /// is known from the schema alone.
    private static func pageOwners(_ db: Database, pages: Set<Int>, roots: [Int: String]) -> [Int: String] {
        var owners: [Int: String] = [:]
        for page in pages { if let root = roots[page] { owners[page] = root } }
        let wanted = pages.subtracting(owners.keys)
        guard !wanted.isEmpty else { return owners }
        for page in wanted {
            if let name = try? String.fetchOne(db, sql: "SELECT name FROM dbstat WHERE pageno = ?", arguments: [page]) {
                owners[page] = name
            }
        }
        return owners
    }
}
