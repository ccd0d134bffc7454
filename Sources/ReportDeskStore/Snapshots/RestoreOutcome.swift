/// What a restore changed to make the store equal to its source.
package struct RestoreOutcome: Sendable {
    /// The version whose state the store now has again.
    package var sourceVersion = 0
    package var added = 0
    package var removed = 0
    package var changed = 0
    package var settings = 0
}
