import Foundation

/// Writes whole strings to a file descriptor. A reader that went away (EPIPE) ends the process
/// quietly: the command already committed or rolled back, so nothing is half-written.
enum Console {
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += written
        }
    }

    static func out(_ text: String?) { if let text { write(text, to: STDOUT_FILENO) } }
    static func err(_ text: String?) { if let text { write(text, to: STDERR_FILENO) } }
}
