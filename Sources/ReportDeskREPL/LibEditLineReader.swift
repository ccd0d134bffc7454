import CLibEdit
import Foundation
package import ReportDeskInterpreter

/// Line editing, history and Tab completion from the system's libedit (through `CLibEdit`).
/// Up arrow and Ctrl-R are libedit's own; the history behind them is a `CommandHistory`, so it is
/// kept per store, owner-only, de-duplicated and bounded.
package final class LibEditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let libeditHistory: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private var history: CommandHistory
    private let completer: Completer
    private let colour: Bool
    package let unicode: Bool
    /// The prompt libedit asks for through a C callback.
    private var promptBuffer: UnsafeMutablePointer<CChar>

    package init?(completer: Completer, historyPath: String, colour: Bool) {
        // libedit converts the prompt and every key through the C locale: without a UTF-8 one it
        // drops non-ASCII input and crashes on a prompt it cannot convert.
        unicode = Self.useUTF8Locale()
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w"),
              let errors = fdopen(STDERR_FILENO, "w"),
              let editLine = el_init("reportdesk", input, output, errors) else { return nil }
        guard let libeditHistory = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.libeditHistory = libeditHistory
        self.output = output
        self.completer = completer
        self.colour = colour
        history = CommandHistory(path: historyPath)
        promptBuffer = strdup("> ")
        rd_history_set_size(libeditHistory, Int32(CommandHistory.defaultLimit))
        loadHistory()
        rd_el_set_editor(editLine, "emacs")
        // libedit restores the terminal on SIGINT and passes it on to `InterruptSignal`'s handler.
        rd_el_set_signal(editLine, 1)
        rd_el_set_history(editLine, libeditHistory)
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
    }

    deinit {
        history_end(libeditHistory)
        el_end(editLine)
        free(promptBuffer)
    }

    package func readLine(prompt: Prompt) -> LineReadResult {
        free(promptBuffer)
        promptBuffer = strdup(prompt.text)
        InterruptSignal.reset()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            // Ctrl-C: libedit's handler put the terminal back and our handler raised the flag; the
            // read returned EINTR (no SA_RESTART), so el_gets gave up on the line.
            if InterruptSignal.wasRaised || (count < 0 && errno == EINTR) {
                Console.standard.out("^C\n")
                return .interrupted
            }
            return .endOfInput
        }
        if InterruptSignal.wasRaised {
            Console.standard.out("^C\n")
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    package func remember(_ line: String) {
        guard history.add(line) else { return }
        if let notice = history.takeSaveNotice() { Console.standard.err(notice + "\n") }
        loadHistory()
    }

    /// Puts the de-duplicated entries (this session's and other sessions' on the store) into
    /// libedit's history, which up arrow and Ctrl-R walk.
    private func loadHistory() {
        rd_history_clear(libeditHistory)
        for entry in history.entries { rd_history_enter(libeditHistory, entry) }
    }

    private func complete() -> UInt8 {
        guard let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length).bindMemory(to: UInt8.self),
                            as: UTF8.self)
        switch CompletionEdit(completer.complete(before)) {
        case .nothing:
            return UInt8(CC_REFRESH_BEEP)
        case .insert(let text):
            return el_insertstr(editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case .list(let candidates):
            let width = TerminalStyle.width(fileDescriptor: STDOUT_FILENO, environment: [:])
            let lines = CompletionEdit.listing(candidates, width: width) { [colour] hint in
                colour ? "\u{1B}[2m\(hint)\u{1B}[0m" : hint
            }
            fflush(output)
            Console.standard.out("\n" + lines.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Switches the C library to the environment's locale, or to C.UTF-8 when that is not UTF-8;
    /// returns whether the terminal can be addressed in UTF-8.
    private static func useUTF8Locale() -> Bool {
        if setlocale(LC_CTYPE, "") != nil, isUTF8 { return true }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil && isUTF8
    }

    private static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
