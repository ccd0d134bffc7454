/// The version of this build, reported by `--version`, `initialize` and `rpc.discover`; a library
/// constant so the OpenRPC document shipped in `Samples/rpc/` can be checked against the server's.
package enum ReportDeskVersion {
    package static let current = "0.1.0"
}
