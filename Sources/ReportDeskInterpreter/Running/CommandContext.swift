package import ReportDeskCore
package import ReportDeskStore

/// What a running command can use: the store, the clock, the actor, the display zone, and the
/// front end's interaction. Writes go through `write`, which names the version after the command.
package struct CommandContext: Sendable {
    package let session: Session
    package let spec: CommandSpec

    package var now: Instant { session.settings.clock.now }
    package var actor: String { session.settings.actor }
    package var zone: ZoneRules { session.settings.zone }
    package var registry: CommandRegistry { session.registry }
    package var interaction: any Interaction { session.interaction }

    package func store() throws(DeskError) -> Store { try session.store() }

    /// One write transaction that becomes one version named after this command (R12).
    package func write<Value>(_ body: (StoreTransaction) throws -> Value) throws(DeskError) -> Written<Value> {
        let written = try store().write(command: spec.method, actor: actor, at: now, body)
        if written.changed { session.recordOwnVersion(written.version) }
        return written
    }

    /// Throws when the operator pressed Ctrl-C or the client cancelled; a write in progress rolls back.
    package func checkCancelled() throws(DeskError) {
        if session.isCancelled { throw DeskError(.requestCancelled, "cancelled; nothing was changed") }
    }
}
