import Foundation
package import ReportDeskCore

/// How human output is drawn: width, colour, the display zone and "now" for relative times.
package struct TerminalStyle: Sendable {
    package var width: Int
    package var colour: Bool
    package var zone: ZoneRules
    package var now: Instant

    package init(width: Int, colour: Bool, zone: ZoneRules, now: Instant) {
        self.width = width
        self.colour = colour
        self.zone = zone
        self.now = now
    }

    /// Colour only on a terminal and never when `NO_COLOR` is set (no-color.org).
    package static func colourAllowed(fileDescriptor: Int32, environment: [String: String]) -> Bool {
        guard isatty(fileDescriptor) == 1 else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The terminal's width, else `$COLUMNS`, else 100.
    package static func width(fileDescriptor: Int32, environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return 100
    }

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A time as people read it: local date and time in the display zone.
    package func localTime(_ instant: Instant) -> String {
        let civil = zone.civil(instant)
        return "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))-\(RFC3339.pad(civil.day, 2)) \(RFC3339.pad(civil.hour, 2)):\(RFC3339.pad(civil.minute, 2))"
    }

    /// `in 5 h`, `3 h ago`, `in 2 d 4 h`.
    package func relative(_ instant: Instant) -> String {
        let span = now.duration(until: instant).milliseconds
        let text = Self.roughSpan(abs(span))
        return span >= 0 ? "in \(text)" : "\(text) ago"
    }

    package static func roughSpan(_ milliseconds: Int64) -> String {
        let minutes = milliseconds / 60_000
        if minutes < 1 { return "<1 min" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h" }
        let days = hours / 24
        let rest = hours % 24
        return rest == 0 ? "\(days) d" : "\(days) d \(rest) h"
    }

    /// The zone's name and current offset, for headers: `Asia/Tokyo (+09:00)`.
    package var zoneLabel: String {
        let offset = zone.offsetSeconds(at: now)
        let sign = offset < 0 ? "-" : "+"
        return "\(zone.identifier) (\(sign)\(RFC3339.pad(abs(offset) / 3600, 2)):\(RFC3339.pad(abs(offset) % 3600 / 60, 2)))"
    }
}
