import Foundation
import ReportDeskTesting

/// A real, small tmpfs mounted for one test: a disk that fills up, or turns read-only. Mounting
/// needs root (or a user namespace); where it is not permitted `mount()` returns why, and the test
/// prints that reason and skips.
final class SmallDisk: Sendable {
    let path: String
    private let folder: TemporaryFolder

    private init(folder: TemporaryFolder, path: String) {
        self.folder = folder
        self.path = path
    }

    /// Mounts a tmpfs of `kilobytes` KiB, or returns nil after printing why it cannot.
    static func mount(kilobytes: Int, for test: String) -> SmallDisk? {
        let folder = TemporaryFolder("reportdesk-disk")
        let path = folder.path + "/disk"
        mkdir(path, 0o700)
        let outcome = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])
        guard outcome.status == 0 else {
            print("\(test): skipped, a tmpfs cannot be mounted here (\(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return nil
        }
        return SmallDisk(folder: folder, path: path)
    }

    deinit { _ = Self.run("/bin/umount", ["-l", path]) }

    /// Makes the mounted file system read-only (or writable again).
    func remount(readOnly: Bool) -> Bool {
        Self.run("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path]).status == 0
    }

    /// Fills the disk with one file of zeros until a write fails; returns its path.
    func fill() -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let chunk = [UInt8](repeating: 0, count: 4096)
        while write(fd, chunk, chunk.count) == chunk.count {}
        // The last partial block too: nothing is left.
        while write(fd, chunk, 1) == 1 {}
        close(fd)
        return filler
    }

    private static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
