import Foundation
import ReportDeskTesting

/// `reportdesk` on a pseudo-terminal (through util-linux `script`, which Debian always has), so it
/// runs its REPL with line editing and a history file. Its standard error goes to a file of its
/// own, so a test reads exactly what the REPL told there.
final class TerminalProcess {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private let errorsPath: String
    /// Everything the terminal has shown so far.
    private(set) var screen = ""

    /// Starts the REPL, or returns nil after printing why it cannot.
    static func start(_ runner: BinaryRunner, errorsPath: String, for test: String) -> TerminalProcess? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("\(test): skipped, util-linux script is not installed to give the REPL a terminal")
            return nil
        }
        do {
            return try TerminalProcess(runner, errorsPath: errorsPath)
        } catch {
            print("\(test): skipped, the REPL cannot be started on a terminal here (\(error))")
            return nil
        }
    }

    private init(_ runner: BinaryRunner, errorsPath: String) throws {
        self.errorsPath = errorsPath
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["--quiet", "--flush", "--return", "--command",
                             "exec \(Self.quoted(runner.path)) 2>\(Self.quoted(errorsPath))", "/dev/null"]
        var environment = runner.environment
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// How many prompts the terminal has shown.
    var prompts: Int { screen.components(separatedBy: "> ").count - 1 }

    /// Waits for the first prompt.
    func started(seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while prompts == 0, process.isRunning, Date() < deadline { read(until: deadline) }
        return prompts > 0
    }

    /// Types a line and waits (up to `seconds`) for the next prompt; returns what the terminal
    /// showed in between.
    @discardableResult
    func type(_ line: String, seconds: Double = 20) -> String {
        let start = screen.endIndex
        let before = prompts
        input.fileHandleForWriting.write(Data((line + "\r").utf8))
        let deadline = Date().addingTimeInterval(seconds)
        while prompts <= before, process.isRunning, Date() < deadline { read(until: deadline) }
        return String(screen[start...])
    }

    /// Leaves with `quit`; returns the exit status and everything the REPL wrote to standard error.
    func quit(seconds: Double = 20) -> (status: Int32, errors: String) {
        input.fileHandleForWriting.write(Data("quit\r".utf8))
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { read(until: min(deadline, Date().addingTimeInterval(0.2))) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let errors = FileManager.default.contents(atPath: errorsPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (process.terminationStatus, errors)
    }

    private func read(until deadline: Date) {
        let descriptor = output.fileHandleForReading.fileDescriptor
        var wanted = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow, 1)) * 1000)
        guard poll(&wanted, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
        if count > 0 { screen += String(decoding: buffer[0..<count], as: UTF8.self) }
    }

    private static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
