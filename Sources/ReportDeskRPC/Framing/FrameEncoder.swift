/// Writes a message in the framing the client used.
package enum FrameEncoder {
    package static func encode(_ body: [UInt8], as framing: Framing) -> [UInt8] {
        switch framing {
        case .lineDelimited: return body + [0x0A]
        case .contentLength: return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }
    }
}
