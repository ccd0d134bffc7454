package import ReportDeskCore
package import ReportDeskInterpreter
package import ReportDeskStore

extension CommandContext {
    /// The desk the session runs against: every front end gives its session one.
    package var desk: Desk {
        get throws(DeskError) {
            guard let desk = session.environment as? Desk else {
                throw .internalError("\(spec.name) needs a store, and this session has none")
            }
            return desk
        }
    }

    package func store() throws(DeskError) -> Store { try desk.store() }

    /// One write transaction that becomes one version named after this command (R12).
    package func write<Value>(_ body: (StoreTransaction) throws -> Value) throws(DeskError) -> Written<Value> {
        try desk.write(command: spec.method, body)
    }
}
