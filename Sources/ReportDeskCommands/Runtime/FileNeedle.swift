import Foundation

/// Looks for a byte string in a file a chunk at a time, so a snapshot of any size is searched in
/// constant memory (`erase` checks every file that may still name the user).
package struct FileNeedle {
    package let bytes: [UInt8]
    /// Bytes read per step; a chunk keeps the last `bytes.count - 1` bytes of the one before, so a
    /// match across the boundary is still found.
    package let chunkSize: Int

    package init(_ text: String, chunkSize: Int = 1 << 20) {
        bytes = Array(text.utf8)
        self.chunkSize = max(chunkSize, bytes.count)
    }

    /// Whether the file at `path` holds the bytes; `false` when it cannot be read. `scanned` is told
    /// the bytes read after each chunk.
    package func isFound(in path: String, scanned: (Int) -> Void = { _ in }) -> Bool {
        guard !bytes.isEmpty else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let overlap = bytes.count - 1
        var buffer = [UInt8](repeating: 0, count: chunkSize + overlap)
        var kept = 0
        return buffer.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            while true {
                let count = read(fd, base + kept, chunkSize)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                scanned(count)
                let filled = kept + count
                if contains(UnsafeRawPointer(base), count: filled) { return true }
                kept = min(overlap, filled)
                memmove(base, base + filled - kept, kept)
            }
        }
    }

    /// Whether the bytes occur in the `count` bytes at `start`: `memchr` finds each candidate first
    /// byte, `memcmp` checks the rest.
    private func contains(_ start: UnsafeRawPointer, count: Int) -> Bool {
        let length = bytes.count
        return bytes.withUnsafeBytes { needle -> Bool in
            guard let needleStart = needle.baseAddress else { return false }
            var offset = 0
            while count - offset >= length {
                guard let hit = memchr(start + offset, Int32(bytes[0]), count - offset - length + 1) else { return false }
                if memcmp(hit, needleStart, length) == 0 { return true }
                offset = UnsafeRawPointer(hit) - start + 1
            }
            return false
        }
    }
}
