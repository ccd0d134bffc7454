import Foundation
import ReportDeskCore

/// Stored screenshots travel with a file export (R11): each is copied beside the export into
/// `screenshots/` and the row names it by that relative path, which `import` resolves against the
/// file's folder. Exports to standard output name the image only by its hash (`sha256:`), which an
/// import into the same store finds again.
struct ExportScreenshots {
    static let folderName = "screenshots"
    let blobs: BlobStore
    let folder: String?
    private var copied: Set<String> = []
    /// The copies this export made, taken away again if it fails.
    private var written: [String] = []

    init(blobs: BlobStore, exportFolder: String?) {
        self.blobs = blobs
        folder = exportFolder
    }

    /// The path the export names for a stored screenshot, after copying it; `nil` when the export
    /// goes to a descriptor or the store no longer holds the image (it was erased).
    mutating func relativePath(for screenshot: Screenshot) throws(DeskError) -> String? {
        guard let folder, let hash = screenshot.sha256 else { return nil }
        let source = blobs.path(sha256: hash, mediaType: screenshot.mediaType)
        let name = (source as NSString).lastPathComponent
        let relative = Self.folderName + "/" + name
        if copied.contains(hash) { return relative }
        let target = folder + "/" + relative
        if !FileManager.default.fileExists(atPath: target) {
            guard let data = FileManager.default.contents(atPath: source) else { return nil }
            do {
                try StoreFiles.createPrivateDirectory(folder + "/" + Self.folderName)
            } catch {
                throw DeskError.invalidParams(field: "out", "cannot create \(quoted(folder + "/" + Self.folderName)): \(error.localizedDescription)")
            }
            try Self.copy(data, to: target)
            written.append(target)
        }
        copied.insert(hash)
        return relative
    }

    /// Removes the copies this export made, and `screenshots/` when that leaves it empty (rmdir
    /// keeps a folder that holds anything): a failed export leaves nothing behind.
    func withdraw() {
        guard let folder else { return }
        for path in written { unlink(path) }
        rmdir(folder + "/" + Self.folderName)
    }

    /// Writes the whole image or nothing; a full disk is the contract's -32004.
    private static func copy(_ data: Data, to target: String) throws(DeskError) {
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw DeskError.invalidParams(field: "out", "cannot copy a screenshot to \(quoted(target)): \(String(cString: strerror(errno)))")
        }
        let failure = DescriptorWriter.writeAll([UInt8](data), to: fd)
        close(fd)
        guard let failure else { return }
        unlink(target)
        if DescriptorWriter.isDiskFull(failure) { throw DeskError.diskFull }
        throw DeskError.invalidParams(field: "out", "cannot copy a screenshot to \(quoted(target)): \(String(cString: strerror(failure)))")
    }
}
