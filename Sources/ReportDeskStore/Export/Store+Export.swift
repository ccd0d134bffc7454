package import ReportDeskCore

extension Store {
    /// Gives every report matching `filter`, in key order, from one read transaction so the export
    /// is one consistent version (R12); returns that version. With a `screenshotFolder` each stored
    /// screenshot is copied beside the export first and `body` gets the path that names the copy.
    package func exportReports(matching filter: ReportFilter, now: Instant, screenshotFolder: String?,
                               _ body: (Report, _ screenshotPath: String?) throws -> Void) throws(DeskError) -> Int {
        var screenshots = ExportScreenshots(blobs: blobs, exportFolder: screenshotFolder)
        return try forEachReport(matching: filter, now: now) { report in
            let path = try report.screenshot.flatMap { shot throws(DeskError) in try screenshots.relativePath(for: shot) }
            try body(report, path)
        }
    }
}
