import Synchronization

/// One front end's connection to the interpreter: the commands it runs, the desk they run against,
/// how they may ask the operator and use the standard streams, and the cancellation flag Ctrl-C
/// or `$/cancelRequest` sets.
package final class Session: Sendable {
    package let environment: any SessionEnvironment
    package let registry: CommandRegistry
    package let interaction: any Interaction
    package let streams: StandardStreams
    private let cancelled = Atomic<Bool>(false)

    package init(environment: any SessionEnvironment, registry: CommandRegistry, interaction: any Interaction = SilentInteraction(),
                 streams: StandardStreams = .none) {
        self.environment = environment
        self.registry = registry
        self.interaction = interaction
        self.streams = streams
    }

    package func requestCancel() { cancelled.store(true, ordering: .relaxed) }
    package func clearCancel() { cancelled.store(false, ordering: .relaxed) }
    package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
