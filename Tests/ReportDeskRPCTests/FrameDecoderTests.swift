import Testing
import ReportDeskRPC

/// The framing layer on raw bytes, without a process: detection, both framings, partial reads, limits and
/// recovery from bad headers.
@Suite("Framing: splitting the byte stream into messages")
struct FrameDecoderTests {
    /// Every event of `bytes` fed in chunks of `chunk` bytes, then at end of input.
    static func events(_ bytes: [UInt8], chunk: Int = .max, limit: Int = FrameDecoder.defaultMaximumMessageBytes) -> [FrameEvent] {
        var decoder = FrameDecoder(maximumMessageBytes: limit)
        var events: [FrameEvent] = []
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + max(1, min(chunk, bytes.count)))
            decoder.append(bytes[offset..<end])
            offset = end
            while let event = decoder.next() { events.append(event) }
        } while offset < bytes.count
        while let event = decoder.next(atEnd: true) { events.append(event) }
        return events
    }

    static func events(_ text: String, chunk: Int = .max, limit: Int = FrameDecoder.defaultMaximumMessageBytes) -> [FrameEvent] {
        events(Array(text.utf8), chunk: chunk, limit: limit)
    }

    static func message(_ text: String) -> FrameEvent { .message(Array(text.utf8)) }

    static func framed(_ body: String, headers: String = "") -> String {
        "Content-Length: \(body.utf8.count)\r\n\(headers)\r\n\(body)"
    }

    @Test("one JSON value per line, with CRLF, blank and white-space-only lines skipped")
    func lines() {
        let stream = "\n\n  \n{\"a\":1}\n\r\n\t\n{\"b\":2}\r\n[3]\n"
        #expect(Self.events(stream) == [Self.message("{\"a\":1}"), Self.message("{\"b\":2}"), Self.message("[3]")])
    }

    @Test("a final line without a newline is a message only at end of input")
    func unterminatedLine() {
        var decoder = FrameDecoder()
        decoder.append(Array("{\"a\":1}".utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.framing == .lineDelimited)
        #expect(decoder.next(atEnd: true) == Self.message("{\"a\":1}"))
        #expect(decoder.next(atEnd: true) == nil)
    }

    @Test("Content-Length framing, with and without Content-Type, any header case and order")
    func contentLength() {
        let first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"
        let second = "{\"text\":\"über\\n\"}"
        let stream = Self.framed(first)
            + Self.framed(second, headers: "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n")
            + "content-type: application/json\r\nCONTENT-LENGTH:  \(first.utf8.count) \r\n\r\n" + first
        #expect(Self.events(stream) == [Self.message(first), Self.message(second), Self.message(first)])
    }

    @Test("the body is taken by its length, whatever it holds: newlines, blank lines, header-like text")
    func bodyByLength() {
        let body = "{\"a\":\n\r\n\r\n\"Content-Length: 3\"}"
        #expect(Self.events(Self.framed(body) + Self.framed("[]")) == [Self.message(body), Self.message("[]")])
    }

    @Test("lenient header endings: LF only, and CRLF between messages")
    func lenientHeaders() {
        #expect(Self.events("Content-Length: 2\n\n[]\r\nContent-Length: 2\r\n\r\n{}") == [Self.message("[]"), Self.message("{}")])
    }

    @Test("header framing is detected from the first non-blank bytes, in any case, whichever header comes first",
          arguments: ["Content-Length: 2\r\n\r\n[]", "  \r\n\tcontent-length: 2\r\n\r\n[]", "Content-Type: x\r\nContent-Length: 2\r\n\r\n[]"])
    func detectsHeaders(stream: String) {
        var decoder = FrameDecoder()
        decoder.append(Array(stream.utf8))
        #expect(decoder.next() == Self.message("[]"))
        #expect(decoder.framing == .contentLength)
    }

    @Test("the first bytes of a header name do not decide the framing yet")
    func waitsForHeaderName() {
        var decoder = FrameDecoder()
        decoder.append(Array("Cont".utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.framing == nil)
        decoder.append(Array("ent-Length: 2\r\n\r\n{}".utf8))
        #expect(decoder.next() == Self.message("{}"))
    }

    @Test("a stream that starts like JSON is line-delimited as soon as its first byte arrives", arguments: ["{", "[", " \n1"])
    func detectsLines(start: String) {
        var decoder = FrameDecoder()
        decoder.append(Array(start.utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.framing == .lineDelimited)
    }

    @Test("split reads: every split point and byte-by-byte feeding give the same messages, in both framings")
    func partialReads() {
        let line = "{\"jsonrpc\":\"2.0\",\"id\":\"é\",\"method\":\"ping\"}\r\n\n[1,2]\n"
        let header = Self.framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", headers: "Content-Type: a\r\n") + Self.framed("[]")
        for stream in [line, header] {
            let whole = Self.events(stream)
            #expect(whole.count == 2)
            #expect(Self.events(stream, chunk: 1) == whole)
            let bytes = Array(stream.utf8)
            for split in 1..<bytes.count {
                var decoder = FrameDecoder()
                var events: [FrameEvent] = []
                decoder.append(bytes[..<split])
                while let event = decoder.next() { events.append(event) }
                decoder.append(bytes[split...])
                while let event = decoder.next(atEnd: true) { events.append(event) }
                #expect(events == whole, "split at \(split)")
            }
        }
    }

    @Test("a line at the limit is accepted, one byte over is refused, and the next line still comes through")
    func lineLimit() {
        let limit = 32
        let fits = "[" + String(repeating: "1", count: 30) + "]"
        let over = "[" + String(repeating: "1", count: 31) + "]"
        #expect(Self.events(fits + "\n" + over + "\n[]\n", limit: limit) == [Self.message(fits), .tooLarge(33), Self.message("[]")])
        #expect(Self.events(fits + "\n" + over + "\n[]\n", chunk: 5, limit: limit).last == Self.message("[]"))
    }

    @Test("a Content-Length over the limit is refused from its header and its body skipped in stride")
    func headerLimit() {
        let body = String(repeating: "x", count: 100)
        let stream = Self.framed(body) + Self.framed("{}")
        #expect(Self.events(stream, limit: 64) == [.tooLarge(100), Self.message("{}")])
        #expect(Self.events(stream, chunk: 7, limit: 64) == [.tooLarge(100), Self.message("{}")])
    }

    @Test("a 17 MiB line is refused at 16 MiB, before it ends, and never held whole in memory")
    func oversizedLineIsNotBuffered() {
        var decoder = FrameDecoder()
        let chunk = [UInt8](repeating: UInt8(ascii: "7"), count: 64 * 1024)
        let limit = FrameDecoder.defaultMaximumMessageBytes
        decoder.append([UInt8(ascii: "[")])
        var refusedAfter: Int?
        var fed = 1
        var peak = 0
        while fed < limit + limit / 16 {
            decoder.append(chunk)
            fed += chunk.count
            peak = max(peak, decoder.retainedByteCount)
            while let event = decoder.next() {
                guard case .tooLarge = event else { Issue.record("unexpected \(event)"); return }
                refusedAfter = refusedAfter ?? fed
            }
        }
        decoder.append(Array("]\n[1]\n".utf8))
        #expect(decoder.next() == .message(Array("[1]".utf8)))
        #expect(refusedAfter.map { $0 <= limit + chunk.count } == true, "refused as soon as the line passed 16 MiB")
        #expect(peak <= limit + 2 * chunk.count)
    }

    @Test("a 32 MiB Content-Length body is skipped chunk by chunk without being held")
    func oversizedBodyIsNotBuffered() {
        var decoder = FrameDecoder()
        let size = 2 * FrameDecoder.defaultMaximumMessageBytes
        decoder.append(Array("Content-Length: \(size)\r\n\r\n".utf8))
        #expect(decoder.next() == .tooLarge(size))
        let chunk = [UInt8](repeating: 0x20, count: 64 * 1024)
        var peak = 0
        for _ in 0..<(size / chunk.count) {
            decoder.append(chunk)
            peak = max(peak, decoder.retainedByteCount)
            #expect(decoder.next() == nil)
        }
        decoder.append(Array(Self.framed("[]").utf8))
        #expect(decoder.next() == .message(Array("[]".utf8)))
        #expect(peak <= 2 * chunk.count)
    }

    @Test("a malformed header block is refused once, and decoding resumes at the next Content-Length", arguments: [
        "Content-Type: x\r\n\r\n{\"lost\":1}",
        "Content-Length: abc\r\n\r\n{\"lost\":1}",
        "Content-Length: -4\r\n\r\n{\"lost\":1}",
        "Content-Length: 99999999999999999999999\r\n\r\n{\"lost\":1}",
        "Content-Length 10\r\n\r\n{\"lost\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n",
        "Content-Length: 2\r\nBad Header\r\n\r\n[]",
        ": no name\r\n\r\n",
    ])
    func malformedHeader(bad: String) {
        let stream = Self.framed("[1]") + bad + Self.framed("[2]")
        let expected: [FrameEvent] = [Self.message("[1]"), .malformedHeader(""), Self.message("[2]")]
        for chunk in [Int.max, 3, 1] {
            let events = Self.events(stream, chunk: chunk).map { event -> FrameEvent in
                if case .malformedHeader = event { return .malformedHeader("") }
                return event
            }
            #expect(events == expected, "chunk \(chunk)")
        }
    }

    @Test("input that ends inside a Content-Length frame is reported once, not dropped in silence",
          arguments: ["Content-Length: 10\r\n\r\n{\"a\"", "Content-Length: 10\r\n", "Content-Len"])
    func truncatedAtEnd(tail: String) {
        let events = Self.events(Self.framed("[1]") + tail)
        #expect(events.count == 2)
        #expect(events.first == Self.message("[1]"))
        #expect(events.last == .truncated(tail.utf8.count))
    }

    @Test("a header block over 64 KiB is refused without waiting for its end")
    func headerBlockLimit() {
        let stream = Self.framed("[1]") + "X-Padding: " + String(repeating: "p", count: 70 * 1024)
        let events = Self.events(stream + "\r\n\r\n" + Self.framed("[2]"), chunk: 4096)
        #expect(events.count == 3)
        #expect(events.first == Self.message("[1]"))
        if case .malformedHeader(let reason) = events[1] { #expect(reason.contains("64 KiB")) } else { Issue.record("\(events)") }
        #expect(events.last == Self.message("[2]"))
    }

    @Test("the encoder frames replies in the client's framing, counting bytes, not characters")
    func encoder() {
        let body = Array("{\"t\":\"画面\"}".utf8)
        #expect(FrameEncoder.encode(body, as: .lineDelimited) == body + [0x0A])
        #expect(FrameEncoder.encode(body, as: .contentLength) == Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        #expect(Self.events(FrameEncoder.encode(body, as: .contentLength)) == [.message(body)])
    }
}
