/// Splits a byte stream into messages. Pure: bytes in, frames out, so it is tested on raw bytes.
/// Memory stays bounded: a message over `maximumMessageBytes` is skipped, never buffered whole,
/// and a header block may take at most `maximumHeaderBytes`.
package struct FrameDecoder: Sendable {
    /// The largest message accepted (16 MiB, the README's Limits table); larger ones are answered with an error.
    package static let defaultMaximumMessageBytes = 16 * 1024 * 1024
    /// The largest header block accepted in `Content-Length` framing.
    package static let maximumHeaderBytes = 64 * 1024

    package private(set) var framing: Framing?
    package let maximumMessageBytes: Int
    private var buffer: [UInt8] = []
    /// Where the bytes not yet decoded begin.
    private var start = 0
    /// Line mode: the bytes from `start` up to here hold no newline, so the search resumes here.
    private var scanned = 0
    /// Header mode: body bytes of an oversized message still to discard.
    private var skipping = 0
    /// Line mode: an oversized line is being discarded up to its newline.
    private var discardingLine = false
    /// Header mode: after a bad header block, bytes are discarded up to the next `Content-Length`.
    private var resynchronizing = false

    package init(maximumMessageBytes: Int = FrameDecoder.defaultMaximumMessageBytes, framing: Framing? = nil) {
        self.maximumMessageBytes = maximumMessageBytes
        self.framing = framing
    }

    /// Bytes held in memory right now, decoded or not: tests check it stays bounded.
    package var retainedByteCount: Int { buffer.count }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && (start == buffer.count || start >= 1 << 20) {
            buffer.removeSubrange(0..<start)
            scanned = max(0, scanned - start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed. At end of input pass
    /// `atEnd: true` to get a final unterminated line. The framing is detected on the first call
    /// that sees a non-blank byte, even when no frame is complete yet.
    package mutating func next(atEnd: Bool = false) -> FrameEvent? {
        if framing == nil {
            guard let detected = detectFraming(atEnd: atEnd) else { return nil }
            framing = detected
        }
        switch framing {
        case .lineDelimited?: return nextLine(atEnd: atEnd)
        case .contentLength?: return nextHeaderFrame(atEnd: atEnd)
        case nil: return nil
        }
    }

    private func detectFraming(atEnd: Bool) -> Framing? {
        var index = start
        while index < buffer.count, Self.isBlank(buffer[index]) { index += 1 }
        let available = buffer.count - index
        let prefix = Array("content-".utf8)
        let head = buffer[index..<min(buffer.count, index + prefix.count)].map(Self.lowercased)
        if available >= prefix.count {
            return head == prefix ? .contentLength : .lineDelimited
        }
        if available > 0, !prefix.starts(with: head) { return .lineDelimited }
        return atEnd && available > 0 ? .lineDelimited : nil
    }

    // MARK: One JSON value per line

    private mutating func nextLine(atEnd: Bool) -> FrameEvent? {
        while true {
            scanned = max(scanned, start)
            let newline = buffer[scanned...].firstIndex(of: 0x0A)
            if discardingLine {
                guard let newline else {
                    start = buffer.count
                    return nil
                }
                start = newline + 1
                discardingLine = false
                continue
            }
            guard let newline else {
                scanned = buffer.count
                let pending = buffer.count - start
                if pending > maximumMessageBytes {
                    start = buffer.count
                    discardingLine = !atEnd
                    return .tooLarge(pending)
                }
                guard atEnd, pending > 0 else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return lineEvent(line)
            }
            let line = buffer[start..<newline]
            start = newline + 1
            if let event = lineEvent(line) { return event }
        }
    }

    /// A line's frame; `nil` for a blank line, which is skipped.
    private func lineEvent(_ line: ArraySlice<UInt8>) -> FrameEvent? {
        if line.allSatisfy(Self.isBlank) { return nil }
        let body = line.last == 0x0D ? line.dropLast() : line
        if body.count > maximumMessageBytes { return .tooLarge(body.count) }
        return .message(Array(body))
    }

    // MARK: Content-Length headers

    private mutating func nextHeaderFrame(atEnd: Bool) -> FrameEvent? {
        if skipping > 0 {
            let available = min(skipping, buffer.count - start)
            start += available
            skipping -= available
            if skipping > 0 { return nil }
        }
        if resynchronizing {
            guard let found = firstHeaderName(from: start) else {
                start = max(start, buffer.count - (Self.lengthHeader.count - 1))
                return nil
            }
            start = found
            resynchronizing = false
        }
        while start < buffer.count, Self.isBlank(buffer[start]) { start += 1 }
        switch readHeaderBlock() {
        case .incomplete:
            return atEnd ? truncated() : nil
        case .bad(let reason, let resumeAt):
            start = resumeAt
            resynchronizing = true
            return .malformedHeader(reason)
        case .body(let bodyStart, let length):
            if length > maximumMessageBytes {
                start = bodyStart
                skipping = length
                return .tooLarge(length)
            }
            guard buffer.count - bodyStart >= length else { return atEnd ? truncated() : nil }
            start = bodyStart + length
            return .message(Array(buffer[bodyStart..<start]))
        }
    }

    /// At end of input: the bytes of a frame that never completed, reported once.
    private mutating func truncated() -> FrameEvent? {
        let remaining = buffer.count - start
        start = buffer.count
        return remaining > 0 ? .truncated(remaining) : nil
    }

    private enum HeaderBlock {
        case incomplete
        /// Not a valid block; decoding resumes (resynchronising) at `resumeAt`.
        case bad(String, resumeAt: Int)
        case body(start: Int, length: Int)
    }

    /// Reads header lines from `start` up to the blank line; a line that is not `Name: value` is
    /// refused as soon as it is complete, so garbage is answered without waiting for more input.
    private func readHeaderBlock() -> HeaderBlock {
        var lineStart = start
        var sawLength = false
        var length: Int?
        while true {
            guard let newline = buffer[lineStart...].firstIndex(of: 0x0A) else {
                if buffer.count - start > Self.maximumHeaderBytes {
                    return .bad("header block longer than 64 KiB", resumeAt: buffer.count)
                }
                return .incomplete
            }
            if newline - start > Self.maximumHeaderBytes {
                return .bad("header block longer than 64 KiB", resumeAt: newline + 1)
            }
            let line = buffer[lineStart..<newline].last == 0x0D ? buffer[lineStart..<(newline - 1)] : buffer[lineStart..<newline]
            if line.isEmpty {
                guard sawLength else { return .bad("no Content-Length header", resumeAt: newline + 1) }
                guard let length else { return .bad("invalid Content-Length header", resumeAt: newline + 1) }
                return .body(start: newline + 1, length: length)
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(Self.isTokenByte) else {
                return .bad("not a header line", resumeAt: lineStart + 1)
            }
            if line[..<colon].map(Self.lowercased).elementsEqual(Self.lengthHeader) {
                sawLength = true
                length = Self.decimal(line[(colon + 1)...])
            }
            lineStart = newline + 1
        }
    }

    /// Where the next `Content-Length` header name begins (any case), if it is in the buffer.
    private func firstHeaderName(from index: Int) -> Int? {
        let name = Self.lengthHeader
        guard buffer.count - index >= name.count else { return nil }
        for position in index...(buffer.count - name.count)
        where Self.lowercased(buffer[position]) == name[0]
            && buffer[position..<(position + name.count)].map(Self.lowercased).elementsEqual(name) {
            return position
        }
        return nil
    }

    private static let lengthHeader = Array("content-length".utf8)

    /// A header value as a non-negative decimal, with optional spaces around it.
    private static func decimal(_ value: ArraySlice<UInt8>) -> Int? {
        let digits = value.drop(while: { $0 == 0x20 || $0 == 0x09 }).reversed().drop(while: { $0 == 0x20 || $0 == 0x09 }).reversed()
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// RFC 9110 token characters, of which header names are made.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
