import Foundation
package import ReportDeskCore

/// Runs the built `reportdesk` the way a user or a cron job does: a real process, real pipes.
package struct BinaryRunner: Sendable {
    package var path: String
    package var environment: [String: String]

    /// The binary next to the test bundle (SwiftPM builds it because the tests depend on it), or
    /// `$REPORTDESK_BINARY`.
    package static func locate() -> String {
        if let explicit = ProcessInfo.processInfo.environment["REPORTDESK_BINARY"] { return explicit }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("reportdesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/reportdesk").path
    }

    package init(store: String, clock: String? = "2026-11-24T12:00:00Z", extra: [String: String] = [:]) {
        path = Self.locate()
        var environment = ProcessInfo.processInfo.environment
        environment["REPORTDESK_STORE"] = store
        environment["REPORTDESK_ACTOR"] = "e2e"
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment.removeValue(forKey: "REPORTDESK_CLOCK")
        if let clock { environment["REPORTDESK_CLOCK"] = clock }
        for (key, value) in extra { environment[key] = value }
        self.environment = environment
    }

    package struct Outcome: Sendable {
        package let status: Int32
        package let standardOutput: String
        package let standardError: String

        /// Standard output split into lines (one JSON value each with `--json`).
        package var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }

        package func json() throws -> [JSONValue] {
            try lines.map { try JSONParser.parse($0) }
        }
    }

    /// Runs `reportdesk ARGS` with `input` on stdin, waiting at most `timeout` seconds.
    package func run(_ arguments: [String], input: [UInt8] = [], timeout: Double = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let collected = Collected()
        let outReader = Thread { collected.setOut(stdout.fileHandleForReading.readDataToEndOfFile()) }
        let errReader = Thread { collected.setErr(stderr.fileHandleForReading.readDataToEndOfFile()) }
        outReader.start()
        errReader.start()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw RunnerError.timedOut(arguments)
            }
            usleep(2000)
        }
        // The output ends when the last holder of the pipes closes them, which a leftover child could delay.
        try Polling.wait(for: "the end of the output of reportdesk \(arguments.joined(separator: " "))", timeout: timeout,
                         interval: 0.001) { collected.done }
        return Outcome(status: process.terminationStatus, standardOutput: collected.out, standardError: collected.err)
    }

    package func run(_ arguments: [String], input: String) throws -> Outcome {
        try run(arguments, input: Array(input.utf8))
    }

    package enum RunnerError: Error { case timedOut([String]) }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outData: Data?
    private var errData: Data?

    func setOut(_ data: Data) { lock.withLock { outData = data } }
    func setErr(_ data: Data) { lock.withLock { errData = data } }
    var done: Bool { lock.withLock { outData != nil && errData != nil } }
    var out: String { lock.withLock { String(decoding: outData ?? Data(), as: UTF8.self) } }
    var err: String { lock.withLock { String(decoding: errData ?? Data(), as: UTF8.self) } }
}

extension BinaryRunner {
    /// Runs the sqlite3 shell on a store's database, to look at it from outside ReportDesk.
    package static func sqlite(_ database: String, _ sql: String) throws -> Outcome {
        var runner = BinaryRunner(store: "/nonexistent")
        runner.path = "/usr/bin/sqlite3"
        return try runner.run([database], input: sql)
    }
}
