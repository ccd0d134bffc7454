import Foundation
import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskREPL

@Suite("What Tab does to the line")
struct CompletionEditTests {
    private func edit(_ partial: String, _ values: [String], quote: Character? = nil) -> CompletionEdit {
        CompletionEdit(Completion(partial: partial, openQuote: quote, candidates: values.map { CompletionCandidate($0) }))
    }

    @Test("one candidate is finished and followed by a space; a folder or --flag= goes on")
    func single() {
        #expect(edit("pa", ["payment"]) == .insert("yment "))
        #expect(edit("list", ["list"]) == .insert(" "))
        #expect(edit("./sh", ["./shots/"]) == .insert("ots/"))
        #expect(edit("", ["--status="]) == .insert("--status="))
    }

    @Test("several candidates extend to their common prefix, then are listed")
    func several() {
        #expect(edit("re", ["refund_request", "refund_partial"]) == .insert("fund_"))
        let values = ["reopen", "resolve"]
        #expect(edit("re", values) == .list(values.map { CompletionCandidate($0) }))
        #expect(edit("zz", []) == .nothing)
    }

    @Test("inserted text reads back through the tokenizer as the candidate, whatever quote is open", arguments: [
        ("note 1 ", "", "my file's \"name\" \\ here", nil as Character?),
        ("note 1 \"", "my", "my file's \"name\" \\ here", Character("\"")),
        ("note 1 '", "my", "my file's \"name\" \\ here", Character("'")),
        ("note 1 ", "my ", "my file.png", nil),
    ])
    func roundTrip(typed: String, partial: String, candidate: String, quote: Character?) throws {
        guard case .insert(let text) = edit(partial, [candidate], quote: quote) else {
            Issue.record("expected an insertion")
            return
        }
        let line = typed + (quote == nil ? partial.replacingOccurrences(of: " ", with: "\\ ") : partial) + text
        #expect(try Tokenizer.words(line) == ["note", "1", candidate], "\(line)")
        #expect(line.hasSuffix(" "), "a finished word is followed by a space")
    }

    @Test("alternatives with hints are listed one per line, neutralised and cut to the width")
    func listingWithHints() {
        let candidates = [
            CompletionCandidate("3", hint: "pending · community/harassment · evil \u{1B}[2J note"),
            CompletionCandidate("12", hint: "resolved · payment/refund_request · " + String(repeating: "long ", count: 40)),
            CompletionCandidate("R\u{1B}x", hint: ""),
        ]
        let lines = CompletionEdit.listing(candidates, width: 60)
        #expect(lines[0] == "3    pending · community/harassment · evil ␛[2J note")
        #expect(lines[1].hasPrefix("12   resolved · payment/refund_request · long long"))
        #expect(lines[1].hasSuffix("…"))
        #expect(lines[2] == "R␛x")
        #expect(lines.allSatisfy { DisplayWidth.of($0) < 60 })
    }

    @Test("alternatives without hints are listed in columns, and a long list says how many more there are")
    func columns() {
        let values = (1...200).map { "value\($0)" }
        let lines = CompletionEdit.listing(values.map { CompletionCandidate($0) }, width: 80, maximumLines: 5)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("value1    value2    value3"))
        #expect(lines.dropLast().allSatisfy { DisplayWidth.of($0) < 80 })
        let shown = lines.dropLast().flatMap { $0.split(separator: " ") }.count
        #expect(lines.last == "… and \(200 - shown) more; type more of the word")
    }
}
