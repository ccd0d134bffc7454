/// How a command names a report (R4; README, Commands): a local key, or text that is a
/// platform Report ID if one matches and otherwise, when it is digits (optionally after `#`), a key.
public enum ReportReference: Sendable, Equatable, Hashable, CustomStringConvertible {
    case key(Int)
    case text(String)

    /// The key this text would mean if no report has it as a Report ID.
    package var keyIfNoReportID: Int? {
        switch self {
        case .key(let key): return key
        case .text(let text):
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(digits)
        }
    }

    public var description: String {
        switch self {
        case .key(let key): "#\(key)"
        case .text(let text): text
        }
    }
}
