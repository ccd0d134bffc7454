/// A point in time as whole milliseconds since the Unix epoch, UTC (R8: stored as instants).
public struct Instant: Hashable, Comparable, Sendable {
    public let milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }
    package init(secondsSinceEpoch: Double) {
        milliseconds = Int64((secondsSinceEpoch * 1000).rounded(.down))
    }

    package var secondsSinceEpoch: Double { Double(milliseconds) / 1000 }

    package func adding(_ duration: DeskDuration) -> Instant {
        Instant(milliseconds: milliseconds + duration.milliseconds)
    }

    package func subtracting(_ duration: DeskDuration) -> Instant {
        Instant(milliseconds: milliseconds - duration.milliseconds)
    }

    /// How long from `self` to `later` (negative when `later` is earlier).
    package func duration(until later: Instant) -> DeskDuration {
        DeskDuration(milliseconds: later.milliseconds - milliseconds)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

extension Instant: CustomStringConvertible {
    public var description: String { RFC3339.format(self) }
}
