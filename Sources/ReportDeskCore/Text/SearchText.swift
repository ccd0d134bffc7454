import Foundation

/// Full-text search text rules (R9; README, The store). The index tokenises words whole; scripts
/// written without spaces (Chinese, Japanese, Thai, …) are indexed as overlapping character pairs so
/// a query of two or more such characters matches anywhere. Query text is turned into quoted terms
/// only, so nothing a user types is read as query syntax.
package enum SearchText {
    /// Scripts whose words are not separated by spaces.
    package static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: true  // Hiragana, Katakana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true  // Han
        case 0x0E00...0x0EFF: true  // Thai, Lao
        case 0x1000...0x109F, 0x1780...0x17FF: true  // Myanmar, Khmer
        default: false
        }
    }

    /// Characters that belong to a word for the query splitter (letters, digits, marks).
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// The text as it is put into the index: unchanged unless it holds unspaced script, whose runs
    /// become space-separated character pairs.
    package static func indexForm(_ text: String) -> String {
        // Every unspaced script lies above U+0E00, where UTF-8 lead bytes are 0xE0 or more: a byte
        // scan rules most text out before any scalar is decoded.
        guard text.utf8.contains(where: { $0 >= 0xE0 }), text.unicodeScalars.contains(where: isUnspacedScript) else { return text }
        var output = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flush() {
            guard !run.isEmpty else { return }
            output.append(" ")
            if run.count == 1 {
                output.append(run[0])
            } else {
                for index in 0..<(run.count - 1) {
                    if index > 0 { output.append(" ") }
                    output.append(run[index])
                    output.append(run[index + 1])
                }
            }
            output.append(" ")
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isUnspacedScript(scalar) || (!run.isEmpty && isCombiningMark(scalar)) {
                run.append(scalar)
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return String(output)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return category == .nonspacingMark || category == .spacingMark
    }

    /// The words of a query: runs of word characters, split further where the script changes
    /// between spaced and unspaced.
    package static func words(of query: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var currentIsUnspaced = false
        for scalar in query.unicodeScalars {
            guard isWordCharacter(scalar) else {
                if !current.isEmpty { words.append(String(current)); current = .init() }
                continue
            }
            let unspaced = isUnspacedScript(scalar) || (currentIsUnspaced && isCombiningMark(scalar))
            if !current.isEmpty, unspaced != currentIsUnspaced {
                words.append(String(current))
                current = .init()
            }
            currentIsUnspaced = unspaced
            current.append(scalar)
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// An FTS5 MATCH expression that finds every word whole or by prefix (all words must match);
    /// `nil` when the query has no words at all.
    package static func matchExpression(for query: String) -> String? {
        let terms = words(of: query).prefix(32).map { word -> String in
            if word.unicodeScalars.contains(where: isUnspacedScript) {
                let pairs = indexForm(word).split(separator: " ").map(String.init)
                if pairs.count == 1, word.unicodeScalars.count == 1 { return quote(pairs[0]) + "*" }
                return quote(pairs.joined(separator: " "))
            }
            return quote(word) + "*"
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    private static func quote(_ term: String) -> String {
        "\"" + term.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
