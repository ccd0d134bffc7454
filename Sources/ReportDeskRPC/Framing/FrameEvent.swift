/// What the decoder found next in the stream.
package enum FrameEvent: Sendable, Equatable {
    case message([UInt8])
    /// A message over the size limit was skipped; the size is at least this many bytes.
    case tooLarge(Int)
    /// Bytes that were not a valid header block were skipped, up to the next `Content-Length` header.
    case malformedHeader(String)
    /// The input ended inside a `Content-Length` frame; this many bytes of it were dropped.
    case truncated(Int)
}
