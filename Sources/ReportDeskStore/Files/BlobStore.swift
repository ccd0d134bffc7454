import Crypto
import Foundation
import ReportDeskCore
import Synchronization

/// Screenshots kept as evidence (R11): copied into the store's `blobs/` folder under their SHA-256,
/// after checking by their bytes that they are PNG, JPEG, WebP or GIF images within the size limit.
struct BlobStore: Sendable {
    /// The largest screenshot the desk keeps.
    static let maximumBytes = 10 * 1024 * 1024

    let directory: String
    /// Records the files this write added, so a write that does not commit takes them away again.
    var created: CreatedBlobs? = nil

    func path(sha256: String, mediaType: String?) -> String {
        "\(directory)/\(sha256.prefix(2))/\(sha256)\(ImageKind(mediaType: mediaType)?.fileExtension ?? "")"
    }

    /// How strictly a screenshot path is followed.
    enum PathPolicy {
        /// An operator's own path (`submit --screenshot`): any regular file they can read.
        case operatorPath
        /// A path written in an import file: relative paths resolve against the file's folder and
        /// may not leave it, and a symbolic link is refused.
        case importedFrom(folder: String)
    }

    /// Copies an image file into the store and describes it.
    func ingest(path rawPath: String, policy: PathPolicy, field: String = "screenshot") throws(DeskError) -> Screenshot {
        let path = try resolve(rawPath, policy: policy, field: field)
        let data = try Self.readBounded(path, field: field)
        guard let kind = ImageKind(sniffing: data) else {
            throw DeskError.rule("R11", "\(field) \(quoted(rawPath)) is not a PNG, JPEG, WebP or GIF image",
                                 extra: [("field", .string(field))])
        }
        let sha = Fingerprint.hex(SHA256.hash(data: data))
        let target = self.path(sha256: sha, mediaType: kind.mediaType)
        if !FileManager.default.fileExists(atPath: target) {
            do {
                try StoreFiles.createPrivateDirectory((target as NSString).deletingLastPathComponent)
            } catch {
                throw DeskError.storeUnavailable("cannot store the screenshot: \(error.localizedDescription); nothing was changed")
            }
            let temporary = target + ".tmp-\(getpid())"
            if let failure = Self.writeSynced(data, to: temporary) {
                unlink(temporary)
                // Folders made for this file go too (rmdir leaves one that holds anything).
                rmdir((target as NSString).deletingLastPathComponent)
                rmdir(directory)
                throw failure
            }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw DeskError.storeUnavailable("cannot store the screenshot: \(reason); nothing was changed")
            }
            created?.add(target)
        }
        return Screenshot(sha256: sha, bytes: data.count, mediaType: kind.mediaType, path: target)
    }

    private func resolve(_ rawPath: String, policy: PathPolicy, field: String) throws(DeskError) -> String {
        guard !rawPath.utf8.contains(0) else {
            throw DeskError.invalidParams(field: field, "\(field) path contains a NUL character")
        }
        switch policy {
        case .operatorPath:
            return rawPath
        case .importedFrom(let folder):
            if rawPath.hasPrefix("/") { return rawPath }
            let components = rawPath.split(separator: "/")
            guard !components.contains("..") else {
                throw DeskError.rule("R11", "\(field) path \(quoted(rawPath)) leaves the import file's folder; relative paths must stay inside it",
                                     extra: [("field", .string(field))])
            }
            return folder + "/" + rawPath
        }
    }

    /// Reads a regular file of at most `maximumBytes`, refusing links, devices and pipes.
    static func readBounded(_ path: String, field: String) throws(DeskError) -> Data {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link, which is not followed" : String(cString: strerror(errno))
            if errno == ENOENT {
                throw DeskError.notFound("\(field) file \(quoted(path)) does not exist", data: ["field": .string(field)])
            }
            throw DeskError.rule("R11", "\(field) file \(quoted(path)) cannot be read: \(reason)", extra: [("field", .string(field))])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DeskError.rule("R11", "\(field) \(quoted(path)) is not a regular file", extra: [("field", .string(field))])
        }
        guard info.st_size <= maximumBytes else {
            throw DeskError.rule("R11", "\(field) \(quoted(path)) is \(info.st_size) bytes; the limit is \(maximumBytes) bytes (10 MiB)",
                                 extra: [("field", .string(field)), ("limit", .int(maximumBytes))])
        }
        var data = Data(count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { buffer in read(fd, buffer.baseAddress, buffer.count) }
        guard count == Int(info.st_size) else {
            throw DeskError.rule("R11", "\(field) \(quoted(path)) could not be read completely", extra: [("field", .string(field))])
        }
        return data
    }

    /// Writes `data` to a new owner-only file and syncs it; the error to throw if that failed.
    private static func writeSynced(_ data: Data, to path: String) -> DeskError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return failure(errno) }
        defer { close(fd) }
        var failed: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { failed = count < 0 ? errno : ENOSPC; return }
                offset += count
            }
        }
        if failed == 0 && fsync(fd) != 0 { failed = errno }
        return failed == 0 ? nil : failure(failed)
    }

    private static func failure(_ code: Int32) -> DeskError {
        if code == ENOSPC || code == EDQUOT || code == EFBIG {
            return DeskError.storeUnavailable("the disk is full (or a file size limit was reached): the screenshot could not be stored; nothing was changed")
        }
        return DeskError.storeUnavailable("cannot store the screenshot: \(String(cString: strerror(code))); nothing was changed")
    }

    func exists(sha256: String, mediaType: String?) -> Bool {
        FileManager.default.fileExists(atPath: path(sha256: sha256, mediaType: mediaType))
    }
}

/// The image formats a screenshot may be, recognised by their first bytes.
enum ImageKind: CaseIterable {
    case png, jpeg, webp, gif

    init?(sniffing data: Data) {
        let head = [UInt8](data.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.count >= 6, head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
            self = .gif
        } else if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            self = .webp
        } else {
            return nil
        }
    }

    init?(mediaType: String?) {
        guard let kind = ImageKind.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
        self = kind
    }

    var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .gif: "image/gif"
        }
    }

    var fileExtension: String {
        switch self {
        case .png: ".png"
        case .jpeg: ".jpg"
        case .webp: ".webp"
        case .gif: ".gif"
        }
    }
}

/// The screenshot files one write added to `blobs/`.
final class CreatedBlobs: Sendable {
    private let paths = Mutex<[String]>([])

    func add(_ path: String) { paths.withLock { $0.append(path) } }

    /// Removes them: the write they belonged to did not commit. Writes hold the store's write
    /// lock, so no other write can have come to refer to a file this one created.
    func removeAll() {
        for path in paths.withLock({ $0 }) { unlink(path) }
        paths.withLock { $0.removeAll() }
    }
}
