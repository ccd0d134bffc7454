import ReportDeskCore

/// Requests read but not yet answered, and which of them the client cancelled: a cancellation
/// counts only while its request is still queued (issue 4: cancels if still queued, otherwise ignored),
/// so a late one is forgotten instead of cancelling a later request that reuses the id.
struct PendingRequests: Sendable {
    /// How a cancelled request is answered.
    enum Cancellation: Sendable {
        /// `$/cancelRequest` (LSP): an error reply with -32800.
        case reply
        /// MCP's `notifications/cancelled`: no reply at all, as MCP asks.
        case silence
    }

    private var queued: [JSONValue] = []
    private var cancelled: [(id: JSONValue, how: Cancellation)] = []

    mutating func arrived(_ id: JSONValue) {
        queued.append(id)
    }

    mutating func cancel(_ id: JSONValue, _ how: Cancellation) {
        guard queued.contains(id), !cancelled.contains(where: { $0.id == id }) else { return }
        cancelled.append((id, how))
    }

    /// Removes the request from the queue as it starts; its cancellation, if it has one.
    mutating func start(_ id: JSONValue) -> Cancellation? {
        if let index = queued.firstIndex(of: id) { queued.remove(at: index) }
        guard let index = cancelled.firstIndex(where: { $0.id == id }) else { return nil }
        return cancelled.remove(at: index).how
    }
}
