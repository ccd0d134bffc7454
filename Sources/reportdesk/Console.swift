import Foundation
import ReportDeskCore

/// Writes whole strings to a file descriptor. A reader that went away (EPIPE) ends the process
/// quietly: the command already committed or rolled back, so nothing is half-written.
enum Console {
    static func write(_ text: String, to descriptor: Int32) {
        if DescriptorWriter.writeAll(Array(text.utf8), to: descriptor) == EPIPE { exit(0) }
    }

    static func out(_ text: String?) { if let text { write(text, to: STDOUT_FILENO) } }
    static func err(_ text: String?) { if let text { write(text, to: STDERR_FILENO) } }
}
