import Foundation
import ReportDeskCore

/// Where a front end's text goes: results to standard output, errors and notices to standard
/// error. The process's console writes to the descriptors; tests hand the REPL one that records.
package struct Console: Sendable {
    package enum Stream: Sendable, Equatable {
        case output
        case error
    }

    private let sink: @Sendable (Stream, String) -> Void

    package init(sink: @escaping @Sendable (Stream, String) -> Void) { self.sink = sink }

    /// The process's standard output and error. A reader that went away (EPIPE) ends the process
    /// quietly with status 0: the command already committed or rolled back, so nothing is
    /// half-written, and nobody is left to read what would follow.
    package static let standard = Console { stream, text in
        let descriptor = stream == .output ? STDOUT_FILENO : STDERR_FILENO
        if DescriptorWriter.writeAll(Array(text.utf8), to: descriptor) == EPIPE { exit(0) }
    }

    package func out(_ text: String?) { if let text { sink(.output, text) } }
    package func err(_ text: String?) { if let text { sink(.error, text) } }
}
