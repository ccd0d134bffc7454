/// A JSON value that keeps object key order and the exact text of numbers, so results print in a
/// stable order and JSON-RPC ids are echoed byte for byte (README, JSON-RPC).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    package static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
    package static func int64(_ value: Int64) -> JSONValue { .number(JSONNumber(Int(value))) }
    package static func double(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
    package static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    package static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    package var isNull: Bool { if case .null = self { true } else { false } }
    package var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    package var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    package var intValue: Int? { if case .number(let n) = self { n.intValue } else { nil } }
    package var doubleValue: Double? { if case .number(let n) = self { n.doubleValue } else { nil } }
    package var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    package var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// Member lookup on objects; `nil` for other values and absent keys.
    package subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// Element lookup on arrays; `nil` for other values and indexes out of range.
    package subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// The JSON type name, for error messages ("expected a string, got an array").
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON number as written: the lexeme is kept so that `1.0` stays `1.0` when echoed.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    package let text: String

    package init(lexeme: String) { text = lexeme }
    package init(_ value: Int) { text = String(value) }
    package init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else if value.isFinite {
            text = "\(value)"
        } else {
            text = "null"
        }
    }

    /// The value as an integer when it is one exactly (`3`, `3.0`, `3e0`), else `nil`.
    package var intValue: Int? {
        if let exact = Int(text) { return exact }
        guard let double = Double(text), double == double.rounded(),
              abs(double) < 9.007199254740992e15 else { return nil }
        return Int(double)
    }
    package var doubleValue: Double? { Double(text) }
    public var description: String { text }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.text == rhs.text || (lhs.doubleValue != nil && lhs.doubleValue == rhs.doubleValue)
    }
}

/// An ordered JSON object. Lookups scan linearly: objects here have tens of members at most.
public struct JSONObject: Sendable, Equatable, Sequence {
    package private(set) var members: [(key: String, value: JSONValue)]

    package init() { members = [] }
    package init(_ members: [(String, JSONValue)]) {
        self.members = members.map { (key: $0.0, value: $0.1) }
    }

    /// Members already labelled, taken as they are (no second array).
    package init(members: [(key: String, value: JSONValue)]) {
        self.members = members
    }

    package var keys: [String] { members.map(\.key) }
    package var count: Int { members.count }
    package var isEmpty: Bool { members.isEmpty }

    /// The last member with this key wins, as in most JSON parsers.
    package subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            // Most members are new: look before asking the array to remove anything.
            if members.contains(where: { $0.key == key }) { members.removeAll { $0.key == key } }
            if let newValue { members.append((key: key, value: newValue)) }
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
