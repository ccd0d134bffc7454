import Foundation
import Testing
@testable import ReportDeskFormats

@Suite("CSV export cells")
struct CSVCellTests {
    /// Neutralisation, then the RFC 4180 rule byte by byte, to compare the writer with.
    private func reference(_ original: String) -> String {
        let text = CSVCellText.neutralised(original)
        let bytes = Array(text.utf8)
        let quoted = bytes.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) } || bytes.first == 0x20 || bytes.last == 0x20
        return quoted ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private func cell(_ text: String) -> String {
        var out: [UInt8] = []
        ExportRowWriter.appendCell(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a comma, quote, CR, LF or outer space anywhere in a text longer than two words quotes the cell, quotes doubled")
    func quotingAtEveryPlace() {
        for special in [",", "\"", "\n", "\r", " ", "x", "é"] {
            for place in 0..<19 {
                var characters = Array(repeating: Character("a"), count: 19)
                characters[place] = Character(special)
                let text = String(characters)
                #expect(cell(text) == reference(text), "\(special.debugDescription) at \(place)")
            }
        }
        #expect(cell("") == "")
        #expect(cell("say \"hi\", twice \"\"") == "\"say \"\"hi\"\", twice \"\"\"\"\"")
        #expect(cell("=1+2") == "'=1+2", "a formula is neutralised first")
    }
}
