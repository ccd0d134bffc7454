import Testing
@testable import ReportDeskCore

@Suite("JSON parser and writer")
struct JSONTests {
    @Test("values round-trip in member order with number lexemes kept", arguments: [
        #"{"b":1,"a":[true,false,null],"c":{"d":"x"}}"#,
        #"[1.0,-0,1e3,12345678901234567890,-2.5E-3]"#,
        #""snow ☃ and 😀""#,
    ])
    func roundTrip(text: String) throws {
        #expect(JSONWriter.string(try JSONParser.parse(text)) == text)
    }

    @Test("escapes decode, including surrogate pairs")
    func escapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/\n\té😀"))
    }

    @Test("control characters are written escaped, so output stays one safe line")
    func writerEscapesControls() {
        #expect(JSONWriter.string(.string("\u{1B}]0;x\u{07}\n")) == #""\u001b]0;x\u0007\n""#)
    }

    @Test("every byte that needs an escape is escaped where it stands, between plain runs", arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\u{7F}x\u{1F}", #""\u007fx\u001f""#),
        ("\r\n\tend", #""\r\n\tend""#),
        ("é\u{08}😀", "\"é\\u0008😀\""),
    ])
    func writerEscapesInPlace(text: String, expected: String) {
        #expect(JSONWriter.string(.string(text)) == expected)
        #expect(JSONWriter.string(.object(JSONObject([(text, .string(text))]))) == "{\(expected):\(expected)}")
    }

    @Test("each ASCII byte at each place of a text longer than two words is written as one byte-by-byte escape would")
    func writerEscapesEveryPlace() {
        func reference(_ text: String) -> String {
            var out = "\""
            for byte in text.utf8 {
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x00..<0x20, 0x7F: out += "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                default: out += String(UnicodeScalar(byte))
                }
            }
            return out + "\""
        }
        for byte in UInt8(0)..<0x80 {
            for place in 0..<19 {
                var scalars = Array(repeating: Unicode.Scalar("a"), count: 19)
                scalars[place] = Unicode.Scalar(byte)
                let text = String(String.UnicodeScalarView(scalars))
                #expect(JSONWriter.string(.string(text)) == reference(text), "byte \(byte) at \(place)")
            }
        }
        let mixed = "ünïcödé 😀 \u{7F} and \"quotes\" past a word"
        #expect(JSONWriter.string(.string(mixed)) == "\"ünïcödé 😀 \\u007f and \\\"quotes\\\" past a word\"")
    }

    @Test("hostile input is refused with a reason", arguments: [
        ("{", "unexpected end"),
        ("[1,]", "unexpected character"),
        ("\"abc", "unterminated string"),
        ("\"a\u{01}b\"", "control character"),
        ("{\"a\" 1}", "expected ':'"),
        ("[1] x", "after the JSON value"),
        ("\"\\ud800\"", "lone surrogate"),
        ("01", "after the JSON value"),
        ("nul", "unexpected end"),
        ("nulx", "invalid literal"),
    ])
    func refusals(text: String, reason: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch {
            #expect(error.message.contains(reason))
        }
    }

    @Test("invalid UTF-8 and raw NUL bytes are errors, not crashes")
    func bytes() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x61, 0x00, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x00]) }
    }

    @Test("nesting deeper than the documented limit is refused")
    func depth() throws {
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        _ = try JSONParser.parse(fine)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test("a byte-order mark is skipped")
    func bom() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([1]))
    }

    @Test("integers are recognised exactly and huge numbers are not")
    func integers() throws {
        #expect(try JSONParser.parse("3.0").intValue == 3)
        #expect(try JSONParser.parse("1e2").intValue == 100)
        #expect(try JSONParser.parse("3.5").intValue == nil)
        #expect(try JSONParser.parse("1e400").intValue == nil)
        #expect(try JSONParser.parse("99999999999999999999999").intValue == nil)
    }
}
