/// The JSON type of a report field or of a member of one, from which its JSON Schema is built.
package indirect enum FieldType: Sendable {
    case integer(minimum: Int?)
    case string
    /// An RFC 3339 time.
    case instant
    case boolean
    /// A string from a fixed list.
    case choice([String])
    /// An object with these members; `requiresAll` when each must be present.
    case object([FieldMember], requiresAll: Bool)

    /// The JSON Schema of a value of this type, `null` allowed when `nullable`.
    package func schema(nullable: Bool) -> JSONValue {
        func type(_ name: String) -> JSONValue { nullable ? .array([.string(name), "null"]) : .string(name) }
        switch self {
        case .integer(let minimum):
            var object = JSONObject([("type", type("integer"))])
            if let minimum { object["minimum"] = .int(minimum) }
            return .object(object)
        case .string:
            return .object(JSONObject([("type", type("string"))]))
        case .instant:
            return .object(JSONObject([("type", type("string")), ("format", "date-time")]))
        case .boolean:
            return .object(JSONObject([("type", type("boolean"))]))
        case .choice(let values):
            return .object(JSONObject([("type", type("string")), ("enum", .array(values.map(JSONValue.string)))]))
        case .object(let members, let requiresAll):
            var object = JSONObject([
                ("type", type("object")),
                ("properties", .object(JSONObject(members.map { ($0.name, $0.type.schema(nullable: $0.nullable)) }))),
            ])
            if requiresAll { object["required"] = .array(members.map { .string($0.name) }) }
            return .object(object)
        }
    }
}

/// One member of an object-valued field (a screenshot's hash, an appeal's status…).
package struct FieldMember: Sendable {
    package let name: String
    package let type: FieldType
    package let nullable: Bool

    package init(_ name: String, _ type: FieldType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}
