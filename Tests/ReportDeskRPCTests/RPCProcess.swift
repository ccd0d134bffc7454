import Foundation
import ReportDeskCore
import ReportDeskRPC
import ReportDeskTesting

/// `reportdesk rpc` as a child process over real pipes, driven one message at a time the way an
/// editor plugin drives it: it writes, waits for what comes back, and writes again. Everything the
/// server writes to stdout is decoded in the framing the client uses and kept with its arrival time.
final class RPCProcess: @unchecked Sendable {
    struct Message: Sendable {
        let value: JSONValue
        let arrival: ContinuousClock.Instant
    }

    let framing: Framing
    private let process = Process()
    private let input = Pipe()
    private let condition = NSCondition()
    private var messages: [Message] = []
    private var taken = 0
    private var undecodable: [String] = []
    private var ended = false
    private var errorOutput = Data()
    /// How long to wait before deciding the server hung; only a guard against a stuck suite.
    static let hangGuard: Duration = .seconds(60)

    init(runner: BinaryRunner, framing: Framing = .lineDelimited) throws {
        self.framing = framing
        process.executableURL = URL(fileURLWithPath: runner.path)
        process.arguments = ["rpc"]
        process.environment = runner.environment
        let output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        Thread { [self] in collect(output.fileHandleForReading.fileDescriptor) }.start()
        Thread { [self] in
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            condition.withLock { errorOutput = data }
        }.start()
    }

    private func collect(_ descriptor: Int32) {
        var decoder = FrameDecoder(framing: framing)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            let atEnd = count <= 0
            if !atEnd { decoder.append(chunk[..<count]) }
            var arrived: [Message] = []
            var bad: [String] = []
            while let event = decoder.next(atEnd: atEnd) {
                guard case .message(let bytes) = event, let value = try? JSONParser.parse(bytes) else {
                    bad.append("\(event)")
                    continue
                }
                arrived.append(Message(value: value, arrival: .now))
            }
            condition.withLock {
                messages += arrived
                undecodable += bad
                ended = atEnd
                condition.broadcast()
            }
            if atEnd { return }
        }
    }

    /// Sends bytes as they are, unframed; a server that already ended makes this a no-op.
    func write(_ bytes: [UInt8]) {
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(bytes))
    }

    /// Sends one message in this client's framing.
    func send(_ message: JSONValue) {
        write(FrameEncoder.encode(JSONWriter.bytes(message), as: framing))
    }

    func request(_ method: String, _ params: JSONValue? = nil, id: JSONValue) {
        var message = JSONObject([("jsonrpc", "2.0"), ("id", id), ("method", .string(method))])
        if let params { message["params"] = params }
        send(.object(message))
    }

    /// The next message not yet taken, or `nil` when the server ended its output (or hung).
    func next() -> Message? {
        let deadline = Date(timeIntervalSinceNow: Double(Self.hangGuard.components.seconds))
        return condition.withLock {
            while taken == messages.count && !ended {
                if !condition.wait(until: deadline) { return nil }
            }
            guard taken < messages.count else { return nil }
            taken += 1
            return messages[taken - 1]
        }
    }

    /// Messages up to and including the reply with this id: (the reply, what came before it).
    func reply(to id: JSONValue) -> (reply: JSONValue?, before: [Message]) {
        var before: [Message] = []
        while let message = next() {
            if message.value["method"] == nil, message.value["id"] == id { return (message.value, before) }
            before.append(message)
        }
        return (nil, before)
    }

    /// Sends a request and waits for its reply, keeping any notification that came first.
    func call(_ method: String, _ params: JSONValue? = nil, id: JSONValue) -> (reply: JSONValue?, before: [Message]) {
        request(method, params, id: id)
        return reply(to: id)
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits for the process to end: its status, and whether it exited rather than being killed.
    func waitForExit() -> (status: Int32, exited: Bool) {
        let deadline = Date(timeIntervalSinceNow: Double(Self.hangGuard.components.seconds))
        while process.isRunning && Date() < deadline { usleep(2000) }
        if process.isRunning {
            process.terminate()
            return (-1, false)
        }
        return (process.terminationStatus, process.terminationReason == .exit)
    }

    /// Output that did not decode as a message in the client's framing (should be none).
    var undecodableOutput: [String] { condition.withLock { undecodable } }

    var standardError: String { condition.withLock { String(decoding: errorOutput, as: UTF8.self) } }

    func stop() {
        closeInput()
        _ = waitForExit()
    }
}
