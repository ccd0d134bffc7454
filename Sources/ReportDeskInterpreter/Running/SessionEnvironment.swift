package import ReportDeskCore

/// What the interpreter needs from the desk its commands run against: the time, the zone times
/// are read and shown in, and who acts. The desk behind it (the store, the versions this session
/// wrote) belongs to the commands layer, which the interpreter does not know.
package protocol SessionEnvironment: Sendable {
    /// The current instant (a fixed or test clock in demos and tests).
    var now: Instant { get }
    var zone: ZoneRules { get }
    /// Who is recorded as acting in every version a command writes.
    var actor: String { get }
}
