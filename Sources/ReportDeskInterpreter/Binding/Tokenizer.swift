package import ReportDeskCore

/// Splits a typed command line into words the way a POSIX shell quotes: single quotes keep text
/// as is, double quotes allow `\"` and `\\`, a backslash outside quotes escapes the next character.
package enum Tokenizer {
    package static func words(_ line: String) throws(DeskError) -> [String] {
        let scanned = scan(line)
        if let quote = scanned.openQuote {
            throw DeskError(.invalidParams, "unterminated \(quote) quote in the command line", data: ["field": "line"])
        }
        return scanned.inWord ? scanned.words + [scanned.current] : scanned.words
    }

    /// `word` written so that `words` reads it back as one word: as is when it needs no quoting,
    /// else in single quotes (a quote inside becomes `'\''`).
    package static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "@", ":", "/", "+", "-", ",", "=", "#", "%": true
            default: false
            }
        }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// What scanning a line found: the complete words, the word still open at its end (`inWord`
    /// when one was started), and a quote left open. The completer reads the same scan, so what Tab
    /// completes is split exactly as the command will be.
    package struct Scan: Sendable {
        package var words: [String] = []
        package var current = ""
        package var inWord = false
        package var openQuote: Character?
    }

    package static func scan(_ line: String) -> Scan {
        var scan = Scan()
        var escaping = false
        for character in line {
            if escaping {
                if scan.openQuote == "\"", !["\"", "\\", "$", "`"].contains(character) { scan.current.append("\\") }
                scan.current.append(character)
                escaping = false
                scan.inWord = true
                continue
            }
            switch (scan.openQuote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaping = true
            case (nil, "'"), (nil, "\""):
                scan.openQuote = character
                scan.inWord = true
            case ("'", "'"), ("\"", "\""):
                scan.openQuote = nil
            case (nil, let c) where c.isWhitespace:
                if scan.inWord { scan.words.append(scan.current) }
                scan.current = ""
                scan.inWord = false
            default:
                scan.current.append(character)
                scan.inWord = true
            }
        }
        if escaping { scan.current.append("\\") }
        return scan
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
