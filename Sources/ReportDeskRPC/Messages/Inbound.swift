package import ReportDeskCore

/// What the reader hands on for each frame: a parsed JSON value to dispatch (one message or a
/// batch), or the error it already deserves (not JSON, too large, bad headers), answered with id null.
package enum Inbound: Sendable, Equatable {
    case message(JSONValue)
    case error(DeskError)
}
