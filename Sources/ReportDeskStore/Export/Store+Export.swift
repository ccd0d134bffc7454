import Foundation
package import ReportDeskCore

extension Store {
    /// Writes every report matching `filter`, in key order, from one read transaction so the
    /// export is one consistent version (R12). `out` `nil` writes to standard output.
    package func export(matching filter: ReportFilter, now: Instant, format: ExportFormat, out: String?) throws(DeskError) -> ExportOutcome {
        let destination = try out.map { path throws(DeskError) in try ExportDestination.file(path) } ?? .descriptor(STDOUT_FILENO)
        var writer = ExportRowWriter(format: format, taxonomy: try taxonomy(),
                                     screenshots: ExportScreenshots(blobs: blobs, exportFolder: destination.folder))
        var count = 0
        var line: [UInt8] = []
        do {
            try destination.write(writer.preamble)
            let version = try forEachReport(matching: filter, now: now) { report in
                line.removeAll(keepingCapacity: true)
                try writer.row(report, into: &line)
                try destination.write(line)
                count += 1
            }
            try destination.finish()
            return ExportOutcome(exported: count, version: version, out: destination.path)
        } catch {
            destination.abandon()
            throw error
        }
    }
}
