import ReportDeskCore

/// Formats reports as export rows. JSON Lines rows are the contract's export shape (portable
/// between stores: no local key, no version, no facts that depend on when they are read), so an
/// export imported into an empty store exports again byte for byte. CSV rows use the console's
/// column names and display names, and neutralise cells a spreadsheet would run as formulas.
struct ExportRowWriter {
    let format: ExportFormat
    let taxonomy: Taxonomy
    var screenshots: ExportScreenshots

    /// Columns of a CSV export, in order.
    static let csvColumns: [ImportField] = [
        .reportId, .category, .issueType, .openId, .details, .reportedAt, .orderId, .screenshot, .status,
        .processedAt, .note, .appealStatus, .appealMessage, .appealOpenedAt, .appealDecidedAt, .appealNote,
    ]

    /// What starts the output: a UTF-8 byte order mark and the header for CSV (spreadsheets need
    /// the mark to read non-Latin text), nothing for JSON Lines.
    var preamble: [UInt8] {
        guard format == .csv else { return [] }
        return [0xEF, 0xBB, 0xBF] + Array(Self.csvColumns.map(\.consoleName).joined(separator: ",").utf8) + [0x0D, 0x0A]
    }

    mutating func row(_ report: Report, into out: inout [UInt8]) throws(DeskError) {
        let shotPath = try report.screenshot.flatMap { shot throws(DeskError) in try screenshots.relativePath(for: shot) }
        switch format {
        case .jsonl:
            var object = report.exportJSON.objectValue ?? JSONObject()
            object["screenshot"] = report.screenshot.map { shot in
                .object(JSONObject([
                    ("sha256", .optional(shot.sha256)), ("bytes", .optional(shot.bytes)), ("mediaType", .optional(shot.mediaType)),
                    ("path", .optional(shotPath)), ("url", .optional(shot.url)),
                ]))
            } ?? .null
            // Re-insert the members after screenshot so the order stays the contract's.
            out.append(contentsOf: JSONWriter.bytes(.object(Self.ordered(object))))
            out.append(0x0A)
        case .csv:
            let category = taxonomy.category(named: report.category)
            let cells: [String?] = [
                report.reportId, category?.displayName ?? report.category,
                category?.issueType(named: report.issueType)?.displayName ?? report.issueType,
                report.openId, report.details, RFC3339.format(report.reportedAt), report.orderId,
                report.screenshot.map { shot in shot.url ?? shotPath ?? shot.sha256.map { "sha256:" + $0 } ?? "" },
                report.status.rawValue.prefix(1).uppercased() + report.status.rawValue.dropFirst(),
                report.processedAt.map(RFC3339.format), report.note,
                report.appeal?.status.rawValue, report.appeal?.message, report.appeal.map { RFC3339.format($0.openedAt) },
                report.appeal?.decidedAt.map(RFC3339.format), report.appeal?.note,
            ]
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendCell(cell ?? "", into: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// The export members in the contract's order whatever order they were set in.
    private static func ordered(_ object: JSONObject) -> JSONObject {
        let order = ["reportId", "category", "issueType", "openId", "details", "orderId", "screenshot", "reportedAt", "dueAt",
                     "status", "processedAt", "note", "appeal"]
        return JSONObject(order.compactMap { name in object[name].map { (name, $0) } })
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
