import Foundation

/// JSON Lines: one JSON object per line, LF or CRLF; blank lines are skipped (R13).
struct JSONLinesReader: ImportRecordReader {
    let input: ImportInput
    private var position: Int
    private var line = 1

    init(input: ImportInput, start: Int) {
        self.input = input
        position = start
    }

    mutating func forEachRecord(_ body: (ImportRecord) throws -> Void) throws {
        while true {
            let start = position
            let end = input.end
            let found: Int? = input.buffer.withUnsafeBufferPointer { buffer in
                guard start < end, let hit = memchr(buffer.baseAddress! + start, 0x0A, end - start) else { return nil }
                return buffer.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            let recordEnd: Int
            if let found {
                recordEnd = found + 1
            } else if input.atEnd {
                guard start < end else { return }
                recordEnd = end
            } else {
                guard let shift = try input.refill(keepingFrom: start) else { return }
                position -= shift
                continue
            }
            try input.buffer.withUnsafeBufferPointer { buffer in
                var contentEnd = found ?? recordEnd
                if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                var first = start
                while first < contentEnd, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
                guard first < contentEnd else { return }
                try body(ImportRecord(line: line, raw: UnsafeBufferPointer(rebasing: buffer[start..<recordEnd]),
                                      contentCount: contentEnd - start, cells: [], malformation: nil))
            }
            line += 1
            position = recordEnd
        }
    }
}
