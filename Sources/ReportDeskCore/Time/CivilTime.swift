/// Calendar date and wall-clock time without a zone, with the proleptic Gregorian day arithmetic
/// (H. Hinnant's algorithms) that RFC 3339 parsing and local display both need.
package struct CivilTime: Equatable, Sendable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    package var millisecond: Int

    package init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// Whether the fields name a real calendar date and time of day.
    package var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilTime.daysInMonth(year: year, month: month)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
            && (0...999).contains(millisecond)
    }

    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Milliseconds since the epoch if these fields were UTC.
    package var millisecondsAsUTC: Int64 {
        let days = Int64(CivilTime.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return seconds * 1000 + Int64(millisecond)
    }

    /// The UTC civil time of an instant shifted by `offsetSeconds`.
    package init(_ instant: Instant, offsetSeconds: Int = 0) {
        let shifted = instant.milliseconds + Int64(offsetSeconds) * 1000
        var days = shifted / 86_400_000
        var remainder = shifted % 86_400_000
        if remainder < 0 { remainder += 86_400_000; days -= 1 }
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let ms = Int(remainder)
        self.init(year: year, month: month, day: day, hour: ms / 3_600_000, minute: ms / 60_000 % 60,
                  second: ms / 1000 % 60, millisecond: ms % 1000)
    }
}
