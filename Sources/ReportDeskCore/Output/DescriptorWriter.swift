import Foundation

/// Writes whole byte strings to a file descriptor, the one loop every output uses: the front ends',
/// export files and rejects files.
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

    /// Whether a failed write's `errno` means the disk is full or a quota or size limit was reached.
    package static func isDiskFull(_ error: Int32) -> Bool {
        error == ENOSPC || error == EDQUOT || error == EFBIG
    }
}
