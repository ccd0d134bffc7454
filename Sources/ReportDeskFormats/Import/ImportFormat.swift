package import ReportDeskCore

/// The shapes an import file may have (R13), told apart by content, never only by the extension.
package enum ImportFormat: String, Sendable {
    case jsonLines = "jsonl"
    case jsonArray = "json"
    case csv

    /// Looks at the first bytes: `[` starts a JSON array, `{` JSON Lines, anything else is CSV with
    /// a header row. A UTF-8 byte order mark is skipped; UTF-16 is refused with what to do instead.
    /// Returns the format and where the content starts (after the mark).
    package static func detect(_ input: ImportInput) throws(DeskError) -> (format: ImportFormat, start: Int) {
        while input.end < 4096, !input.atEnd { _ = try input.refill(keepingFrom: 0) }
        let head = input.buffer[0..<min(input.end, 4)]
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw DeskError.invalidParams(field: "path",
                "\(input.name) is UTF-16 text; save it as UTF-8 (with or without a byte order mark) and import it again")
        }
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < input.end, [0x20, 0x09, 0x0A, 0x0D].contains(input.buffer[index]) { index += 1 }
        guard index < input.end else { return (.csv, start) }
        switch input.buffer[index] {
        case UInt8(ascii: "["): return (.jsonArray, start)
        case UInt8(ascii: "{"): return (.jsonLines, start)
        default: return (.csv, start)
        }
    }
}
