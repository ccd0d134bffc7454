/// The small grammar messages need: "an experience report", "1 duplicate", "experience and payment",
/// "100,000".
package enum Wording {
    /// `a` or `an` before a word, by its first letter's sound in the common case (a vowel).
    package static func article(for word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeio".contains(first) ? "an" : "a"
    }

    /// `1 duplicate`, `2 duplicates`, `1 screenshot file`; the plural is the singular + `s` unless given.
    package static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// `experience`, `experience and payment`, `a, b and c`.
    package static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// An integer with thousands separators: `100,000`.
    package static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
