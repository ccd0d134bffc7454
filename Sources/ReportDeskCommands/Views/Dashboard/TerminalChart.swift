import ReportDeskInterpreter

/// Bars drawn with block characters (eighths upwards, halves sideways), or with ASCII when the
/// terminal cannot show them. Pure functions of numbers and sizes.
struct TerminalChart: Sendable {
    let ascii: Bool

    private static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let asciiEighths: [Character] = [" ", ".", ".", ".", ":", ":", ":", ":", "#"]

    /// One cell of a column `eighths` eighths tall (0…8).
    func cell(_ eighths: Int) -> Character {
        (ascii ? Self.asciiEighths : Self.eighths)[min(max(eighths, 0), 8)]
    }

    /// Rows, top first, of columns `height` cells tall scaled so `maximum` fills them; a non-zero value shows at least a sliver.
    func columns(_ values: [Int], maximum: Int, height: Int) -> [String] {
        let total = height * 8
        let levels = values.map { value -> Int in
            guard value > 0, maximum > 0 else { return 0 }
            return max(1, Int((Double(value) / Double(maximum) * Double(total)).rounded()))
        }
        return (0..<height).map { row in
            let base = (height - 1 - row) * 8
            return String(levels.map { cell($0 - base) })
        }
    }

    /// One line of levels 0…8 scaled to the line's own peak (a sparkline).
    func sparkline(_ values: [Int]) -> String {
        let peak = values.max() ?? 0
        return String(values.map { value -> Character in
            guard value > 0, peak > 0 else { return ascii ? "_" : " " }
            return cell(max(1, Int((Double(value) / Double(peak) * 8).rounded())))
        })
    }

    /// A horizontal bar `width` cells long at `maximum`, in half cells.
    func bar(_ value: Int, maximum: Int, width: Int) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let halves = max(1, Int((Double(value) / Double(maximum) * Double(width * 2)).rounded()))
        let full = String(repeating: ascii ? "#" : "█", count: halves / 2)
        return halves % 2 == 1 ? full + (ascii ? "+" : "▌") : full
    }

    /// Adjacent values summed in groups so at most `columns` remain; returns the sums and the group size.
    static func merge(_ values: [Int], into columns: Int) -> (values: [Int], group: Int) {
        guard columns > 0, values.count > columns else { return (values, 1) }
        let group = (values.count + columns - 1) / columns
        return (merge(values, groupsOf: group), group)
    }

    /// Adjacent values summed in groups of `group`.
    static func merge(_ values: [Int], groupsOf group: Int) -> [Int] {
        guard group > 1 else { return values }
        return stride(from: 0, to: values.count, by: group).map { values[$0..<min($0 + group, values.count)].reduce(0, +) }
    }
}
