import CLibEdit
import Foundation
package import ReportDeskInterpreter

/// Line editing, history and Tab completion from libedit (the design card's system library).
/// History lives in the store's folder, owner-only, de-duplicated and bounded; Ctrl-R searches it.
package final class LibEditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String
    private let completer: Completer
    /// The prompt libedit asks for through a C callback.
    private var promptBuffer: UnsafeMutablePointer<CChar>

    package static let historySize: Int32 = 1000

    package init?(completer: Completer, historyPath: String) {
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w"),
              let errors = fdopen(STDERR_FILENO, "w"),
              let editLine = el_init("reportdesk", input, output, errors) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.completer = completer
        promptBuffer = strdup("> ")
        rd_history_set_size(history, Self.historySize)
        rd_history_set_unique(history, 1)
        _ = rd_history_load(history, historyPath)
        rd_el_set_editor(editLine, "emacs")
        rd_el_set_signal(editLine, 1)
        rd_el_set_history(editLine, history)
        rd_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        rd_el_set_prompt(editLine) { editLine in
            guard let editLine, let data = rd_el_get_client_data(editLine) else { return nil }
            return Unmanaged<LibEditLineReader>.fromOpaque(data).takeUnretainedValue().promptBuffer
        }
        rd_el_add_function(editLine, "rd-complete", "Complete a command, option, value or report key") { editLine, _ in
            guard let editLine, let data = rd_el_get_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<LibEditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
        }
        rd_el_bind(editLine, "^I", "rd-complete")
        rd_el_bind(editLine, "^R", "em-inc-search-prev")
        _ = rd_el_source(editLine)
        InterruptSignal.install()
    }

    deinit {
        history_end(history)
        el_end(editLine)
        free(promptBuffer)
    }

    package func readLine(prompt: String) -> LineReadResult {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        InterruptSignal.reset()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            if InterruptSignal.wasRaised {
                el_reset(editLine)
                Console.write("^C\n")
                return .interrupted
            }
            return count < 0 && errno == EINTR ? .interrupted : .endOfInput
        }
        if InterruptSignal.wasRaised {
            Console.write("\n")
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    package func remember(_ line: String) {
        guard !line.trimmed.isEmpty else { return }
        rd_history_enter(history, line)
        rd_history_save(history, historyPath)
        chmod(historyPath, 0o600)
    }

    /// Tab: one candidate completes (with a space after a whole word); several extend to their
    /// common prefix or, when that adds nothing, are listed under the line.
    private func complete() -> UInt8 {
        guard let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let (partial, candidates) = completer.candidates(for: before)
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            let candidate = candidates[0]
            let wholeWord = !(candidate.hasSuffix("/") || candidate.hasSuffix("="))
            return insert(String(candidate.dropFirst(partial.count)), addSpace: wholeWord) ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        }
        let common = commonPrefix(candidates)
        if common.count > partial.count {
            return insert(String(common.dropFirst(partial.count)), addSpace: false) ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        }
        Console.write("\n" + columns(candidates) + "\n")
        return UInt8(CC_REDISPLAY)
    }

    /// Inserts completed text, escaping what the tokenizer would otherwise split or unquote.
    private func insert(_ text: String, addSpace: Bool) -> Bool {
        let escaped = text.map { "\"'\\ ".contains($0) ? "\\" + String($0) : String($0) }.joined()
        return el_insertstr(editLine, escaped + (addSpace ? " " : "")) == 0
    }

    private func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    private func columns(_ words: [String]) -> String {
        let width = (words.map(\.count).max() ?? 0) + 2
        var size = winsize()
        let terminal = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let perLine = max(1, terminal / width)
        var lines: [String] = []
        for start in stride(from: 0, to: min(words.count, 200), by: perLine) {
            lines.append(words[start..<min(start + perLine, words.count)].map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined().trimmingCharacters(in: .whitespaces))
        }
        if words.count > 200 { lines.append("… and \(words.count - 200) more") }
        return lines.joined(separator: "\n")
    }
}
