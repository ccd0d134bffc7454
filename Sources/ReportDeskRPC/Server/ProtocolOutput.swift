import Foundation
import ReportDeskCore
import Synchronization

/// The protocol's own descriptor for stdout: one writer at a time, each message written whole with
/// `write(2)` (no buffer, so every message is flushed as it is sent), in the client's framing.
final class ProtocolOutput: Sendable {
    private let descriptor: Int32
    private let state = Mutex(State())

    private struct State {
        var framing: Framing?
        var closed = false
    }

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Moves the real stdout to a private descriptor and points fd 1 at stderr, so a stray print
    /// can never corrupt the protocol stream (STYLE 8).
    static func takeStandardOutput() -> Int32 {
        let saved = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return saved
    }

    /// Records the client's framing as soon as the reader detected it, so notifications can be
    /// sent before any reply was.
    func adopt(_ framing: Framing) {
        state.withLock { if $0.framing == nil { $0.framing = framing } }
    }

    /// Whether the client closed its end: nothing more can be said.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Writes one message; a failed write (EPIPE when the client closed its end) closes the output
    /// quietly. Before the client sent anything, one JSON value per line is used.
    func send(_ message: JSONValue) {
        let body = JSONWriter.bytes(message)
        state.withLock { state in
            guard !state.closed else { return }
            let bytes = FrameEncoder.encode(body, as: state.framing ?? .lineDelimited)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    state.closed = true
                    return
                }
                offset += written
            }
        }
    }
}
