import ReportDeskCore

/// Requests read but not yet answered, and which of them the client cancelled: a cancellation
/// counts only while its request is still queued (`$/cancelRequest` for one already running is ignored),
/// so a late one is forgotten instead of cancelling a later request that reuses the id.
struct PendingRequests: Sendable {
    /// How a cancelled request is answered.
    enum Cancellation: Sendable {
        /// `$/cancelRequest` (LSP): an error reply with -32800.
        case reply
        /// MCP's `notifications/cancelled`: no reply at all, as MCP asks.
        case silence
    }

    /// Queued requests counted by id (as its JSON text: ids are compared as written), so a
    /// pipelined client's thousands of waiting requests cost O(1) each.
    private var queued: [String: Int] = [:]
    private var cancelled: [String: Cancellation] = [:]

    mutating func arrived(_ id: JSONValue) {
        queued[JSONWriter.string(id), default: 0] += 1
    }

    mutating func cancel(_ id: JSONValue, _ how: Cancellation) {
        let key = JSONWriter.string(id)
        guard queued[key] != nil, cancelled[key] == nil else { return }
        cancelled[key] = how
    }

    /// Removes the request from the queue as it starts; its cancellation, if it has one.
    mutating func start(_ id: JSONValue) -> Cancellation? {
        let key = JSONWriter.string(id)
        if let count = queued[key] { queued[key] = count > 1 ? count - 1 : nil }
        return cancelled.removeValue(forKey: key)
    }
}
