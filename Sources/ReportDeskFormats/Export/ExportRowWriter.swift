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
    /// The exported fields' JSON values, each after its key's bytes (`"key":`, `,"reportId":`…),
    /// taken from the table once: rows are written member by member, as `JSONWriter` writes the
    /// row's object, without building the object first.
    private let jsonMembers: [(prefix: [UInt8], json: @Sendable (Report, FieldContext) -> JSONValue)]
    /// The CSV cells' texts, in `csvHeadings` order.
    private let csvCells: [@Sendable (Report, FieldContext) -> String?]

    package init(format: ExportFormat, taxonomy: Taxonomy, now: Instant, fields: ReportFieldTable = .standard) {
        self.format = format
        self.fields = fields
        context = FieldContext(now: now, screenshotPath: .given(nil), taxonomy: taxonomy)
        let exported = fields.fields(.exported)
        jsonMembers = exported.enumerated().map { position, field in
            var prefix: [UInt8] = position == 0 ? [] : [UInt8(ascii: ",")]
            JSONWriter.writeString(field.name, into: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return (prefix, field.json)
        }
        csvCells = exported.flatMap { $0.columns.map(\.cell) }
    }

    /// What starts the output: a UTF-8 byte order mark and the header for CSV (spreadsheets need
    /// the mark to read non-Latin text), nothing for JSON Lines.
    package var preamble: [UInt8] {
        guard format == .csv else { return [] }
        return [0xEF, 0xBB, 0xBF] + Array(fields.csvHeadings.joined(separator: ",").utf8) + [0x0D, 0x0A]
    }

    /// Appends the row of `report`; `screenshotPath` names the copy of its stored screenshot
    /// beside the export (`nil`: none, as for standard output). The JSON Lines row is
    /// `ReportFieldTable.exportJSON` written compactly; the CSV row holds `csvCells`.
    package mutating func row(_ report: Report, screenshotPath: String?, into out: inout [UInt8]) {
        switch format {
        case .jsonl:
            // As `exportJSON`: the JSON values see the clock and the path, not the taxonomy.
            let context = FieldContext(now: context.now, screenshotPath: .given(screenshotPath))
            out.append(UInt8(ascii: "{"))
            for member in jsonMembers {
                out.append(contentsOf: member.prefix)
                JSONWriter.write(member.json(report, context), into: &out)
            }
            out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        case .csv:
            context.screenshotPath = .given(screenshotPath)
            for (index, cell) in csvCells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendCell(cell(report, context) ?? "", into: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// One RFC 4180 cell: neutralised, then quoted when it holds a comma, quote, line break or
    /// space at either end.
    static func appendCell(_ text: String, into out: inout [UInt8]) {
        var safe = CSVCellText.neutralised(text)
        safe.withUTF8 { bytes in
            guard needsQuotes(bytes) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
                // Copies up to and including the quote, then doubles it.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
                out.append(UInt8(ascii: "\""))
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Whether a cell holds a comma, quote, CR or LF, or starts or ends with a space; looks at
    /// eight bytes at a time (a word has a byte `b` when `word ^ b…b` has a zero byte).
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
            let value = word ^ (ones &* UInt64(byte))
            return (value &- ones) & ~value & highs != 0
        }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if hasByte(word, UInt8(ascii: ",")) || hasByte(word, UInt8(ascii: "\"")) || hasByte(word, 0x0A) || hasByte(word, 0x0D) {
                return true
            }
            index += 8
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: return true
            default: index += 1
            }
        }
        return false
    }
}
