package import ReportDeskCore

extension Store {
    /// Gives every report matching `filter`, in key order, from one read transaction so the export
    /// is one consistent version (R12); returns that version. With a `screenshotFolder` each stored
    /// screenshot is copied beside the export first and `body` gets the path that names the copy.
    /// `complete` finishes the export's file: when it or anything before it fails, the copies are
    /// taken away again, so a failed export leaves nothing behind.
    package func exportReports(matching filter: ReportFilter, now: Instant, screenshotFolder: String?,
                               _ body: (Report, _ screenshotPath: String?) throws -> Void,
                               complete: () throws -> Void = {}) throws(DeskError) -> Int {
        var screenshots = ExportScreenshots(blobs: blobs, exportFolder: screenshotFolder)
        do {
            let version = try forEachReport(matching: filter, now: now) { report in
                let path = try report.screenshot.flatMap { shot throws(DeskError) in try screenshots.relativePath(for: shot) }
                try body(report, path)
            }
            try complete()
            return version
        } catch {
            screenshots.withdraw()
            throw StoreErrors.translate(error, opening: nil)
        }
    }
}
