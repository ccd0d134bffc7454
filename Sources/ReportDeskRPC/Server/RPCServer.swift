import Foundation
import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// `reportdesk rpc`: JSON-RPC 2.0 on stdin/stdout until end of input (INTERFACE.md, JSON-RPC).
/// A reader thread splits and parses frames (so cancellations are seen while requests wait), the
/// main thread answers them in order, and a watcher sends `store/changed` for other processes'
/// commits. Only protocol messages reach the real stdout; fd 1 is pointed at stderr.
package final class RPCServer: Sendable {
    private let session: Session
    private let dispatcher: RPCDispatcher
    private let output: ProtocolOutput
    private let inbox = Inbox()
    /// The newest version the watcher has looked at.
    private let lastSeenVersion = Mutex(Int?.none)
    /// How often the watcher looks for other processes' commits.
    static let watchInterval: UInt32 = 200_000

    package init(settings: SessionSettings, registry: CommandRegistry, serverVersion: String) {
        session = Session(settings: settings, registry: registry)
        dispatcher = RPCDispatcher(interpreter: Interpreter(session: session), serverVersion: serverVersion)
        output = ProtocolOutput(descriptor: ProtocolOutput.takeStandardOutput())
    }

    /// Serves until end of input or `exit`; returns the process's exit status.
    package func run() -> Int32 {
        if let version = try? session.currentVersion() { lastSeenVersion.withLock { $0 = version } }
        startReader()
        startWatcher()
        while true {
            switch inbox.take() {
            case .end:
                return dispatcher.exitStatus ?? 0
            case .reply(let reply, let framing):
                output.send(reply, framing: framing)
            case .message(let message, let framing):
                if let reply = dispatcher.handle(message) { output.send(reply, framing: framing) }
                if let status = dispatcher.exitStatus { return status }
            }
        }
    }

    private func startReader() {
        let inbox = self.inbox
        let dispatcher = self.dispatcher
        let thread = Thread {
            var decoder = FrameDecoder()
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            var atEnd = false
            while !atEnd {
                let count = read(STDIN_FILENO, &chunk, chunk.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { atEnd = true } else { decoder.append(chunk[..<count]) }
                while let event = decoder.next(atEnd: atEnd) {
                    let framing = decoder.framing ?? .lineDelimited
                    switch event {
                    case .message(let bytes):
                        do throws(JSONParseError) {
                            let message = try JSONParser.parse(bytes)
                            dispatcher.noteArrival(message)
                            inbox.put(.message(message, framing))
                        } catch {
                            inbox.put(.reply(dispatcher.parseErrorReply(error), framing))
                        }
                    case .tooLarge(let size):
                        inbox.put(.reply(OutgoingMessage.error(id: .null, DeskError(
                            .invalidRequest, "message of \(size) bytes is over the limit of \(FrameDecoder.defaultMaximumMessageBytes) bytes (16 MiB)")), framing))
                    case .malformedHeader(let reason):
                        inbox.put(.reply(OutgoingMessage.error(id: .null, DeskError(.parseError, "parse error: \(reason)")), framing))
                    }
                }
            }
            inbox.put(.end)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Sends `store/changed` with the new version and keys when another process (or client) commits.
    private func startWatcher() {
        let thread = Thread { [self] in
            while true {
                usleep(RPCServer.watchInterval)
                guard dispatcher.sendsChangeNotifications, let framing = output.framing,
                      let seen = lastSeenVersion.withLock({ $0 }) ?? (try? session.currentVersion()) else { continue }
                guard let (latest, keys, foreign) = try? session.foreignChanges(after: seen) else { continue }
                lastSeenVersion.withLock { $0 = latest }
                guard foreign else { continue }
                output.send(OutgoingMessage.notification("store/changed", .object(JSONObject([
                    ("version", .int(latest)), ("keys", .array(keys.map(JSONValue.int))),
                ]))), framing: framing)
            }
        }
        thread.start()
    }
}

/// Messages waiting for the main thread, in arrival order.
final class Inbox: Sendable {
    enum Item: Sendable {
        case message(JSONValue, Framing)
        case reply(JSONValue, Framing)
        case end
    }

    private let items = Mutex<[Item]>([])
    private let available = DispatchSemaphore(value: 0)

    func put(_ item: Item) {
        items.withLock { $0.append(item) }
        available.signal()
    }

    func take() -> Item {
        available.wait()
        return items.withLock { $0.removeFirst() }
    }
}

/// The protocol's own descriptor for stdout: one writer at a time, each message flushed whole.
final class ProtocolOutput: Sendable {
    private let descriptor: Int32
    private let lock = Mutex<Framing?>(nil)

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Moves the real stdout to a private descriptor and points fd 1 at stderr, so a stray print
    /// can never corrupt the protocol stream.
    static func takeStandardOutput() -> Int32 {
        let saved = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return saved
    }

    /// The framing of the first message sent, used for notifications.
    var framing: Framing? { lock.withLock { $0 } }

    func send(_ message: JSONValue, framing: Framing) {
        let bytes = FrameEncoder.encode(JSONWriter.bytes(message), as: framing)
        lock.withLock { current in
            if current == nil { current = framing }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    // The client closed its end: nothing more can be said, and every command
                    // already committed or rolled back, so leave quietly.
                    exit(0)
                }
                offset += written
            }
        }
    }
}
