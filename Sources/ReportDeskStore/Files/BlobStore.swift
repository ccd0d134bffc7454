import Crypto
import Foundation
import ReportDeskCore

/// Screenshots kept as evidence (R11): copied into the store's `blobs/` folder under their SHA-256,
/// after checking by their bytes that they are PNG, JPEG, WebP or GIF images within the size limit.
struct BlobStore: Sendable {
    /// The largest screenshot the desk keeps.
    static let maximumBytes = 10 * 1024 * 1024

    let directory: String

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
                let temporary = target + ".tmp-\(getpid())"
                guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                    throw DeskError.storeUnavailable("cannot write the screenshot into the store (disk full?); nothing was changed")
                }
                let file = open(temporary, O_RDONLY)
                if file >= 0 { fsync(file); close(file) }
                guard rename(temporary, target) == 0 else {
                    unlink(temporary)
                    throw DeskError.storeUnavailable("cannot store the screenshot: \(String(cString: strerror(errno)))")
                }
            } catch let error as DeskError {
                throw error
            } catch {
                throw DeskError.storeUnavailable("cannot store the screenshot: \(error.localizedDescription)")
            }
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
