import Foundation
import ReportDeskCore
import ReportDeskInterpreter
import Synchronization

/// The protocol's own descriptor for stdout: one writer at a time, each message written whole with
/// `write(2)` in the client's framing, and never left in a buffer while the server waits for input.
final class ProtocolOutput: Sendable {
    private let descriptor: Int32
    private let state = Mutex(State())

    private struct State {
        var framing: Framing?
        var closed = false
        var pending: [UInt8] = []
    }

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Moves the real stdout to a private descriptor and points fd 1 at stderr, so a stray print
    /// can never corrupt the protocol stream.
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

    /// Replies held while more requests are already waiting; `flush` writes them in one go.
    static let holdLimit = 64 * 1024

    /// Sends one message. With `holding`, it may wait in a buffer for the next ones (the main loop
    /// holds replies only while more requests are queued, and flushes when the queue is empty), so
    /// a pipelined client costs one write per batch of replies rather than one per reply.
    /// Before the client sent anything, one JSON value per line is used.
    func send(_ message: JSONValue, holding: Bool = false) {
        let body = JSONWriter.bytes(message)
        state.withLock { state in
            guard !state.closed else { return }
            state.pending += FrameEncoder.encode(body, as: state.framing ?? .lineDelimited)
            if !holding || state.pending.count >= Self.holdLimit { write(&state) }
        }
    }

    /// Writes whatever replies are held.
    func flush() {
        state.withLock { state in write(&state) }
    }

    /// A failed write (EPIPE when the client closed its end) closes the output quietly.
    private func write(_ state: inout State) {
        guard !state.closed, !state.pending.isEmpty else { return }
        if DescriptorWriter.writeAll(state.pending, to: descriptor) != nil { state.closed = true }
        state.pending.removeAll(keepingCapacity: true)
    }
}
