package import ReportDeskCore

/// What kind of value a parameter takes. It knows how to read itself from command-line text, how to
/// check a JSON value, how to describe itself as JSON Schema and where its completions come from.
package struct ValueType: Sendable {
    /// The name help shows (`text`, `integer`, `instant`, `report`, …).
    package let name: String
    package let schema: JSONValue
    /// Allowed values, when the set is fixed (help and completion list them).
    package let allowedValues: [String]?
    package let completion: CompletionSource
    /// Whether a bare `--flag` means `true`.
    package let isFlag: Bool
    /// For lists: the element type (command-line text splits on commas).
    package let element: Box?
    /// Reads command-line text as a JSON value of this type.
    let parseText: @Sendable (String) -> JSONValue?
    /// Checks (and normalises) a JSON value; `nil` when it is not of this type.
    let accept: @Sendable (JSONValue) -> JSONValue?

    /// Lists hold their element type behind a class so the struct can refer to itself.
    package final class Box: Sendable {
        package let type: ValueType
        init(_ type: ValueType) { self.type = type }
    }

    /// What the value should be, for messages: "an integer from 1 to 1000".
    package let expectation: String

    package static func text(maximumLength: Int = 100_000, completion: CompletionSource = .none) -> ValueType {
        ValueType(name: "text", schema: ["type": "string", "maxLength": .int(maximumLength)], allowedValues: nil,
                  completion: completion, isFlag: false, element: nil, parseText: { .string($0) },
                  accept: { value in
                      guard let text = value.stringValue, text.unicodeScalars.count <= maximumLength,
                            !text.utf8.contains(0) else { return nil }
                      return value
                  },
                  expectation: "at most \(maximumLength) characters of text, with no NUL character")
    }

    package static func integer(_ range: ClosedRange<Int>) -> ValueType {
        ValueType(name: "integer", schema: ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)],
                  allowedValues: nil, completion: .none, isFlag: false, element: nil,
                  parseText: { text in Int(text).map(JSONValue.int) },
                  accept: { value in
                      guard let int = value.intValue, range.contains(int) else { return nil }
                      return .int(int)
                  },
                  expectation: "an integer from \(range.lowerBound) to \(range.upperBound)")
    }

    package static let boolean = ValueType(
        name: "boolean", schema: ["type": "boolean"], allowedValues: ["true", "false"], completion: .values(["true", "false"]),
        isFlag: true, element: nil,
        parseText: { text in
            switch text.lowercased() {
            case "true", "yes", "1", "on": .bool(true)
            case "false", "no", "0", "off": .bool(false)
            default: nil
            }
        },
        accept: { $0.boolValue.map(JSONValue.bool) },
        expectation: "true or false")

    package static func oneOf(_ values: [String], name: String = "choice") -> ValueType {
        ValueType(name: name, schema: ["type": "string", "enum": .array(values.map(JSONValue.string))], allowedValues: values,
                  completion: .values(values), isFlag: false, element: nil, parseText: { .string($0) },
                  accept: { value in
                      guard let text = value.stringValue, values.contains(text) else { return nil }
                      return value
                  },
                  expectation: "one of " + values.joined(separator: ", "))
    }

    /// An instant as people write it (`InstantExpression`): RFC 3339 (without an offset, read in the
    /// display time zone, R8), a date, `today`, `yesterday`, or an age such as `7d`.
    package static let instant = ValueType(
        name: "instant",
        schema: ["type": "string", "description": .string("an instant: " + InstantExpression.forms),
                 "examples": ["2026-11-24T09:30:00Z", "2026-11-24", "yesterday", "7d"]],
        allowedValues: nil, completion: .values(["today", "yesterday", "7d", "24h"]),
        isFlag: false, element: nil, parseText: { .string($0) },
        accept: { value in
            guard let text = value.stringValue,
                  InstantExpression.parse(text, zone: .utc, now: Instant(milliseconds: 0)) != nil else { return nil }
            return value
        },
        expectation: InstantExpression.forms)

    package static let duration = ValueType(
        name: "duration", schema: ["type": "string", "pattern": "^([0-9]+[smhdwSMHDW])+$"], allowedValues: nil,
        completion: .values(["1h", "6h", "12h", "24h", "2d"]), isFlag: false, element: nil, parseText: { .string($0) },
        accept: { value in
            guard let text = value.stringValue, DeskDuration(parsing: text) != nil else { return nil }
            return value
        },
        expectation: "a duration such as 90m, 6h or 3d")

    /// A report's local key (a number) or platform Report ID (README, Commands).
    package static let reportReference = ValueType(
        name: "report", schema: ["type": ["integer", "string"], "minimum": 1, "maxLength": 200], allowedValues: nil,
        completion: .reports, isFlag: false, element: nil, parseText: { .string($0) },
        accept: { value in
            switch value {
            case .number: return value.intValue.flatMap { $0 >= 1 ? .int($0) : nil }
            case .string(let text): return text.isEmpty || text.count > 200 || text.utf8.contains(0) ? nil : value
            default: return nil
            }
        },
        expectation: "a report key (17) or a platform Report ID")

    package static func path(completion: CompletionSource = .files) -> ValueType {
        ValueType(name: "path", schema: ["type": "string", "maxLength": 4096], allowedValues: nil, completion: completion,
                  isFlag: false, element: nil, parseText: { .string($0) },
                  accept: { value in
                      guard let text = value.stringValue, !text.isEmpty, text.utf8.count <= 4096, !text.utf8.contains(0) else { return nil }
                      return value
                  },
                  expectation: "a file path")
    }

    /// A list: comma-separated or the option repeated on a command line, an array in JSON.
    package static func list(of element: ValueType, maximumCount: Int = 10_000) -> ValueType {
        ValueType(name: "list of \(element.name)", schema: ["type": "array", "items": element.schema, "maxItems": .int(maximumCount)],
                  allowedValues: element.allowedValues, completion: element.completion, isFlag: false, element: Box(element),
                  parseText: { text in
                      let parts = text.split(separator: ",", omittingEmptySubsequences: true).map { String($0).trimmed }
                      var values: [JSONValue] = []
                      for part in parts {
                          guard let value = element.parseText(part) else { return nil }
                          values.append(value)
                      }
                      return .array(values)
                  },
                  accept: { value in
                      let items = value.arrayValue ?? [value]
                      guard !items.isEmpty, items.count <= maximumCount else { return nil }
                      var accepted: [JSONValue] = []
                      for item in items {
                          guard let checked = element.accept(item) else { return nil }
                          accepted.append(checked)
                      }
                      return .array(accepted)
                  },
                  expectation: "a list of \(element.expectation) (comma-separated on a command line)")
    }
}

/// Where completions for a value come from; dynamic sources are answered by the front end's provider.
package enum CompletionSource: Sendable, Equatable {
    case none
    case values([String])
    case categories
    /// Issue types of the category already on the line (or of every category).
    case issueTypes
    case reports
    case files
    case snapshots
    case commands
}
