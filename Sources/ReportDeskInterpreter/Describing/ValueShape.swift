package import ReportDeskCore

/// How one kind of value is written as JSON, and the JSON Schema of what is written: both come
/// from this one description, so a result's schema cannot drift from the result.
package struct ValueShape<Value>: Sendable {
    private let makeSchema: @Sendable () -> JSONValue
    private let encode: @Sendable (Value) -> JSONValue

    /// The schema is built when asked for: a one-shot command matches its words against every
    /// declaration and needs no schema at all.
    package init(schema: @autoclosure @escaping @Sendable () -> JSONValue, encode: @escaping @Sendable (Value) -> JSONValue) {
        makeSchema = schema
        self.encode = encode
    }

    package var schema: JSONValue { makeSchema() }

    package func json(_ value: Value) -> JSONValue { encode(value) }

    /// The same JSON for a value reached through another type.
    package func from<Source>(_ get: @escaping @Sendable (Source) -> Value) -> ValueShape<Source> {
        ValueShape<Source>(schema: makeSchema(), encode: { [encode] in encode(get($0)) })
    }

    /// The same value, or JSON null: the schema's type gains `"null"`.
    package var orNull: ValueShape<Value?> {
        ValueShape<Value?>(schema: Self.nullable(makeSchema()), encode: { [encode] in $0.map(encode) ?? .null })
    }

    /// The schema with `"null"` added to its type, the type kept first.
    private static func nullable(_ schema: JSONValue) -> JSONValue {
        guard let object = schema.objectValue else { return schema }
        return .object(JSONObject(object.map { member -> (String, JSONValue) in
            switch (member.key, member.value) {
            case ("type", .string(let type)): ("type", [.string(type), "null"])
            case ("type", .array(let types)): ("type", .array(types + ["null"]))
            default: (member.key, member.value)
            }
        }))
    }
}

extension ValueShape where Value == Int {
    package static let integer = ValueShape(schema: ["type": "integer"], encode: JSONValue.int)
    package static func integer(minimum: Int) -> ValueShape {
        ValueShape(schema: ["type": "integer", "minimum": .int(minimum)], encode: JSONValue.int)
    }
}

extension ValueShape where Value == Int64 {
    package static let integer = ValueShape(schema: ["type": "integer"], encode: JSONValue.int64)
}

extension ValueShape where Value == Double {
    package static let number = ValueShape(schema: ["type": "number"], encode: JSONValue.double)
}

extension ValueShape where Value == Bool {
    package static let boolean = ValueShape(schema: ["type": "boolean"], encode: JSONValue.bool)
}

extension ValueShape where Value == String {
    package static let string = ValueShape(schema: ["type": "string"], encode: JSONValue.string)
    /// An RFC 3339 time as the store writes it.
    package static let instant = ValueShape(schema: ["type": "string", "format": "date-time"], encode: JSONValue.string)
    /// One of a fixed set of words.
    package static func oneOf(_ values: [String]) -> ValueShape {
        ValueShape(schema: ["type": "string", "enum": .array(values.map(JSONValue.string))], encode: JSONValue.string)
    }
}

extension ValueShape where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// A Swift enumeration written as its raw value.
    package static var oneOf: ValueShape {
        ValueShape(schema: ["type": "string", "enum": .array(Value.allCases.map { .string($0.rawValue) })],
                   encode: { .string($0.rawValue) })
    }
}

extension ValueShape where Value == JSONValue {
    /// A value that is JSON already (a report, the engine's settings), with the schema of what it holds.
    package static func json(_ schema: @autoclosure @escaping @Sendable () -> JSONValue) -> ValueShape {
        ValueShape(schema: schema(), encode: { $0 })
    }

    /// Any JSON value at all.
    package static let any = ValueShape(schema: [:], encode: { $0 })
}

extension ValueShape where Value == JSONObject {
    /// An object whose keys are data (counts by category): its members are not described.
    package static let map = ValueShape(schema: ["type": "object"], encode: JSONValue.object)
}

extension ValueShape {
    /// A list of values of one shape.
    package static func array<Element>(of element: ValueShape<Element>, maximumCount: Int? = nil) -> ValueShape where Value == [Element] {
        ValueShape(schema: {
            var schema = JSONObject([("type", "array")])
            if let maximumCount { schema["maxItems"] = .int(maximumCount) }
            schema["items"] = element.schema
            return .object(schema)
        }(), encode: { .array($0.map(element.json)) })
    }

    /// One of two shapes; `pick` says which one a value is written as.
    package static func oneOf<First, Second>(_ first: ValueShape<First>, _ second: ValueShape<Second>,
                                             _ pick: @escaping @Sendable (Value) -> Either<First, Second>) -> ValueShape {
        ValueShape(schema: ["oneOf": [first.schema, second.schema]], encode: { value in
            switch pick(value) {
            case .first(let one): first.json(one)
            case .second(let other): second.json(other)
            }
        })
    }
}

/// Which of two shapes a value takes.
package enum Either<First, Second> {
    case first(First)
    case second(Second)
}
