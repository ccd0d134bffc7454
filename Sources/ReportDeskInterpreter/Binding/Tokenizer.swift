package import ReportDeskCore

/// Splits a typed command line into words the way a POSIX shell quotes: single quotes keep text
/// as is, double quotes allow `\"` and `\\`, a backslash outside quotes escapes the next character.
package enum Tokenizer {
    package static func words(_ line: String) throws(DeskError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                if quote == "\"", !["\"", "\\", "$", "`"].contains(character) { current.append("\\") }
                current.append(character)
                escaping = false
                inWord = true
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaping = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, let c) where c.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if escaping {
            current.append("\\")
        }
        if let quote {
            throw DeskError(.invalidParams, "unterminated \(quote) quote in the command line", data: ["field": "line"])
        }
        if inWord { words.append(current) }
        return words
    }

    /// Whether a line ends in an unescaped backslash and so continues on the next line.
    package static func continues(_ line: String) -> Bool {
        var count = 0
        for character in line.reversed() {
            guard character == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }
}
