import Foundation
import ReportDeskCore
import ReportDeskInterpreter
import Synchronization

/// The REPL's answers to a command's questions: confirmation before bulk changes, `$EDITOR` for
/// long notes, and a progress line on stderr for long imports.
final class TerminalInteraction: Interaction {
    let environment: [String: String]
    private let lastDraw = Mutex<Double>(0)

    init(environment: [String: String]) { self.environment = environment }

    func confirm(_ question: String, details: [String]) -> Bool {
        Console.write("\(question)\n  \(details.map(SafeText.line).joined(separator: " "))\nProceed? [y/N] ")
        guard let answer = Swift.readLine()?.trimmed.lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }

    func progress(_ update: ProgressUpdate) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let now = update.elapsedSeconds
        guard update.finished || lastDraw.withLock({ previous in
            guard now - previous >= 0.2 else { return false }
            previous = now
            return true
        }) else { return }
        let rate = update.elapsedSeconds > 0 ? Double(update.done) / update.elapsedSeconds : 0
        var line = "\r\u{1B}[2K\(update.done) \(update.unit)"
        if let total = update.total, total > 0 {
            let share = Double(update.done) / Double(total)
            let filled = Int(share * 24)
            line = "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled) + "] \(Int(share * 100))%  \(update.done) \(update.unit)"
            if rate > 0, !update.finished { line += ", ETA \(Int((1 - share) * Double(total) / rate)) s" }
        }
        line += String(format: "  %.0f %@/s", rate, update.unit)
        if update.finished { line += "\n" }
        Console.write(line, to: STDERR_FILENO)
    }

    func editText(_ text: String, purpose: String) throws(DeskError) -> String? {
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let path = NSTemporaryDirectory() + "reportdesk-note-\(getpid()).txt"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DeskError.internalError("cannot create a temporary file for the editor")
        }
        defer { unlink(path) }
        Console.write("Editing the \(purpose) in \(editor); save and quit the editor to keep it.\n")
        let status = Self.runInTerminal(["/bin/sh", "-c", "\(editor) \"$1\"", "editor", path])
        guard status == 0 else {
            throw DeskError(.requestCancelled, "the editor exited with status \(status); the note was left unchanged")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.hasSuffix("\n"), !text.hasSuffix("\n") { edited.removeLast() }
        return edited == text ? nil : edited
    }

    /// Runs a program on the REPL's terminal and waits for it.
    private static func runInTerminal(_ arguments: [String]) -> Int32 {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }
}
