package import ReportDeskCore

/// What a running command can use: the clock, the actor, the display zone, the front end's
/// interaction and streams. The store and writes come from the commands layer's desk.
package struct CommandContext: Sendable {
    package let session: Session
    package let spec: CommandSpec

    package var now: Instant { session.environment.now }
    package var actor: String { session.environment.actor }
    package var zone: ZoneRules { session.environment.zone }
    package var registry: CommandRegistry { session.registry }
    package var interaction: any Interaction { session.interaction }

    /// Throws when the operator pressed Ctrl-C or the client cancelled; a write in progress rolls back.
    package func checkCancelled() throws(DeskError) {
        if session.isCancelled { throw DeskError(.requestCancelled, "cancelled; nothing was changed") }
    }
}
