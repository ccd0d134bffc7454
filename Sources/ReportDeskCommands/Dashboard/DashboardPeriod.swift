import ReportDeskCore
import ReportDeskInterpreter

/// How the dashboard cuts its period: calendar days, weeks (from Monday) or months in the display zone.
enum DashboardBucket: String, CaseIterable, Sendable {
    case day, week, month
}

/// The period `stats` looks at, cut into buckets at calendar boundaries of the display zone; the
/// first and last bucket may be partial, so the buckets always add up to the period.
struct DashboardPeriod: Sendable {
    /// Days in the default period: the last 30, today included.
    static let defaultDays = 30
    /// More buckets than this make a chart nobody reads; a wider `by` helps.
    static let maximumBuckets = 1200

    let since: Instant
    let until: Instant
    let by: DashboardBucket
    let edges: [Instant]
    /// Week boundaries over the period, for the in-time share per week.
    let weekEdges: [Instant]
    let isDefault: Bool

    init(since: Instant?, until: Instant?, by: DashboardBucket, zone: ZoneRules, now: Instant) throws(DeskError) {
        let end = until ?? Self.boundary(after: now, unit: .day, zone: zone)
        let start = since ?? Self.startOfDay(now, zone: zone, daysBefore: Self.defaultDays - 1)
        guard start < end else {
            throw DeskError.invalidParams(field: "since", "since must be before until (the period is since up to until)")
        }
        self.since = start
        self.until = end
        self.by = by
        isDefault = since == nil && until == nil
        edges = try Self.boundaries(from: start, to: end, unit: by, zone: zone)
        weekEdges = try Self.boundaries(from: start, to: end, unit: .week, zone: zone)
    }

    private static func boundaries(from start: Instant, to end: Instant, unit: DashboardBucket, zone: ZoneRules) throws(DeskError) -> [Instant] {
        var edges = [start]
        var next = boundary(after: start, unit: unit, zone: zone)
        while next < end {
            edges.append(next)
            guard edges.count <= maximumBuckets else {
                throw DeskError.invalidParams(field: "by", "the period holds more than \(maximumBuckets) \(unit.rawValue)s; "
                                              + "choose a wider --by or a shorter period")
            }
            next = boundary(after: next, unit: unit, zone: zone)
        }
        edges.append(end)
        return edges
    }

    /// The first calendar boundary of `unit` strictly after `instant`, as the zone's clocks show it.
    static func boundary(after instant: Instant, unit: DashboardBucket, zone: ZoneRules) -> Instant {
        let civil = zone.civil(instant)
        let day = CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day)
        let target: CivilTime
        switch unit {
        case .day: target = date(dayNumber: day + 1)
        case .week:
            // Day 0 of the civil day count (1970-01-01) was a Thursday; weeks start on Monday.
            let weekday = ((day % 7) + 7 + 3) % 7
            target = date(dayNumber: day + 7 - weekday)
        case .month:
            target = civil.month == 12 ? CivilTime(year: civil.year + 1, month: 1, day: 1)
                : CivilTime(year: civil.year, month: civil.month + 1, day: 1)
        }
        let next = zone.instant(for: target)
        // A zone whose midnight is skipped or repeated could map back; never step backwards.
        return next > instant ? next : instant.adding(.hours(1))
    }

    /// Midnight `days` calendar days before the day of `instant` (calendar arithmetic: DST days differ in length).
    static func startOfDay(_ instant: Instant, zone: ZoneRules, daysBefore days: Int = 0) -> Instant {
        let civil = zone.civil(instant)
        return zone.instant(for: date(dayNumber: CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) - days))
    }

    private static func date(dayNumber: Int) -> CivilTime {
        let date = CivilTime(Instant(milliseconds: Int64(dayNumber) * 86_400_000))
        return CivilTime(year: date.year, month: date.month, day: date.day)
    }
}
