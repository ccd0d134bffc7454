import Foundation
package import ReportDeskCore

/// Where export rows go: a file written beside its final name and renamed into place when complete
/// (owner-only, 0600: it holds Open IDs and order ids), or a descriptor such as standard output
/// that the command hands over.
package final class ExportDestination {
    private let descriptor: Int32
    private let temporaryPath: String?
    /// The final path, or `nil` for a descriptor.
    package let path: String?
    private var pending: [UInt8] = []
    private var closed = false

    private init(descriptor: Int32, temporaryPath: String?, path: String?) {
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.path = path
        pending.reserveCapacity(1 << 16)
    }

    package static func file(_ path: String) throws(DeskError) -> ExportDestination {
        guard !path.utf8.contains(0) else { throw DeskError.invalidParams(field: "out", "out contains a NUL character") }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw DeskError.invalidParams(field: "out", "cannot write \(quoted(path)): \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o600)
        return ExportDestination(descriptor: fd, temporaryPath: temporary, path: path)
    }

    package static func descriptor(_ fd: Int32) -> ExportDestination {
        ExportDestination(descriptor: fd, temporaryPath: nil, path: nil)
    }

    /// The folder the file goes into (screenshots are copied beside it).
    package var folder: String? { path.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 } }

    package func write(_ bytes: some Sequence<UInt8>) throws(DeskError) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Appends what `body` writes straight to the buffer, so a row is not copied on its way out.
    package func write(_ body: (inout [UInt8]) -> Void) throws(DeskError) {
        body(&pending)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Flushes, syncs and moves the file into place.
    package func finish() throws(DeskError) {
        try flush()
        guard let temporaryPath, let path else { return }
        // A file system may report the lack of space only when the data reaches the disk.
        if fsync(descriptor) != 0, DescriptorWriter.isDiskFull(errno) { throw DeskError.diskFull }
        closeFile()
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw DeskError.invalidParams(field: "out", "cannot write \(quoted(path)): \(reason)")
        }
    }

    /// Drops a half-written file.
    package func abandon() {
        guard let temporaryPath else { return }
        closeFile()
        unlink(temporaryPath)
    }

    /// Closes the file once: its number may belong to another file afterwards.
    private func closeFile() {
        guard !closed else { return }
        close(descriptor)
        closed = true
    }

    private func flush() throws(DeskError) {
        if let error = DescriptorWriter.writeAll(pending, to: descriptor) {
            if DescriptorWriter.isDiskFull(error) { throw DeskError.diskFull }
            throw DeskError.invalidParams(field: "out", "cannot write the export: \(String(cString: strerror(error)))")
        }
        pending.removeAll(keepingCapacity: true)
    }
}
