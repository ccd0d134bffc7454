/// One row of an import file as its reader found it (R13: every row is accounted for by line). The
/// buffers are valid only inside the reader's callback; a decoder copies what it keeps.
package struct ImportRecord {
    /// The line of the file the row starts on (1-based, counting a CSV header and embedded newlines).
    package let line: Int
    /// The row's bytes exactly as in the file, with its line ending when it had one.
    package let raw: UnsafeBufferPointer<UInt8>
    /// How many bytes of `raw` are the row itself (without the line ending).
    package let contentCount: Int
    /// CSV only: where each cell lies within `raw`.
    package let cells: [CSVCell]
    /// CSV only: why the row is not well-formed CSV, if it is not.
    package let malformation: String?

    package var content: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: raw[0..<contentCount]) }

    /// The text of cell `index`, with quotes removed and doubled quotes undone; `nil` when invalid UTF-8.
    package func text(ofCell index: Int) -> String? {
        let cell = cells[index]
        let bytes = UnsafeBufferPointer(rebasing: raw[cell.start..<cell.end])
        guard cell.hasDoubledQuotes else { return String(validating: bytes, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            unescaped.append(bytes[index])
            index += bytes[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(validating: unescaped, as: UTF8.self)
    }
}
