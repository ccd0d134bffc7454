import Foundation
package import ReportDeskCommands
import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// `reportdesk rpc`: JSON-RPC 2.0 on stdin/stdout until end of input (README, JSON-RPC).
/// A reader thread splits and parses frames (so cancellations are seen while requests wait), the
/// main thread answers them in order, and a watcher sends `store/changed` for other processes'
/// commits. Only protocol messages reach the real stdout; fd 1 is pointed at stderr.
package final class RPCServer: Sendable {
    /// The store's versions and changes come from the desk, which also knows this session's own writes.
    private let desk: Desk
    private let dispatcher: RPCDispatcher
    private let output: ProtocolOutput
    private let inbox = Inbox()
    /// The newest version the watcher has looked at. The main thread holds this lock while a
    /// message is handled, so the watcher never sees this session's commit before the session
    /// has recorded it as its own (which would notify the client of its own change).
    private let watched = Mutex(Int?.none)
    /// How often the watcher looks for other processes' commits, well inside the one second the
    /// contract allows.
    static let watchInterval: UInt32 = 200_000

    package init(settings: SessionSettings, registry: CommandRegistry, serverVersion: String) {
        let confirmations = ConfirmationGate()
        desk = Desk(settings: settings)
        dispatcher = RPCDispatcher(interpreter: Interpreter(session: Session(environment: desk, registry: registry,
                                                                             interaction: confirmations)),
                                   serverVersion: serverVersion, confirmations: confirmations)
        output = ProtocolOutput(descriptor: ProtocolOutput.takeStandardOutput())
    }

    /// Serves until end of input, `exit`, or the client closing its end; returns the exit status.
    package func run() -> Int32 {
        watched.withLock { $0 = try? desk.currentVersion() }
        var sharedReads = SharedReads(desk: desk)
        startReader()
        startWatcher()
        while true {
            switch inbox.take() {
            case .end:
                output.flush()
                return dispatcher.exitStatus ?? 0
            case .inbound(let inbound):
                let reads = dispatcher.onlyReads(inbound)
                if !reads {
                    sharedReads.end()
                } else if inbox.hasWaiting {
                    sharedReads.begin()
                }
                // What the handling sends besides its reply (a subscription's acknowledgment) goes out
                // under the lock, so the watcher cannot notify a subscription before acknowledging it.
                let reply = watched.withLock { _ in
                    let reply = dispatcher.handle(inbound)
                    for message in dispatcher.takeOutgoing() { output.send(message) }
                    return reply
                }
                let more = inbox.hasWaiting
                if !more { sharedReads.end() }
                if let reply { output.send(reply, holding: more && reads) }
                if !more { output.flush() }
                if output.isClosed { return 0 }
                if let status = dispatcher.exitStatus {
                    output.flush()
                    return status
                }
            }
        }
    }

    private func startReader() {
        let inbox = self.inbox
        let dispatcher = self.dispatcher
        let output = self.output
        let thread = Thread {
            var reader = MessageReader()
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            var atEnd = false
            while !atEnd {
                let count = read(STDIN_FILENO, &chunk, chunk.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { atEnd = true } else { reader.append(chunk[..<count]) }
                while true {
                    let inbound = reader.next(atEnd: atEnd)
                    if let framing = reader.framing { output.adopt(framing) }
                    guard let inbound else { break }
                    if case .message(let message) = inbound { dispatcher.noteArrival(message) }
                    inbox.put(.inbound(inbound))
                }
            }
            inbox.put(.end)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Sends `store/changed` and MCP resource updates when another process (or client) commits.
    private func startWatcher() {
        let thread = Thread { [self] in
            while !output.isClosed {
                usleep(RPCServer.watchInterval)
                guard dispatcher.watchesChanges else { continue }
                let messages = watched.withLock { seen in
                    foreignChange(&seen).map { dispatcher.changeNotifications(version: $0.version, keys: $0.keys) } ?? []
                }
                for message in messages { output.send(message) }
            }
        }
        thread.start()
    }

    /// The newest version and the keys of commits after `seen` that this session did not make.
    private func foreignChange(_ seen: inout Int?) -> (version: Int, keys: [Int])? {
        guard let since = seen ?? (try? desk.currentVersion()),
              let (latest, keys, foreign) = try? desk.foreignChanges(after: since) else { return nil }
        seen = latest
        return foreign ? (latest, keys) : nil
    }
}

/// Pipelined reads answered one after another share one snapshot of the store, for a bounded run so
/// another process's commits still show within a few milliseconds.
private struct SharedReads {
    static let readsPerSnapshot = 256
    let desk: Desk
    private var count = 0

    init(desk: Desk) { self.desk = desk }

    mutating func begin() {
        if count >= Self.readsPerSnapshot { end() }
        if count == 0 { desk.beginSharedReads() }
        count += 1
    }

    mutating func end() {
        guard count > 0 else { return }
        desk.endSharedReads()
        count = 0
    }
}
