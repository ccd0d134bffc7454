/// What `snapshot restore` brings the store back to: a saved snapshot, or the state right after a
/// version, rebuilt from the version log.
package enum RestoreSource: Sendable {
    case snapshot(SnapshotInfo)
    case version(Int)
}
