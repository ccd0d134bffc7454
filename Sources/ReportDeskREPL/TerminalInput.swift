import Foundation

/// A line from standard input read with read(2): no stdio buffer can keep bytes that libedit
/// should see, and no end-of-file or error flag sticks after a Ctrl-D or Ctrl-C.
enum TerminalInput {
    /// The line without its newline; `nil` at end of input or when Ctrl-C interrupted the read.
    static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR, !InterruptSignal.wasRaised { continue }
            guard count == 1 else { return count == 0 && !bytes.isEmpty ? String(decoding: bytes, as: UTF8.self) : nil }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
