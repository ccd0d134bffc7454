/// A range of instants [from, to) in milliseconds as the whole UTC days it covers, which the day
/// tallies answer, and the partial days at its ends, which are counted row by row.
struct DaySpan {
    let days: Range<Int64>
    let partials: [(from: Int64, to: Int64)]

    init(from: Int64, to: Int64) {
        let first = FilterCount.ceilingDay(from)
        let end = FilterCount.floorDay(to)
        if first >= end {
            days = first..<first
            partials = from < to ? [(from, to)] : []
        } else {
            days = first..<end
            partials = [(from, first * FilterCount.day), (end * FilterCount.day, to)].filter { $0.0 < $0.1 }
        }
    }
}
