import ReportDeskCore

/// A JSON array of objects, read element by element (never the whole array at once, R13). Each
/// element's extent is found by tracking strings and nesting; the element itself is parsed later,
/// so one bad element is one rejected row. A broken array (a missing comma, say) stops the import,
/// because after it no element boundary can be trusted.
struct JSONArrayReader: ImportRecordReader {
    let input: ImportInput
    private var position: Int
    private var line = 1
    private var openedArray = false
    /// After an element, only `,` or `]` may follow.
    private var afterElement = false

    init(input: ImportInput, start: Int) {
        self.input = input
        position = start
    }

    private enum Step {
        case element(start: Int, end: Int, newlines: Int)
        case separator(end: Int, newlines: Int)
        case needMore
        case finished
        case broken(String)
    }

    mutating func forEachRecord(_ body: (ImportRecord) throws -> Void) throws {
        while true {
            switch step() {
            case .finished:
                return
            case .broken(let reason):
                throw DeskError.invalidParams(field: "path",
                    "\(input.name) is not a well-formed JSON array at line \(line): \(reason); nothing was imported")
            case .needMore:
                guard let shift = try input.refill(keepingFrom: position) else {
                    throw DeskError.invalidParams(field: "path", "\(input.name) ends inside its JSON array (no closing ]); nothing was imported")
                }
                position -= shift
            case .separator(let end, let newlines):
                line += newlines
                position = end
                afterElement = false
            case .element(let start, let end, let newlines):
                let elementLine = line + newlinesBetween(position, start)
                try input.buffer.withUnsafeBufferPointer { buffer in
                    try body(ImportRecord(line: elementLine, raw: UnsafeBufferPointer(rebasing: buffer[start..<end]),
                                          contentCount: end - start, cells: [], malformation: nil))
                }
                line += newlines
                position = end
                afterElement = true
            }
        }
    }

    private func newlinesBetween(_ from: Int, _ to: Int) -> Int {
        var count = 0
        for index in from..<to where input.buffer[index] == 0x0A { count += 1 }
        return count
    }

    /// The next thing after `position`: white space and a separator, or one whole element.
    private mutating func step() -> Step {
        let end = input.end
        let atEnd = input.atEnd
        return input.buffer.withUnsafeBufferPointer { buffer -> Step in
            var index = position
            var newlines = 0
            while index < end, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[index]) {
                if buffer[index] == 0x0A { newlines += 1 }
                index += 1
            }
            guard index < end else { return atEnd ? (openedArray ? .broken("the array is never closed with ]") : .finished) : .needMore }
            let byte = buffer[index]
            if !openedArray {
                guard byte == UInt8(ascii: "[") else { return .broken("expected [") }
                openedArray = true
                return .separator(end: index + 1, newlines: newlines)
            }
            if byte == UInt8(ascii: ",") { return .separator(end: index + 1, newlines: newlines) }
            if byte == UInt8(ascii: "]") {
                var rest = index + 1
                while rest < end, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[rest]) { rest += 1 }
                if rest < end { return .broken("text after the closing ]") }
                if !atEnd { return .needMore }
                return .finished
            }
            if afterElement { return .broken("expected , or ] after an element") }
            let start = index
            var depth = 0
            var inString = false
            var elementNewlines = 0
            while index < end {
                let current = buffer[index]
                if inString {
                    if current == UInt8(ascii: "\\") { index += 2; continue }
                    if current == UInt8(ascii: "\"") { inString = false }
                    if current == 0x0A { elementNewlines += 1 }
                    index += 1
                    if !inString && depth == 0 { return .element(start: start, end: index, newlines: newlines + elementNewlines) }
                    continue
                }
                switch current {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return .element(start: start, end: index, newlines: newlines + elementNewlines) }
                    depth -= 1
                    if depth == 0 { return .element(start: start, end: index + 1, newlines: newlines + elementNewlines) }
                case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                    if depth == 0 { return .element(start: start, end: index, newlines: newlines + elementNewlines) }
                    if current == 0x0A { elementNewlines += 1 }
                default: break
                }
                index += 1
            }
            return atEnd ? .broken("the last element is cut off") : .needMore
        }
    }
}
