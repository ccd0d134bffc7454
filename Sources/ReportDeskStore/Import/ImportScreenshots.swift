import Foundation
import ReportDeskCore

/// Screenshots named in import rows (R11): a URL is kept as a reference; a file is copied into the
/// store's blobs after its bytes are checked, where a relative path resolves against the import
/// file's folder and may neither leave it nor pass through a symbolic link; `sha256:` (or an
/// export's screenshot object) names an image the store already holds or that the row's path holds.
struct ImportScreenshots {
    let blobs: BlobStore
    let folder: String
    private let realFolder: String?
    /// Files already copied in this import, so rows sharing an image read it once.
    private var copied: [String: Screenshot] = [:]

    init(blobs: BlobStore, folder: String) {
        self.blobs = blobs
        self.folder = folder
        realFolder = Self.realPath(folder)
    }

    mutating func resolve(_ source: ScreenshotSource?) throws -> Screenshot? {
        switch source {
        case nil: return nil
        case .url(let url)?: return Screenshot(url: url)
        case .file(let path)?: return try copy(path)
        case .stored(let wanted)?:
            guard let hash = wanted.sha256 else { return nil }
            if let held = held(hash, mediaType: wanted.mediaType) { return held }
            guard let path = wanted.path else {
                throw ImportRejection(field: "screenshot",
                    "screenshot sha256:\(hash.prefix(12))… is not in this store and the row names no file to copy it from")
            }
            let shot = try copy(path)
            guard shot.sha256 == hash else {
                throw ImportRejection(field: "screenshot", "screenshot file \(quoted(path)) does not have the sha256 the row gives")
            }
            return shot
        }
    }

    /// The stored image with this hash, if the store has it (with any of the image extensions).
    private func held(_ hash: String, mediaType: String?) -> Screenshot? {
        let candidates = mediaType.map { [$0] } ?? ImageKind.allCases.map(\.mediaType)
        for type in candidates where blobs.exists(sha256: hash, mediaType: type) {
            var info = stat()
            let size = stat(blobs.path(sha256: hash, mediaType: type), &info) == 0 ? Int(info.st_size) : nil
            return Screenshot(sha256: hash, bytes: size, mediaType: type)
        }
        return nil
    }

    private mutating func copy(_ rawPath: String) throws -> Screenshot {
        if let known = copied[rawPath] { return known }
        if !rawPath.hasPrefix("/") { try checkInsideFolder(rawPath) }
        var shot = try blobs.ingest(path: rawPath, policy: .importedFrom(folder: folder))
        shot.path = nil
        if copied.count < 1000 { copied[rawPath] = shot }
        return shot
    }

    /// A relative path must name a file inside the import file's folder, reached without links.
    private func checkInsideFolder(_ rawPath: String) throws {
        let components = rawPath.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else {
            throw ImportRejection(field: "screenshot", "screenshot path \(quoted(rawPath)) leaves the import file's folder")
        }
        guard let realFolder, let real = Self.realPath(folder + "/" + rawPath) else { return }
        let expected = ([realFolder == "/" ? "" : realFolder] + components.map(String.init)).joined(separator: "/")
        guard real == expected else {
            throw ImportRejection(field: "screenshot",
                "screenshot path \(quoted(rawPath)) passes through a symbolic link, which is not followed")
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
