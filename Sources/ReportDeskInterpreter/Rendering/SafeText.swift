/// Report text is written by strangers. Before it reaches a
/// terminal every control character, escape sequence introducer and bidirectional control is
/// replaced by a visible stand-in, so nothing in a report can move the cursor, retitle the window,
/// clear the screen or reorder what is printed around it.
package enum SafeText {
    /// One line (table cells, titles, ids): line breaks and tabs become visible or plain spaces.
    package static func line(_ text: String) -> String {
        neutralise(text, keepNewlines: false)
    }

    /// A block (details, notes, messages in a card): line breaks stay, everything else is neutralised.
    package static func block(_ text: String) -> String {
        neutralise(text, keepNewlines: true)
    }

    /// Whether printing this scalar could make a terminal do something other than show a character.
    package static func needsNeutralising(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }

    private static func neutralise(_ text: String, keepNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsNeutralising) else { return text }
        var output = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            guard needsNeutralising(scalar) else {
                output.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x0A, 0x2028, 0x2029:
                // A Windows line end is one break: drop the carriage return's stand-in before it.
                if scalar == "\n", previousWasCarriageReturn { output.removeLast() }
                output.append(keepNewlines ? "\n" : "\u{21B5}")  // ↵
            case 0x09:
                output.append(contentsOf: (keepNewlines ? "    " : " ").unicodeScalars)
            case 0x00...0x1F:
                output.append(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀ … ␛ … ␟: the control picture
            case 0x7F:
                output.append("\u{2421}")  // ␡
            default:
                output.append(contentsOf: codePoint(scalar.value).unicodeScalars)
            }
        }
        return String(output)
    }

    /// `<U+202E>`: how C1 controls and bidirectional controls are shown.
    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
