/// RFC 4180 CSV split into records as the file streams by: quoted cells may hold commas, doubled
/// quotes and line breaks; rows end in LF or CRLF. Lenient where spreadsheets are (a quote inside
/// an unquoted cell is text), strict where data would be lost (text after a closing quote makes
/// the row malformed, so it is rejected rather than guessed at).
struct CSVReader: ImportRecordReader {
    let input: ImportInput
    private var position: Int
    private var line = 1
    private var cells: [CSVCell] = []

    init(input: ImportInput, start: Int) {
        self.input = input
        position = start
        cells.reserveCapacity(32)
    }

    private enum Scan {
        case record(end: Int, contentEnd: Int, newlines: Int, malformation: String?)
        case needMore
        case finished
    }

    mutating func forEachRecord(_ body: (ImportRecord) throws -> Void) throws {
        while true {
            switch scan() {
            case .finished:
                return
            case .needMore:
                guard let shift = try input.refill(keepingFrom: position) else { return }
                position -= shift
            case .record(let end, let contentEnd, let newlines, let malformation):
                let start = position
                let isBlank = contentEnd == start
                if !isBlank {
                    let cellsNow = cells
                    try input.buffer.withUnsafeBufferPointer { buffer in
                        let raw = UnsafeBufferPointer(rebasing: buffer[start..<end])
                        try body(ImportRecord(line: line, raw: raw, contentCount: contentEnd - start, cells: cellsNow,
                                              malformation: malformation))
                    }
                }
                line += newlines
                position = end
            }
        }
    }

    /// Finds the record starting at `position`; cells are stored relative to it.
    private mutating func scan() -> Scan {
        let end = input.end
        let atEnd = input.atEnd
        let start = position
        if start >= end { return atEnd ? .finished : .needMore }
        cells.removeAll(keepingCapacity: true)
        return input.buffer.withUnsafeBufferPointer { buffer -> Scan in
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline: UInt8 = 0x0A, carriage: UInt8 = 0x0D
            var index = start
            var newlines = 0
            var malformation: String?
            while true {
                let cellStart = index
                if index < end, buffer[index] == quote {
                    index += 1
                    var doubled = false
                    var closed = false
                    while index < end {
                        let byte = buffer[index]
                        if byte == quote {
                            if index + 1 < end {
                                if buffer[index + 1] == quote { doubled = true; index += 2; continue }
                                closed = true
                                break
                            }
                            if !atEnd { return .needMore }
                            closed = true
                            break
                        }
                        if byte == newline { newlines += 1 }
                        index += 1
                    }
                    if !closed {
                        if !atEnd { return .needMore }
                        cells.append(CSVCell(start: cellStart + 1 - start, end: index - start, hasDoubledQuotes: doubled))
                        return .record(end: end, contentEnd: end, newlines: newlines,
                                       malformation: malformation ?? "a quoted cell is never closed (a missing \")")
                    }
                    cells.append(CSVCell(start: cellStart + 1 - start, end: index - start, hasDoubledQuotes: doubled))
                    index += 1
                    if index < end, buffer[index] != comma, buffer[index] != newline, buffer[index] != carriage {
                        malformation = malformation ?? "text follows a closing quote in cell \(cells.count)"
                        while index < end, buffer[index] != comma, buffer[index] != newline, buffer[index] != carriage {
                            index += 1
                        }
                    }
                } else {
                    while index < end {
                        let byte = buffer[index]
                        if byte == comma || byte == newline { break }
                        if byte == carriage {
                            if index + 1 < end {
                                if buffer[index + 1] == newline { break }
                            } else if !atEnd {
                                return .needMore
                            } else {
                                break
                            }
                        }
                        index += 1
                    }
                    cells.append(CSVCell(start: cellStart - start, end: index - start, hasDoubledQuotes: false))
                }
                // After a cell: a comma starts the next one; a line ending or the end of input ends the record.
                if index >= end {
                    if !atEnd { return .needMore }
                    return .record(end: end, contentEnd: end, newlines: newlines + 1, malformation: malformation)
                }
                let byte = buffer[index]
                if byte == comma {
                    index += 1
                    continue
                }
                if byte == newline {
                    return .record(end: index + 1, contentEnd: index, newlines: newlines + 1, malformation: malformation)
                }
                if byte == carriage {
                    if index + 1 >= end {
                        if !atEnd { return .needMore }
                        return .record(end: end, contentEnd: index, newlines: newlines + 1, malformation: malformation)
                    }
                    if buffer[index + 1] == newline {
                        return .record(end: index + 2, contentEnd: index, newlines: newlines + 1, malformation: malformation)
                    }
                    // A lone CR after a closing quote: keep scanning as part of the malformed row.
                    malformation = malformation ?? "a carriage return without a line feed follows cell \(cells.count)"
                    index += 1
                    continue
                }
                index += 1
            }
        }
    }
}
