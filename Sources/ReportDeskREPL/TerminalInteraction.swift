import Foundation
package import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// The REPL's answers to a command's questions: confirmation before bulk changes, `$EDITOR` for
/// long notes, and a progress line on stderr for long imports.
package final class TerminalInteraction: Interaction {
    let environment: [String: String]
    private let console: Console
    private let progressLine: ProgressLine

    package init(environment: [String: String], console: Console) {
        self.environment = environment
        self.console = console
        progressLine = ProgressLine(console: console)
    }

    /// Shows how many and which, and asks once; only `y` or `yes` goes ahead (Enter, Ctrl-C and
    /// Ctrl-D do not).
    package func confirm(_ question: String, details: [String]) -> Bool {
        let lines = [SafeText.line(question)] + details.map { "  " + SafeText.line($0) } + ["Proceed? [y/N] "]
        console.out(lines.joined(separator: "\n"))
        guard let answer = TerminalInput.readLine()?.trimmed.lowercased() else {
            console.out("\n")
            return false
        }
        return answer == "y" || answer == "yes"
    }

    package func progress(_ update: ProgressUpdate) {
        progressLine.draw(update)
    }

    /// Writes the text to a private temporary file, runs `$VISUAL` or `$EDITOR` (else `vi`) on it
    /// through the shell (so `code --wait` works) and reads it back; `nil` when nothing changed.
    package func editText(_ text: String, purpose: String) throws(DeskError) -> String? {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmed.isEmpty } ?? "vi"
        var template = Array((NSTemporaryDirectory() + "reportdesk-note-XXXXXX.txt").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { throw DeskError.internalError("cannot create a temporary file for the editor") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        var bytes = Array(text.utf8)
        let count = bytes.count
        let written = count == 0 ? 0 : bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress!, count) }
        close(descriptor)
        guard written == count else { throw DeskError.internalError("cannot write the temporary file for the editor") }
        console.out("Editing the \(purpose) in \(SafeText.line(editor)); save and quit the editor to keep it.\n")
        let status = Self.runInTerminal(["/bin/sh", "-c", "\(editor) \"$1\"", "editor", path])
        guard status == 0 else {
            throw DeskError(.requestCancelled, "the editor exited with status \(status); the note was left unchanged")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.hasSuffix("\n"), !text.hasSuffix("\n") { edited.removeLast() }
        return edited == text ? nil : edited
    }

    /// Runs a program on the REPL's terminal and waits for it; its exit status, or 128 plus the
    /// signal that ended it (Ctrl-C reaches the editor too, and must not read as success).
    private static func runInTerminal(_ arguments: [String]) -> Int32 {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
