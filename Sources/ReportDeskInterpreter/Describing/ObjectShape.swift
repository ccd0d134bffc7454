import ReportDeskCore

/// A JSON object described field by field: each field names its key, its value's shape and how to
/// get the value. The object's JSON (keys in this order) and its JSON Schema both come from here.
package struct ObjectShape<Value>: Sendable {
    package struct Field: Sendable {
        let key: String
        /// Whether the key may be absent (it is left out when the value is nil).
        let isOptional: Bool
        let schema: @Sendable () -> JSONValue
        let encode: @Sendable (Value) -> JSONValue?
    }

    private let base: ValueShape<Value>?
    private let fields: [Field]

    package init(_ fields: [Field]) {
        base = nil
        self.fields = fields
    }

    /// Another object's fields first (a report), then these.
    package init<Base>(extending baseShape: ValueShape<Base>, _ get: @escaping @Sendable (Value) -> Base, _ fields: [Field]) {
        base = baseShape.from(get)
        self.fields = fields
    }

    package var shape: ValueShape<Value> {
        ValueShape(schema: schema, encode: json)
    }

    private var schema: JSONValue {
        let baseSchema = base?.schema.objectValue
        var properties = baseSchema?["properties"]?.objectValue ?? JSONObject()
        var required = baseSchema?["required"]?.arrayValue ?? []
        for field in fields {
            properties[field.key] = field.schema()
            if !field.isOptional { required.append(.string(field.key)) }
        }
        var object = baseSchema ?? JSONObject([("type", "object")])
        object["properties"] = .object(properties)
        object["required"] = .array(required)
        return .object(object)
    }

    private func json(_ value: Value) -> JSONValue {
        var object = base.flatMap { $0.json(value).objectValue } ?? JSONObject()
        for field in fields {
            if let member = field.encode(value) { object[field.key] = member }
        }
        return .object(object)
    }
}

extension ObjectShape.Field {
    /// A field that is always present.
    package static func field<Member>(_ key: String, _ shape: ValueShape<Member>,
                                      _ get: @escaping @Sendable (Value) -> Member) -> Self {
        Self(key: key, isOptional: false, schema: { shape.schema }, encode: { shape.json(get($0)) })
    }

    /// A field that is left out when its value is nil (not written as null).
    package static func optional<Member>(_ key: String, _ shape: ValueShape<Member>,
                                         _ get: @escaping @Sendable (Value) -> Member?) -> Self {
        Self(key: key, isOptional: true, schema: { shape.schema }, encode: { get($0).map(shape.json) })
    }
}
