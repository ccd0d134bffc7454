import ReportDeskCore

/// Which resources the client wants to hear about: legacy `resources/subscribe` URIs, and the
/// modern `subscriptions/listen` streams, each named by its request id.
struct MCPSubscriptions: Sendable {
    private var legacy: [String] = []
    private var streams: [(id: JSONValue, uris: [String])] = []

    var isEmpty: Bool { legacy.isEmpty && streams.isEmpty }

    mutating func subscribe(_ uri: String) {
        if !legacy.contains(uri) { legacy.append(uri) }
    }

    mutating func unsubscribe(_ uri: String) {
        legacy.removeAll { $0 == uri }
    }

    mutating func listen(_ id: JSONValue, uris: [String]) {
        streams.removeAll { $0.id == id }
        streams.append((id, uris))
    }

    /// Ends the stream a cancellation names; whether there was one.
    mutating func endStream(_ id: JSONValue) -> Bool {
        let count = streams.count
        streams.removeAll { $0.id == id }
        return streams.count != count
    }

    /// `notifications/resources/updated` for every subscribed resource the change may have touched:
    /// a report's own URI when its key changed, the lists and numbers on any change.
    func updates(changedKeys keys: [Int]) -> [JSONValue] {
        let changed = Set(keys)
        func touched(_ uri: String) -> Bool {
            guard uri.hasPrefix(MCPResources.reportScheme) else { return true }
            // A report named by its Report ID cannot be matched to keys; it is told of every change.
            return MCPResources.reportKey(uri).map { changed.contains($0) } ?? true
        }
        var messages = legacy.filter(touched).map { uri in
            OutgoingMessage.notification("notifications/resources/updated", .object(JSONObject([("uri", .string(uri))])))
        }
        for stream in streams {
            for uri in stream.uris where touched(uri) {
                messages.append(OutgoingMessage.notification("notifications/resources/updated", .object(JSONObject([
                    ("_meta", .object(JSONObject([(MCPRevision.subscriptionKey, stream.id)]))), ("uri", .string(uri)),
                ]))))
            }
        }
        return messages
    }
}
