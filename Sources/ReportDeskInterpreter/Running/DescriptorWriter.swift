import Foundation

/// Writes whole byte strings to a file descriptor, the one loop every front end's output uses.
package enum DescriptorWriter {
    /// Writes every byte, retrying after a signal interrupts; the `errno` of a failed write (EPIPE
    /// when the reader went away), or `nil` when everything was written.
    @discardableResult
    package static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
