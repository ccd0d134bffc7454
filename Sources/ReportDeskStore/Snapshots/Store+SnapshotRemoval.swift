import Foundation
package import ReportDeskCore

extension Store {
    /// Deletes one saved snapshot file; the store itself and its history are untouched.
    package func deleteSnapshot(named name: String) throws(DeskError) -> SnapshotInfo {
        let info = try snapshot(named: name)
        try removeSnapshotFile(info)
        return info
    }

    /// Keeps the `keep` snapshots of the newest versions (ties by name) and deletes the others,
    /// oldest first. Returns what was deleted and what is kept, each oldest first.
    package func pruneSnapshots(keep: Int) throws(DeskError) -> (deleted: [SnapshotInfo], kept: [SnapshotInfo]) {
        let all = try snapshots()
        let cut = max(0, all.count - max(0, keep))
        let doomed = Array(all.prefix(cut))
        for info in doomed { try removeSnapshotFile(info) }
        return (doomed, Array(all.dropFirst(cut)))
    }

    private func removeSnapshotFile(_ info: SnapshotInfo) throws(DeskError) {
        guard unlink(info.path) == 0 || errno == ENOENT else {
            throw DeskError.storeUnavailable("cannot delete the snapshot \(info.name): \(String(cString: strerror(errno)))")
        }
    }
}
