/// Report text is written by strangers (issue on the REPL: safe printing). Before it reaches a
/// terminal every control character, escape sequence introducer and bidirectional override is
/// replaced by a visible stand-in, so nothing in a report can move the cursor, retitle the window
/// or clear the screen.
package enum SafeText {
    /// One line: newlines and tabs become visible too.
    package static func line(_ text: String) -> String {
        neutralise(text, keepNewlines: false)
    }

    /// A block (notes in a card): newlines stay, everything else is neutralised.
    package static func block(_ text: String) -> String {
        neutralise(text, keepNewlines: true)
    }

    private static func neutralise(_ text: String, keepNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsNeutralising) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines:
                output.append(scalar)
            case 0x0A:
                output.append("\u{21B5}")  // ↵
            case 0x09:
                output.append(contentsOf: keepNewlines ? "    ".unicodeScalars : " ".unicodeScalars)
            case 0x00...0x1F:
                output.append(Unicode.Scalar(0x2400 + scalar.value)!)  // ␛, ␇, ␀ …
            case 0x7F:
                output.append("\u{2421}")  // ␡
            default:
                output.append(contentsOf: visibleCodePoint(scalar.value).unicodeScalars)
            }
        }
        return String(output)
    }

    private static func visibleCodePoint(_ value: UInt32) -> String {
        "<U+" + String(value, radix: 16, uppercase: true) + ">"
    }

    static func needsNeutralising(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi controls
        default: false
        }
    }
}

/// How many terminal columns text takes: wide East Asian characters take two, marks none.
package enum DisplayWidth {
    package static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        let category = scalar.properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark || category == .format { return 0 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Cuts text to `columns`, ending in `…` when something was cut.
    package static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        var result = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let w = width(scalar)
            if used + w > columns - 1 { break }
            result.append(scalar)
            used += w
        }
        return String(result) + "…"
    }

    package static func pad(_ text: String, to columns: Int) -> String {
        let width = of(text)
        return width >= columns ? text : text + String(repeating: " ", count: columns - width)
    }
}
