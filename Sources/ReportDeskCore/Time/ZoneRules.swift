package import Foundation

/// A display time zone (R8): people see instants in the device's zone or one they chose.
/// The device's zone is looked up only when first needed: machine output never needs it, and the
/// lookup is a noticeable part of a one-shot command's start-up.
public struct ZoneRules: Sendable {
    private let chosen: TimeZone?

    package init(_ timeZone: TimeZone) { chosen = timeZone }
    private init(device: ()) { chosen = nil }

    package var timeZone: TimeZone { chosen ?? TimeZone.current }

    /// Resolves an IANA name (`Asia/Tokyo`), `UTC`, or a fixed offset (`+09:00`).
    package init?(named name: String) {
        if let zone = TimeZone(identifier: name) {
            chosen = zone
        } else if let parsed = RFC3339.parseFields("2000-01-01T00:00" + name), let offset = parsed.offsetSeconds,
                  let zone = TimeZone(secondsFromGMT: offset) {
            chosen = zone
        } else {
            return nil
        }
    }

    /// The device's zone: `TZ` when set, else the system's.
    package static let device = ZoneRules(device: ())
    package static let utc = ZoneRules(TimeZone(identifier: "UTC")!)

    package var identifier: String { timeZone.identifier }

    package func offsetSeconds(at instant: Instant) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant.secondsSinceEpoch))
    }

    package func civil(_ instant: Instant) -> CivilTime {
        CivilTime(instant, offsetSeconds: offsetSeconds(at: instant))
    }

    /// The instant at which this zone's clocks show `civil` (the earlier one in a repeated hour).
    package func instant(for civil: CivilTime) -> Instant {
        let asUTC = civil.millisecondsAsUTC
        var guess = Instant(milliseconds: asUTC - Int64(offsetSeconds(at: Instant(milliseconds: asUTC))) * 1000)
        let corrected = Instant(milliseconds: asUTC - Int64(offsetSeconds(at: guess)) * 1000)
        if corrected != guess { guess = corrected }
        return guess
    }

    /// Reads a time text: with an offset it is exact; without one it is wall-clock time here.
    package func parseInstant(_ text: String) -> Instant? {
        guard let parsed = RFC3339.parseFields(text) else { return nil }
        if let offset = parsed.offsetSeconds {
            return Instant(milliseconds: parsed.civil.millisecondsAsUTC - Int64(offset) * 1000)
        }
        return instant(for: parsed.civil)
    }
}
