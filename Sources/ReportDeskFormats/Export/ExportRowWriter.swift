package import ReportDeskCore

/// Formats reports as export rows from a field table. JSON Lines rows carry what another store
/// needs to hold the same report and what a reader needs to find it and judge it (key, derived
/// facts at `now`); import ignores the key and the derived facts, so an export imported into an
/// empty store exports again byte for byte. CSV rows use the console's column headings and display
/// names, and neutralise cells a spreadsheet would run as formulas.
package struct ExportRowWriter {
    package let format: ExportFormat
    private let fields: ReportFieldTable
    private var context: FieldContext

    package init(format: ExportFormat, taxonomy: Taxonomy, now: Instant, fields: ReportFieldTable = .standard) {
        self.format = format
        self.fields = fields
        context = FieldContext(now: now, screenshotPath: .given(nil), taxonomy: taxonomy)
    }

    /// What starts the output: a UTF-8 byte order mark and the header for CSV (spreadsheets need
    /// the mark to read non-Latin text), nothing for JSON Lines.
    package var preamble: [UInt8] {
        guard format == .csv else { return [] }
        return [0xEF, 0xBB, 0xBF] + Array(fields.csvHeadings.joined(separator: ",").utf8) + [0x0D, 0x0A]
    }

    /// Appends the row of `report`; `screenshotPath` names the copy of its stored screenshot
    /// beside the export (`nil`: none, as for standard output).
    package mutating func row(_ report: Report, screenshotPath: String?, into out: inout [UInt8]) {
        switch format {
        case .jsonl:
            out.append(contentsOf: JSONWriter.bytes(fields.exportJSON(of: report, now: context.now, screenshotPath: screenshotPath)))
            out.append(0x0A)
        case .csv:
            context.screenshotPath = .given(screenshotPath)
            for (index, cell) in fields.csvCells(of: report, context).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendCell(cell ?? "", into: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// One RFC 4180 cell: neutralised, then quoted when it holds a comma, quote, line break or
    /// space at either end.
    static func appendCell(_ text: String, into out: inout [UInt8]) {
        let safe = CSVCellText.neutralised(text)
        let bytes = safe.utf8
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
