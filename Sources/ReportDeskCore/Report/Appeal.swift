/// A user's appeal of how a processed payment report was handled (R10).
public struct Appeal: Sendable, Equatable {
    public enum Status: String, CaseIterable, Sendable {
        case open
        case upheld
        case overturned
    }

    public var status: Status
    public var message: String
    public var openedAt: Instant
    public var decidedAt: Instant?
    public var note: String

    package init(status: Status, message: String, openedAt: Instant, decidedAt: Instant? = nil, note: String = "") {
        self.status = status
        self.message = message
        self.openedAt = openedAt
        self.decidedAt = decidedAt
        self.note = note
    }
}

/// How an appeal is decided (R10).
public enum AppealOutcome: String, CaseIterable, Sendable {
    /// The decision stands; the status is unchanged.
    case upheld
    /// The user's claim is accepted: dismissed becomes resolved, resolved becomes pending again.
    case overturned
}
