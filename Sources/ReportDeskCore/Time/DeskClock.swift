import Foundation

/// Where "now" comes from. Every derived time fact (past due, processed late; R6) reads this clock,
/// so tests fix it and the rules stay consistent with it.
public struct DeskClock: Sendable {
    private let reading: @Sendable () -> Instant

    package init(_ reading: @escaping @Sendable () -> Instant) { self.reading = reading }

    package var now: Instant { reading() }

    package static let system = DeskClock { Instant(secondsSinceEpoch: Date().timeIntervalSince1970) }

    package static func fixed(_ instant: Instant) -> DeskClock { DeskClock { instant } }
}
