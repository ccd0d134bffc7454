/// How messages are delimited on the stream, detected from its first bytes (README, JSON-RPC).
package enum Framing: Sendable, Equatable {
    /// One JSON value per line.
    case lineDelimited
    /// LSP-style `Content-Length:` headers, an optional `Content-Type`, a blank line, the body.
    case contentLength
}
