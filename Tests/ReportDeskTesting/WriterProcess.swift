import Foundation
package import ReportDeskCore

/// A `reportdesk --json --keep-going` script session fed through a pipe, as a cron job or a
/// plugin would drive it: every line it prints is the acknowledgement of one command.
package final class WriterProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var received = Data()
    private var finished = false
    package let commands: [String]

    package init(binary: String, environment: [String: String], commands: [String]) throws {
        self.commands = commands
        // A write to a killed writer must fail with EPIPE, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--json", "--keep-going"]
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = Thread { [self] in
            let handle = output.fileHandleForReading
            while true {
                let chunk = handle.availableData
                lock.withLock {
                    if chunk.isEmpty { finished = true } else { received.append(chunk) }
                }
                if chunk.isEmpty { break }
            }
        }
        reader.start()
        let feeder = Thread { [self] in
            let descriptor = input.fileHandleForWriting.fileDescriptor
            for command in commands {
                let bytes = Array((command + "\n").utf8)
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                    if written <= 0 { return }
                    offset += written
                }
            }
            close(descriptor)
        }
        feeder.start()
    }

    package var processIdentifier: Int32 { process.processIdentifier }

    /// Sends SIGKILL; `false` when the process had already ended by itself.
    @discardableResult
    package func kill() -> Bool {
        guard process.isRunning else { return false }
        Foundation.kill(process.processIdentifier, SIGKILL)
        return true
    }

    /// Waits for the process and its output to end; returns the complete lines it printed, each
    /// paired with the command it acknowledges.
    /// A writer still running after `timeout` seconds is killed; one whose output has not ended
    /// 10 s after that fails the test rather than hang it.
    package func acknowledgements(timeout: Double = 60) throws -> [(command: String, reply: JSONValue)] {
        let deadline = Date().addingTimeInterval(timeout)
        try Polling.wait(for: "a writer process and its output to end", timeout: timeout + 10, interval: 0.001) {
            if Date() > deadline { kill() }
            return !process.isRunning && lock.withLock({ finished })
        }
        let text = lock.withLock { String(decoding: received, as: UTF8.self) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !text.hasSuffix("\n") { lines.removeLast() }  // a line cut by the kill is no acknowledgement
        return zip(commands, lines.filter { !$0.isEmpty }).compactMap { command, line in
            (try? JSONParser.parse(line)).map { (command, $0) }
        }
    }

    package var exitStatus: Int32 { process.terminationStatus }

    /// Whether the process ended by itself (exit 0, or 1 when a command failed) rather than by a
    /// signal: a writer nobody killed that ends by a signal crashed.
    package var exitedNormally: Bool { process.terminationReason == .exit && [0, 1].contains(process.terminationStatus) }
}
