/// What the session's protocol messages have settled: MCP or plain JSON-RPC, notifications on or
/// off, and the LSP-style shutdown and exit.
struct ProtocolState: Sendable {
    var isMCP = false
    var notificationsEnabled = true
    var shutdownRequested = false
    var exitStatus: Int32?
}
