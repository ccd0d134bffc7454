import Foundation
package import ReportDeskCore

/// The bytes of an import file, read in fixed chunks so memory stays flat whatever the file's size
/// (R13: peak memory does not grow with the file). Readers look at `buffer[position..<end]`
/// and ask for more with `refill(keepingFrom:)`, which keeps the unfinished record they are in.
package final class ImportInput {
    /// How much is read at a time.
    static let chunkSize = 1 << 20
    /// The longest record an import holds; a longer one (an unclosed quote, say) stops the import.
    package static let maximumRecordBytes = 64 << 20

    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// The file's size when known (a regular file), for progress and its ETA.
    package let totalBytes: Int?
    /// What the input is called in messages and the rejects file's name.
    package let name: String
    /// The folder relative screenshot paths resolve against (R11).
    package let folder: String

    private(set) var buffer: [UInt8]
    /// One past the last byte read into `buffer`.
    private(set) var end = 0
    private(set) var atEnd = false
    /// How many bytes were dropped from the front of `buffer` so far.
    private(set) var discarded = 0

    init(descriptor: Int32, closesDescriptor: Bool, totalBytes: Int?, name: String, folder: String) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.totalBytes = totalBytes
        self.name = name
        self.folder = folder
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    deinit { if closesDescriptor { close(descriptor) } }

    /// Opens a regular file (or a pipe) for reading, refusing folders and devices.
    package static func open(path: String) throws(DeskError) -> ImportInput {
        guard !path.utf8.contains(0) else { throw DeskError.invalidParams(field: "path", "path contains a NUL character") }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { throw DeskError.notFound("no file \(quoted(path)) to import", data: ["path": .string(path)]) }
            throw DeskError.invalidParams(field: "path", "cannot read \(quoted(path)): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        let kind = fstat(fd, &info) == 0 ? info.st_mode & S_IFMT : 0
        guard kind == S_IFREG || kind == S_IFIFO else {
            Foundation.close(fd)
            throw DeskError.invalidParams(field: "path", "\(quoted(path)) is not a file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = (absolute as NSString).deletingLastPathComponent
        return ImportInput(descriptor: fd, closesDescriptor: true, totalBytes: kind == S_IFREG ? Int(info.st_size) : nil,
                           name: (path as NSString).lastPathComponent, folder: folder.isEmpty ? "/" : folder)
    }

    /// Standard input (`import -`), after the bytes the front end had already read from it (script
    /// mode reads ahead); relative screenshot paths resolve against the working folder.
    package static func standardInput(startingWith prefix: [UInt8] = []) -> ImportInput {
        var info = stat()
        let isFile = prefix.isEmpty && fstat(STDIN_FILENO, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        let input = ImportInput(descriptor: STDIN_FILENO, closesDescriptor: false, totalBytes: isFile ? Int(info.st_size) : nil,
                                name: "stdin", folder: FileManager.default.currentDirectoryPath)
        if !prefix.isEmpty {
            input.buffer = prefix + [UInt8](repeating: 0, count: Self.chunkSize)
            input.end = prefix.count
        }
        return input
    }

    /// An input over bytes in memory (parser tests).
    package static func bytes(_ bytes: [UInt8], name: String = "memory", folder: String = "/") -> ImportInput {
        let input = ImportInput(descriptor: -1, closesDescriptor: false, totalBytes: bytes.count, name: name, folder: folder)
        input.buffer = bytes
        input.end = bytes.count
        input.atEnd = true
        return input
    }

    /// Bytes consumed so far, for progress.
    func offset(of position: Int) -> Int { discarded + position }

    /// Drops the bytes before `keep`, reads at least one more chunk and returns how far positions
    /// moved (subtract it from the positions you hold); `nil` at end of input.
    func refill(keepingFrom keep: Int) throws(DeskError) -> Int? {
        guard !atEnd else { return nil }
        let kept = end - keep
        if kept > Self.maximumRecordBytes {
            throw DeskError.invalidParams(field: "path",
                "a row of \(name) is longer than \(Self.maximumRecordBytes >> 20) MiB (an unclosed quote?); nothing was imported")
        }
        if keep > 0 {
            buffer.withUnsafeMutableBufferPointer { pointer in
                let base = pointer.baseAddress!
                base.update(from: base + keep, count: kept)
            }
            discarded += keep
        }
        end = kept
        if buffer.count - end < Self.chunkSize { buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize)) }
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                read(descriptor, pointer.baseAddress! + end, pointer.count - end)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw DeskError.invalidParams(field: "path", "cannot read \(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEnd = true } else { end += count }
            return keep
        }
    }
}
