import Foundation
package import ReportDeskCore

/// How human output is drawn: width, colour, the display zone (R8), "now" for relative times, and
/// whether an operator reads it in the REPL (where paging hints name the `more` command).
package struct TerminalStyle: Sendable {
    package var width: Int
    package var colour: Bool
    package var zone: ZoneRules
    package var now: Instant
    package var interactive: Bool
    /// Whether the terminal shows characters beyond ASCII (charts fall back to `#` bars without).
    package var unicode: Bool
    /// Whether the text goes to a terminal: only there are messages wrapped to its width.
    package var terminal: Bool
    /// Where the page shown starts in the whole list (1, or 51 for `more`'s second page of 50).
    package var firstRow: Int

    package init(width: Int, colour: Bool, zone: ZoneRules, now: Instant, interactive: Bool = false, unicode: Bool = true,
                 terminal: Bool = false, firstRow: Int = 1) {
        self.width = width
        self.colour = colour
        self.zone = zone
        self.now = now
        self.interactive = interactive
        self.unicode = unicode
        self.terminal = terminal
        self.firstRow = firstRow
    }

    /// Whether the locale is UTF-8: the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set names it.
    package static func unicodeAllowed(environment: [String: String]) -> Bool {
        guard let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty })
        else { return false }
        let name = locale.uppercased()
        return name.contains("UTF-8") || name.contains("UTF8")
    }

    /// Colour only on a terminal and never when `NO_COLOR` is set (no-color.org) or `TERM=dumb`.
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

    /// The terminal's height in rows, or nil when the descriptor is not a terminal.
    package static func height(fileDescriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// The columns a table or card may fill: one short of the edge, so no terminal wraps a full line.
    package var usableWidth: Int { max(width - 1, 10) }

    /// Text in an SGR colour (`"1;31"` bold red) when colour is on; the text itself otherwise.
    package func paint(_ text: String, _ code: String?) -> String {
        guard colour, let code, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// A time as people read it: local date and time in the display zone.
    package func localTime(_ instant: Instant) -> String {
        let civil = zone.civil(instant)
        return "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))-\(RFC3339.pad(civil.day, 2)) \(RFC3339.pad(civil.hour, 2)):\(RFC3339.pad(civil.minute, 2))"
    }

    /// `in 5 h`, `3 h ago`, `just now` (within a minute either way: a report submitted a moment
    /// ago must not read as lying in the future because the clock was read before the command ran).
    package func relative(_ instant: Instant) -> String {
        let span = now.duration(until: instant).milliseconds
        if abs(span) < 60_000 { return "just now" }
        return span > 0 ? "in \(Self.roughSpan(span))" : "\(Self.roughSpan(-span)) ago"
    }

    /// How a report's due time reads (R6): `in 5 h` while pending, `due now` at the due instant
    /// itself and `past due 3 h` once it passed, by the same comparison as the data's `pastDue`.
    package func dueHint(_ due: Instant, pending: Bool) -> String {
        guard pending else { return relative(due) }
        if Report.isPast(due: due, at: now) { return "past due \(Self.roughSpan(-now.duration(until: due).milliseconds))" }
        return due == now ? "due now" : "in \(Self.roughSpan(now.duration(until: due).milliseconds))"
    }

    /// A span in the largest units that matter: `<1 min`, `45 min`, `5 h`, `3 d 4 h`, `40 d`.
    package static func roughSpan(_ milliseconds: Int64) -> String {
        let minutes = milliseconds / 60_000
        if minutes < 1 { return "<1 min" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h" }
        let days = hours / 24
        let rest = hours % 24
        return rest == 0 || days >= 14 ? "\(days) d" : "\(days) d \(rest) h"
    }

    /// The zone's name and current offset, for footers: `Asia/Tokyo (+09:00)`; Foundation's names
    /// for universal time (`GMT`, `Etc/UTC`) read as `UTC`.
    package var zoneLabel: String {
        let offset = zone.offsetSeconds(at: now)
        let sign = offset < 0 ? "-" : "+"
        let universal = ["GMT", "UTC", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"]
        let name = universal.contains(zone.identifier) ? "UTC" : zone.identifier
        return "\(name) (\(sign)\(RFC3339.pad(abs(offset) / 3600, 2)):\(RFC3339.pad(abs(offset) % 3600 / 60, 2)))"
    }
}
