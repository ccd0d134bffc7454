/// The ways a person writes an instant in a parameter: RFC 3339 (with an offset, or wall-clock time
/// in the display zone), a date (midnight in the display zone), `today`, `yesterday`, or an age
/// (`7d`, `36h`, `90m`: that long before now). Imported files keep exact times only: these forms
/// depend on when they are read.
package enum InstantExpression {
    /// The accepted forms, for help texts and error messages.
    package static let forms = "an RFC 3339 time (2026-11-24T09:30:00Z), a date (2026-11-24: midnight in the display zone), "
        + "today, yesterday, or an age such as 7d, 36h or 90m (that long before now)"

    /// The instant `text` names at `now` in `zone`; `nil` when it is none of the forms.
    package static func parse(_ text: String, zone: ZoneRules, now: Instant) -> Instant? {
        let word = text.trimmed.lowercased()
        switch word {
        case "now": return now
        case "today": return startOfDay(daysBefore: 0, now: now, zone: zone)
        case "yesterday": return startOfDay(daysBefore: 1, now: now, zone: zone)
        default: break
        }
        if let instant = zone.parseInstant(text.trimmed) { return instant }
        if let age = DeskDuration(parsing: word) { return now.subtracting(age) }
        return nil
    }

    /// Midnight of the calendar day `days` before today, as the zone's clocks show it; a DST
    /// change makes such a day 23 or 25 hours long, so this is calendar arithmetic, not 24 h steps.
    private static func startOfDay(daysBefore days: Int, now: Instant, zone: ZoneRules) -> Instant {
        let today = zone.civil(now)
        let dayNumber = CivilTime.daysFromCivil(year: today.year, month: today.month, day: today.day) - days
        let date = CivilTime(Instant(milliseconds: Int64(dayNumber) * 86_400_000))
        return zone.instant(for: CivilTime(year: date.year, month: date.month, day: date.day))
    }
}
