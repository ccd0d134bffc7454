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
    private let outputTaken = Atomic<Bool>(false)

    package init(environment: any SessionEnvironment, registry: CommandRegistry, interaction: any Interaction = SilentInteraction(),
                 streams: StandardStreams = .none) {
        self.environment = environment
        self.registry = registry
        self.interaction = interaction
        self.streams = streams
    }

    /// The descriptor a command writes its data to (an export's rows), when standard output is
    /// free for it; the front end then keeps its own result off that stream.
    package func takeStandardOutput() -> Int32? {
        guard let output = streams.output else { return nil }
        outputTaken.store(true, ordering: .relaxed)
        return output
    }

    /// Whether the running command wrote its data to standard output; `reset` starts a command.
    package func standardOutputTaken(reset: Bool = false) -> Bool {
        reset ? outputTaken.exchange(false, ordering: .relaxed) : outputTaken.load(ordering: .relaxed)
    }

    package func requestCancel() { cancelled.store(true, ordering: .relaxed) }
    package func clearCancel() { cancelled.store(false, ordering: .relaxed) }
    package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
