/// How many terminal columns text takes (wide East Asian characters and emoji two, combining marks
/// none), and the cutting, padding and wrapping that tables and cards need to stay aligned. The
/// desk's own colour codes (`ESC [ … m`) take no columns: every ESC in report text was neutralised
/// before, so any left is one of ours.
package enum DisplayWidth {
    package static func of(_ text: String) -> Int {
        var total = 0
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if let rest = skippingColour(scalars) {
                scalars = rest
                continue
            }
            total += width(scalar)
            scalars = scalars.dropFirst()
        }
        return total
    }

    /// What follows an SGR colour code at the start of `scalars`, or `nil` when none starts there.
    private static func skippingColour(_ scalars: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView? {
        guard scalars.first == "\u{1B}", scalars.dropFirst().first == "[" else { return nil }
        let body = scalars.dropFirst(2)
        guard let end = body.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" }), body[end] == "m" else { return nil }
        return body[body.index(after: end)...]
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Cuts text to `columns`, ending in `…` when something was cut (and ending any colour).
    package static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        var result = String.UnicodeScalarView()
        var used = 0
        var scalars = text.unicodeScalars[...]
        var coloured = false
        while let scalar = scalars.first {
            if let rest = skippingColour(scalars) {
                result.append(contentsOf: scalars[..<rest.startIndex])
                coloured = true
                scalars = rest
                continue
            }
            let w = width(scalar)
            if used + w > columns - 1 { break }
            result.append(scalar)
            used += w
            scalars = scalars.dropFirst()
        }
        return String(result) + "…" + (coloured ? "\u{1B}[0m" : "")
    }

    /// Text followed by spaces up to `columns` (text already that wide is left as it is).
    package static func pad(_ text: String, to columns: Int) -> String {
        let width = of(text)
        return width >= columns ? text : text + String(repeating: " ", count: columns - width)
    }

    /// Spaces then text, for numbers in a right-aligned column.
    package static func padLeft(_ text: String, to columns: Int) -> String {
        let width = of(text)
        return width >= columns ? text : String(repeating: " ", count: columns - width) + text
    }

    /// Breaks text into lines at most `columns` wide: at spaces where it can, inside a word when a
    /// word alone is wider (text without spaces, such as Japanese, has to break somewhere), unless
    /// `breakingWords` is false: then such a word (an identifier, a path) stands whole on its own
    /// line. Existing line breaks are kept; a line that fits is left as it is.
    package static func wrap(_ text: String, to columns: Int, breakingWords: Bool = true) -> [String] {
        let limit = max(columns, 8)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard of(paragraph) > limit else {
                lines.append(paragraph)
                continue
            }
            var line = ""
            // An empty piece is one more space of a run: kept inside a line (aligned columns), dropped at a break.
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                if word.isEmpty {
                    if !line.isEmpty { line += " " }
                    continue
                }
                var rest = String(word)
                while !rest.isEmpty {
                    let gap = line.isEmpty ? "" : " "
                    if of(line) + gap.count + of(rest) <= limit {
                        line += gap + rest
                        rest = ""
                    } else if line.isEmpty && !breakingWords {
                        line = rest
                        rest = ""
                    } else if line.isEmpty {
                        let (head, tail) = split(rest, at: limit)
                        lines.append(head)
                        rest = tail
                    } else {
                        lines.append(trailingSpacesRemoved(line))
                        line = ""
                    }
                }
            }
            lines.append(trailingSpacesRemoved(line))
        }
        return lines
    }

    private static func trailingSpacesRemoved(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The longest head of `text` at most `columns` wide (at least one scalar) and the rest.
    private static func split(_ text: String, at columns: Int) -> (String, String) {
        var head = String.UnicodeScalarView()
        var used = 0
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first, head.isEmpty || used + width(scalar) <= columns {
            head.append(scalar)
            used += width(scalar)
            scalars = scalars.dropFirst()
        }
        return (String(head), String(String.UnicodeScalarView(scalars)))
    }
}
