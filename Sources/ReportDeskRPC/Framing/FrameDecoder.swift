/// How messages are delimited on the stream, detected from its first bytes (INTERFACE.md, JSON-RPC).
package enum Framing: Sendable, Equatable {
    /// One JSON value per line.
    case lineDelimited
    /// LSP-style `Content-Length:` headers, an optional `Content-Type`, a blank line, the body.
    case contentLength
}

/// What the decoder found next in the stream.
package enum FrameEvent: Sendable, Equatable {
    case message([UInt8])
    /// A message over the size limit was skipped.
    case tooLarge(Int)
    /// A header block that could not be read was skipped.
    case malformedHeader(String)
}

/// Splits a byte stream into messages. Pure: bytes in, frames out, so it is tested on raw bytes.
/// Memory stays bounded: a message over `maximumMessageBytes` is skipped, never buffered whole.
package struct FrameDecoder: Sendable {
    /// The largest message accepted (16 MiB); larger ones are answered with an error.
    package static let defaultMaximumMessageBytes = 16 * 1024 * 1024

    package private(set) var framing: Framing?
    private let maximumMessageBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes still to discard from an oversized message.
    private var skipping = 0
    /// In line mode: the current line is oversized and is being discarded up to its newline.
    private var discardingLine = false

    package init(maximumMessageBytes: Int = FrameDecoder.defaultMaximumMessageBytes, framing: Framing? = nil) {
        self.maximumMessageBytes = maximumMessageBytes
        self.framing = framing
    }

    package mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed. At end of input pass
    /// `atEnd: true` to get a final unterminated line.
    package mutating func next(atEnd: Bool = false) -> FrameEvent? {
        if framing == nil {
            guard let detected = detectFraming(atEnd: atEnd) else { return nil }
            framing = detected
        }
        switch framing! {
        case .lineDelimited: return nextLine(atEnd: atEnd)
        case .contentLength: return nextHeaderFrame()
        }
    }

    private mutating func detectFraming(atEnd: Bool) -> Framing? {
        var index = start
        while index < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[index]) { index += 1 }
        let available = buffer.count - index
        let prefix = Array("content-".utf8)
        let head = buffer[index..<min(buffer.count, index + prefix.count)].map { $0 | 0x20 }
        if available >= prefix.count {
            return head == prefix ? .contentLength : .lineDelimited
        }
        if available > 0, !prefix.starts(with: head) { return .lineDelimited }
        return atEnd && available > 0 ? .lineDelimited : nil
    }

    private mutating func nextLine(atEnd: Bool) -> FrameEvent? {
        while true {
            let newline = buffer[start...].firstIndex(of: 0x0A)
            if discardingLine {
                guard let newline else {
                    start = buffer.count
                    return nil
                }
                start = newline + 1
                discardingLine = false
                continue
            }
            guard let end = newline ?? (atEnd && start < buffer.count ? buffer.count : nil) else {
                if buffer.count - start > maximumMessageBytes {
                    let size = buffer.count - start
                    start = buffer.count
                    discardingLine = true
                    return .tooLarge(size)
                }
                return nil
            }
            var line = buffer[start..<end]
            start = min(end + 1, buffer.count)
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { if start >= buffer.count { return nil }; continue }
            if line.count > maximumMessageBytes { return .tooLarge(line.count) }
            return .message(Array(line))
        }
    }

    private mutating func nextHeaderFrame() -> FrameEvent? {
        if skipping > 0 {
            let available = min(skipping, buffer.count - start)
            start += available
            skipping -= available
            if skipping > 0 { return nil }
        }
        while start < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[start]) { start += 1 }
        guard let (headerEnd, bodyStart) = findHeaderEnd() else {
            if buffer.count - start > 64 * 1024 {
                start = buffer.count
                return .malformedHeader("header block longer than 64 KiB")
            }
            return nil
        }
        let headerText = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in headerText.split(whereSeparator: { $0 == "\r" || $0 == "\n" }) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingSpaces.lowercased() == "content-length" {
                length = Int(parts[1].trimmingSpaces)
            }
        }
        guard let length, length >= 0 else {
            start = bodyStart
            return .malformedHeader("missing or invalid Content-Length header")
        }
        if length > maximumMessageBytes {
            start = bodyStart
            skipping = length
            _ = nextSkip()
            return .tooLarge(length)
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        return .message(body)
    }

    private mutating func nextSkip() -> Bool {
        let available = min(skipping, buffer.count - start)
        start += available
        skipping -= available
        return skipping == 0
    }

    /// The end of the header block (`\r\n\r\n`, or `\n\n` from lenient clients) and the body start.
    private func findHeaderEnd() -> (Int, Int)? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 0x0A {
                if buffer[index + 1] == 0x0A { return (index, index + 2) }
                if buffer[index + 1] == 0x0D, index + 2 < buffer.count, buffer[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

/// Writes a message in the framing the client used.
package enum FrameEncoder {
    package static func encode(_ body: [UInt8], as framing: Framing) -> [UInt8] {
        switch framing {
        case .lineDelimited: return body + [0x0A]
        case .contentLength: return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }
    }
}
