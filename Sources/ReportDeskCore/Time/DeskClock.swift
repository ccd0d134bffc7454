import Foundation

/// Where "now" comes from. Every derived time fact (past due, processed late; R6) reads this clock,
/// so tests fix it and the rules stay consistent with it.
public struct DeskClock: Sendable {
    private let reading: @Sendable () -> Instant
    private let isFixed: Bool

    package init(_ reading: @escaping @Sendable () -> Instant) { self.init(reading, fixed: false) }

    private init(_ reading: @escaping @Sendable () -> Instant, fixed: Bool) {
        self.reading = reading
        isFixed = fixed
    }

    package var now: Instant { reading() }

    package static let system = DeskClock { Instant(secondsSinceEpoch: Date().timeIntervalSince1970) }

    package static func fixed(_ instant: Instant) -> DeskClock { DeskClock({ instant }, fixed: true) }

    /// The clock for a command that runs on (`watch`): a fixed clock becomes one that starts at
    /// its instant and then advances with real time, so due instants can pass while it watches;
    /// any other clock already advances and is returned as it is.
    package func runningOn() -> DeskClock {
        guard isFixed else { return self }
        let start = now
        let began = ContinuousClock.now
        return DeskClock {
            let elapsed = ContinuousClock.now - began
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            return Instant(milliseconds: start.milliseconds + milliseconds)
        }
    }
}
