/// RFC 3339 text for machines (R8), parsed and written without Foundation's formatters: imports
/// parse a time per row, so this must be cheap.
package enum RFC3339 {
    /// `2026-11-24T09:30:00Z`, with `.mmm` only when the instant has milliseconds.
    package static func format(_ instant: Instant) -> String {
        String(unsafeUninitializedCapacity: maximumLength) { write(instant, into: $0) }
    }

    /// Appends `format(instant)`'s bytes without making a string: exports write three times a row.
    package static func append(_ instant: Instant, into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { buffer in
            let count = write(instant, into: buffer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// A sign, nine digits of year and `-MM-DDThh:mm:ss.mmmZ`, with room to spare.
    private static let maximumLength = 32

    private static func write(_ instant: Instant, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let civil = CivilTime(instant)
        var end = 0
        func put(_ value: Int, _ width: Int) {
            if value < 0 {
                buffer[end] = UInt8(ascii: "-")
                end += 1
            }
            var magnitude = value.magnitude
            var digits = 1
            var rest = magnitude / 10
            while rest > 0 { digits += 1; rest /= 10 }
            let length = max(digits, width)
            for position in stride(from: end + length - 1, through: end, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            end += length
        }
        func put(_ byte: Unicode.Scalar) {
            buffer[end] = UInt8(ascii: byte)
            end += 1
        }
        put(civil.year, 4); put("-"); put(civil.month, 2); put("-"); put(civil.day, 2); put("T")
        put(civil.hour, 2); put(":"); put(civil.minute, 2); put(":"); put(civil.second, 2)
        if civil.millisecond != 0 { put("."); put(civil.millisecond, 3) }
        put("Z")
        return end
    }

    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// What a time text said: the wall-clock fields and, if written, its UTC offset in seconds.
    package struct Parsed: Sendable {
        package let civil: CivilTime
        package let offsetSeconds: Int?
    }

    /// Parses `YYYY-MM-DD[(T| )hh:mm[:ss[.fff…]]][Z|±hh:mm|±hhmm]`; a date alone means midnight.
    /// Returns `nil` when the text is not of that shape or names no real date.
    package static func parseFields(_ text: String) -> Parsed? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
              expect(UInt8(ascii: "-")), let day = number(2) else { return nil }
        var civil = CivilTime(year: year, month: month, day: day)
        var offset: Int?
        if index < bytes.count {
            guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index]) else { return nil }
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
            civil.hour = hour
            civil.minute = minute
            if expect(UInt8(ascii: ":")) {
                guard let second = number(2) else { return nil }
                civil.second = second
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var digits = 0
                    var fraction = 0
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        if digits < 3 { fraction = fraction * 10 + Int(bytes[index] - 0x30) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in min(digits, 3)..<3 { fraction *= 10 }
                    civil.millisecond = fraction
                }
            }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                    index += 1
                    offset = 0
                } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    index += 1
                    guard let hours = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    guard let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
                    let magnitude = hours * 3600 + minutes * 60
                    offset = sign == UInt8(ascii: "+") ? magnitude : -magnitude
                } else {
                    return nil
                }
            }
        }
        guard index == bytes.count, civil.isValid else { return nil }
        return Parsed(civil: civil, offsetSeconds: offset)
    }

    /// Parses a full RFC 3339 instant; text without an offset is refused here (see `TimeZoneRules`
    /// for reading local times in a stated zone).
    package static func parse(_ text: String) -> Instant? {
        guard let parsed = parseFields(text), let offset = parsed.offsetSeconds else { return nil }
        return Instant(milliseconds: parsed.civil.millisecondsAsUTC - Int64(offset) * 1000)
    }
}
