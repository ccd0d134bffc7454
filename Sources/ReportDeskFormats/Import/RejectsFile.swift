import Foundation
package import ReportDeskCore

/// Where an import keeps the rows it rejected, byte for byte as they were (R13: never dropped), so
/// they can be fixed and imported again: CSV rows under the file's own header line, JSON Lines as
/// lines, array elements inside a new array. Created on the first rejection, owner-only (0600).
package final class RejectsFile {
    package private(set) var path: String
    /// The path without its extension, for a second file in the same second (`…-2.rejects.csv`).
    private let stem: String
    private let format: ImportFormat
    private let header: [UInt8]
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    private var written = 0

    package init(directory: String, inputName: String, format: ImportFormat, at now: Instant, header: [UInt8]) {
        let stamp = RFC3339.format(Instant(milliseconds: now.milliseconds / 1000 * 1000))
            .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let safeName = String(inputName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
        let base = (safeName as NSString).deletingPathExtension
        stem = "\(directory)/\(stamp)-\(getpid())-\(base.isEmpty ? "import" : base)"
        path = "\(stem).rejects.\(format.rawValue)"
        self.format = format
        self.header = header
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Whether any row was rejected (and so the file exists).
    package var isCreated: Bool { written > 0 }

    /// Appends one rejected row exactly as it was in the file.
    package func append(_ raw: UnsafeBufferPointer<UInt8>) throws(DeskError) {
        if descriptor < 0 { try create() }
        if format == .jsonArray {
            pending.append(contentsOf: (written == 0 ? "\n" : ",\n").utf8)
            pending.append(contentsOf: raw)
        } else {
            pending.append(contentsOf: raw)
            if raw.last != 0x0A { pending.append(0x0A) }
        }
        written += 1
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered and closes the file (an array gets its closing bracket).
    package func finish() throws(DeskError) {
        guard descriptor >= 0 else { return }
        if format == .jsonArray { pending.append(contentsOf: "\n]\n".utf8) }
        try flush()
        fsync(descriptor)
        close(descriptor)
        descriptor = -1
    }

    /// Removes the file: the import failed, so it rejected nothing.
    package func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        Self.withdraw(path)
    }

    /// Removes a finished rejects file whose import did not commit, and the rejects folder when
    /// that leaves it empty (rmdir keeps a folder that holds anything).
    package static func withdraw(_ path: String) {
        unlink(path)
        rmdir((path as NSString).deletingLastPathComponent)
    }

    private func create() throws(DeskError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            chmod(directory, 0o700)
        } catch {
            throw DeskError.storeUnavailable("cannot create the rejects folder \(directory): \(error.localizedDescription)")
        }
        var attempt = 1
        while true {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor < 0, errno == EEXIST, attempt < 1000 else { break }
            attempt += 1
            path = "\(stem)-\(attempt).rejects.\(format.rawValue)"
        }
        guard descriptor >= 0 else {
            throw DeskError.storeUnavailable("cannot create the rejects file \(path): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        if format == .csv {
            pending.append(contentsOf: header)
            if header.last != 0x0A { pending.append(0x0A) }
        } else if format == .jsonArray {
            pending.append(UInt8(ascii: "["))
        }
    }

    private func flush() throws(DeskError) {
        if let error = DescriptorWriter.writeAll(pending, to: descriptor) {
            if DescriptorWriter.isDiskFull(error) { throw DeskError.diskFull }
            throw DeskError.storeUnavailable("cannot write the rejects file \(path): \(String(cString: strerror(error))); nothing was imported")
        }
        pending.removeAll(keepingCapacity: true)
    }
}
