import Foundation
import Testing
import ReportDeskCore

@Suite("Base64url tokens")
struct Base64URLTests {
    @Test("round-trips every length and byte, with the URL alphabet and no padding")
    func roundTrip() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 250) }
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("+") && !encoded.contains("/") && !encoded.contains("="))
            #expect(Base64URL.decode(encoded) == bytes, "length \(length)")
        }
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test("text that is not base64url decodes to nil")
    func rejects() {
        for text in ["+/+/", "a", "ab$c", "ab\u{0}c", "é"] {
            #expect(Base64URL.decode(text) == nil, "\(text)")
        }
    }
}
