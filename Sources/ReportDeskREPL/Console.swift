import Foundation
import ReportDeskCore

/// Writes straight to the terminal's descriptors (stdout for results, stderr for errors).
enum Console {
    static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
        DescriptorWriter.writeAll(Array(text.utf8), to: descriptor)
    }
}
