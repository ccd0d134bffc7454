/// A span of time written as `90m`, `6h`, `3d`, `1d12h` or `45s` (`--due-within` and relative times).
public struct DeskDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }
    package static func hours(_ hours: Int) -> DeskDuration { DeskDuration(milliseconds: Int64(hours) * 3_600_000) }
    package static func minutes(_ minutes: Int) -> DeskDuration { DeskDuration(milliseconds: Int64(minutes) * 60_000) }

    private static let units: [(Character, Int64)] = [
        ("w", 604_800_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000),
    ]

    /// Parses one or more `<number><unit>` groups; units are s, m, h, d, w. `nil` if malformed.
    package init?(parsing text: String) {
        var total: Int64 = 0
        var digits = ""
        var sawGroup = false
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 9 else { return nil }
            } else if let unit = DeskDuration.units.first(where: { $0.0 == character }) {
                guard let value = Int64(digits) else { return nil }
                total += value * unit.1
                digits = ""
                sawGroup = true
            } else {
                return nil
            }
        }
        guard sawGroup, digits.isEmpty else { return nil }
        milliseconds = total
    }

    /// The shortest exact text for this duration (`72h` → `3d`).
    public var description: String {
        var remaining = abs(milliseconds)
        if remaining == 0 { return "0s" }
        var text = milliseconds < 0 ? "-" : ""
        for (unit, size) in DeskDuration.units where unit != "w" && remaining >= size {
            text += "\(remaining / size)\(unit)"
            remaining %= size
        }
        return text
    }

    public static func < (lhs: DeskDuration, rhs: DeskDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
