/// What an export wrote.
package struct ExportOutcome: Sendable {
    package let exported: Int
    package let version: Int
    /// The file written, or `nil` for standard output.
    package let out: String?
}
