package import ReportDeskCore

/// What an import needs besides the file: how to read local times and when it runs, where the
/// rejects go, and how it reports progress and learns it was cancelled.
package struct ImportSettings {
    package var zone: ZoneRules
    package var now: Instant
    package var rejectsDirectory: String
    /// Called every few thousand rows with (rows so far, bytes read, file size if known).
    package var progress: (Int, Int, Int?) -> Void
    /// Throws when the operator pressed Ctrl-C or the client cancelled; the import rolls back.
    package var checkCancelled: () throws -> Void

    package init(zone: ZoneRules, now: Instant, rejectsDirectory: String,
                 progress: @escaping (Int, Int, Int?) -> Void = { _, _, _ in }, checkCancelled: @escaping () throws -> Void = {}) {
        self.zone = zone
        self.now = now
        self.rejectsDirectory = rejectsDirectory
        self.progress = progress
        self.checkCancelled = checkCancelled
    }
}
