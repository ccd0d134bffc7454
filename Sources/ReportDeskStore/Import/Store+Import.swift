import GRDB
package import ReportDeskCore

extension Store {
    /// Readies the connection for an import's one big write: its multi-row inserts keep a
    /// statement journal, which in memory costs no file writes, where a journal on disk
    /// costs several per row. SQLite fixes where that journal lives when a transaction begins, so
    /// this runs before the write; it changes nothing stored.
    package func prepareForImport() throws(DeskError) {
        do {
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        } catch {
            throw StoreErrors.translate(error, opening: nil)
        }
    }
}
