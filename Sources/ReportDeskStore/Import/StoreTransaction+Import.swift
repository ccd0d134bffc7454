package import ReportDeskCore

extension StoreTransaction {
    /// Starts taking an import's reports as part of this one transaction, so the whole import is
    /// one version and a crash or a cancellation leaves the store as it was (R12, R13). Relative
    /// screenshot paths resolve against `screenshotFolder` (the import file's folder, R11).
    package func importedReports(screenshotFolder: String) throws -> ImportedReports {
        try ImportedReports(self, screenshotFolder: screenshotFolder)
    }
}

/// The reports an import adds: each validated submission gets its screenshot copied into the
/// store (R11) and is queued for the batched insert; duplicates are counted, not added (R13).
package final class ImportedReports {
    private let inserter: ImportInserter
    private var screenshots: ImportScreenshots
    private let generatesID: Set<String>

    init(_ transaction: StoreTransaction, screenshotFolder: String) throws {
        inserter = try ImportInserter(transaction)
        screenshots = ImportScreenshots(blobs: transaction.blobs, folder: screenshotFolder)
        generatesID = Set(try transaction.taxonomy().categories.filter(\.hasPlatformReportID).map(\.id))
    }

    /// Queues one report; throws an `ImportRejection` when its screenshot cannot be taken.
    package func add(_ submission: ReportSubmission) throws {
        let screenshot = try screenshots.resolve(submission.screenshot)
        try inserter.insert(submission, screenshot: screenshot, generatesReportID: generatesID.contains(submission.category))
    }

    /// Writes what is queued, with the search text and version-log entries of every added report.
    package func finish() throws -> (added: Int, duplicates: Int) {
        try finish { _, _, _ in }
    }

    /// `finish`, telling `progress` of each step of the passes made after the last row.
    package func finish(progress: (ImportPass, _ done: Int, _ total: Int) throws -> Void) throws -> (added: Int, duplicates: Int) {
        try inserter.finish(progress: progress)
        return (inserter.inserted, inserter.duplicates)
    }
}
