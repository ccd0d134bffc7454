import ReportDeskCore

/// Bytes to parsed messages: framing, then JSON. The server's reader thread and the in-process
/// tests run the same code, so what the tests feed it is exactly what stdin would.
package struct MessageReader: Sendable {
    private var decoder: FrameDecoder

    package init(maximumMessageBytes: Int = FrameDecoder.defaultMaximumMessageBytes) {
        decoder = FrameDecoder(maximumMessageBytes: maximumMessageBytes)
    }

    /// The client's framing, known from its first non-blank bytes.
    package var framing: Framing? { decoder.framing }

    package mutating func append(_ bytes: some Collection<UInt8>) { decoder.append(bytes) }

    /// The next message or error, or `nil` when more bytes are needed.
    package mutating func next(atEnd: Bool = false) -> Inbound? {
        guard let event = decoder.next(atEnd: atEnd) else { return nil }
        switch event {
        case .message(let bytes):
            do throws(JSONParseError) {
                return .message(try JSONParser.parse(bytes))
            } catch {
                return .error(DeskError(.parseError, "parse error: \(error.description)"))
            }
        case .tooLarge(let size):
            let limit = decoder.maximumMessageBytes
            return .error(DeskError(.invalidRequest, "invalid request: a message of \(size) bytes or more is over the limit of \(limit) bytes; it was skipped",
                                    data: .object(JSONObject([("limit", .int(limit)), ("size", .int(size))]))))
        case .truncated(let size):
            return .error(DeskError(.parseError, "parse error: the input ended inside a message (\(size) bytes of it arrived)"))
        case .malformedHeader(let reason):
            return .error(DeskError(.parseError, "parse error: \(reason); skipped to the next Content-Length header"))
        }
    }
}
