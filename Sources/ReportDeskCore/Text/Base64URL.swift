import Foundation

/// Base64url without padding (RFC 4648 §5), for opaque tokens such as page cursors. The alphabet
/// is swapped byte by byte: Foundation's string replacement goes through NSString, a noticeable
/// cost in a one-shot `list`.
package enum Base64URL {
    package static func encode(_ bytes: [UInt8]) -> String {
        var encoded: [UInt8] = []
        for byte in Data(bytes).base64EncodedString().utf8 {
            switch byte {
            case UInt8(ascii: "+"): encoded.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): encoded.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: encoded.append(byte)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The bytes of `text`, or nil when it is not base64url (padded or not).
    package static func decode(_ text: String) -> [UInt8]? {
        var standard: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): standard.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): standard.append(UInt8(ascii: "/"))
            case UInt8(ascii: "+"), UInt8(ascii: "/"): return nil
            default: standard.append(byte)
            }
        }
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(standard)).map { [UInt8]($0) }
    }
}
