package import ReportDeskCore

/// Checks a JSON value against the subset of JSON Schema the declarations use (type, properties,
/// required, items, enum, oneOf, minimum, maximum), so every reply is held to its declared shape.
package enum SchemaValidator {
    /// The problems found; empty when the value fits the schema.
    package static func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        var problems: [String] = []
        if let options = schema["oneOf"]?.arrayValue {
            let fits = options.filter { self.problems(value, against: $0, at: path).isEmpty }.count
            if fits != 1 { problems.append("\(path): matches \(fits) of the oneOf alternatives, not exactly one") }
            return problems
        }
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): expected \(allowed.joined(separator: " or ")), got \(value.typeName)"]
            }
        }
        if let choices = schema["enum"]?.arrayValue, !value.isNull, !choices.contains(value) {
            problems.append("\(path): \(value) is not one of \(choices)")
        }
        if let minimum = schema["minimum"]?.doubleValue, let number = value.doubleValue, number < minimum {
            problems.append("\(path): \(number) is below \(minimum)")
        }
        if let maximum = schema["maximum"]?.doubleValue, let number = value.doubleValue, number > maximum {
            problems.append("\(path): \(number) is above \(maximum)")
        }
        if case .object(let object) = value {
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                problems.append("\(path): missing required member \(name)")
            }
            if let properties = schema["properties"]?.objectValue {
                for (name, propertySchema) in properties {
                    if let member = object[name] {
                        problems += self.problems(member, against: propertySchema, at: "\(path).\(name)")
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                problems += self.problems(item, against: itemSchema, at: "\(path)[\(index)]")
            }
        }
        return problems
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("number", .number): true
        case ("integer", .number): value.intValue != nil
        default: false
        }
    }
}
