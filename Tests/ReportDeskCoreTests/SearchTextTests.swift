import Testing
@testable import ReportDeskCore

@Suite("Search text (R9)")
struct SearchTextTests {
    @Test("unspaced scripts are indexed as overlapping pairs; spaced text is unchanged")
    func indexForm() {
        #expect(SearchText.indexForm("refund please") == "refund please")
        #expect(SearchText.indexForm("画面が固まる").split(separator: " ") == ["画面", "面が", "が固", "固ま", "まる"])
        #expect(SearchText.indexForm("app 画面 ok").contains(" 画面 "))
    }

    @Test("queries become quoted prefix terms: nothing is read as FTS5 syntax", arguments: [
        ("refund", #""refund"*"#),
        ("Refund NEAR/2 charge", #""Refund"* "NEAR"* "2"* "charge"*"#),
        (#"a" OR "b"#, #""a"* "OR"* "b"*"#),
        ("col:value -x ^y", #""col"* "value"* "x"* "y"*"#),
        ("画面", #""画面""#),
        ("画面が", #""画面 面が""#),
        ("画", #""画"*"#),
    ])
    func expressions(query: String, expected: String) {
        #expect(SearchText.matchExpression(for: query) == expected)
    }

    @Test("a query without words matches nothing rather than everything")
    func empty() {
        #expect(SearchText.matchExpression(for: "  ()*:\"  ") == nil)
    }
}
