/// Which of the process's standard streams a command may use for its data (`import -`, `export`
/// without `--out`, `watch`'s events). Only the front end knows: script mode reads its commands
/// from stdin, `rpc` speaks the protocol on both, a one-shot process has both free.
package struct StandardStreams: Sendable {
    /// Where `import -` reads; `nil` when standard input carries commands or the protocol.
    package var input: (any StandardInputProvider)?
    /// Whether a command may print data (an export's rows) to standard output.
    package var outputIsFree: Bool
    /// Where a command that runs on writes its events as they happen; `nil` when the front end
    /// answers each request with one reply (`rpc`, which sends `store/changed` instead).
    package var events: (any EventStream)?

    /// The descriptor a command writes its data to when standard output is free for it.
    package var output: Int32? { outputIsFree ? 1 : nil }

    package init(input: (any StandardInputProvider)?, outputIsFree: Bool, events: (any EventStream)? = nil) {
        self.input = input
        self.outputIsFree = outputIsFree
        self.events = events
    }

    /// Neither stream: `rpc`, in-process use.
    package static let none = StandardStreams(input: nil, outputIsFree: false)
}

/// Hands standard input over to a command that reads it to its end.
package protocol StandardInputProvider: Sendable {
    /// The bytes the front end already read from standard input but did not use; from then on the
    /// command reads the descriptor itself and the front end reads nothing more.
    func takeRemainder() -> [UInt8]
}

/// A one-shot process: nothing was read from standard input before the command.
package struct UnreadStandardInput: StandardInputProvider {
    package init() {}
    package func takeRemainder() -> [UInt8] { [] }
}
