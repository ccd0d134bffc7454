import Testing
import ReportDeskInterpreter

@Suite("Rendering: report text never drives the terminal")
struct RenderingSafeTextTests {
    @Test("controls, escape sequences and bidirectional controls become visible stand-ins", arguments: [
        ("\u{1B}]0;pwned\u{07}", "␛]0;pwned␇"),
        ("\u{1B}[2J\u{1B}[H", "␛[2J␛[H"),
        ("a\u{1B}[31mred\u{1B}[0m", "a␛[31mred␛[0m"),
        ("\u{00}\u{01}\u{08}\u{0B}\u{0C}\u{1F}", "␀␁␈␋␌␟"),
        ("back\rover", "back␍over"),
        ("del\u{7F}", "del␡"),
        ("\u{9B}2J csi", "<U+009B>2J csi"),
        ("\u{9D}0;x\u{9C} osc", "<U+009D>0;x<U+009C> osc"),
        ("\u{85}next line", "<U+0085>next line"),
        ("abc\u{202E}fed", "abc<U+202E>fed"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "<U+202A><U+202B><U+202C><U+202D>"),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", "<U+2066><U+2067><U+2068><U+2069>"),
        ("\u{200E}\u{200F}\u{061C}", "<U+200E><U+200F><U+061C>"),
        ("tab\there", "tab here"),
        ("two\nlines", "two↵lines"),
        ("crlf\r\nend", "crlf↵end"),
        ("sep\u{2028}para\u{2029}", "sep↵para↵"),
    ])
    func line(input: String, shown: String) {
        #expect(SafeText.line(input) == shown)
    }

    @Test("a block keeps its line breaks (Windows ones too) and neutralises the rest", arguments: [
        ("one\ntwo", "one\ntwo"),
        ("one\r\ntwo", "one\ntwo"),
        ("one\u{2028}two", "one\ntwo"),
        ("\tindented", "    indented"),
        ("evil\u{1B}[2J\nline", "evil␛[2J\nline"),
        ("lone\rreturn", "lone␍return"),
    ])
    func block(input: String, shown: String) {
        #expect(SafeText.block(input) == shown)
    }

    @Test("ordinary text of any script is printed as it is", arguments: [
        "charged twice for 500 gems", "ボタンが画面の外にはみ出して押せません", "Ärger mit Überweisung", "👩‍👩‍👧 family",
        "שלום עולם", "مرحبا", "café", "",
    ])
    func unchanged(text: String) {
        #expect(SafeText.line(text) == text)
        #expect(SafeText.block(text) == text)
    }

    @Test("no scalar that needs neutralising survives, over the whole Basic Multilingual Plane")
    func exhaustive() {
        var survivors: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x" + String(Character(scalar)) + "y"
            for shown in [SafeText.line(text), SafeText.block(text)] where shown.unicodeScalars.contains(where: {
                SafeText.needsNeutralising($0) && $0 != "\n"
            }) {
                survivors.append(value)
            }
            if SafeText.line(text).unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                survivors.append(value)
            }
        }
        #expect(survivors.isEmpty, "\(survivors.map { String($0, radix: 16) })")
    }
}
