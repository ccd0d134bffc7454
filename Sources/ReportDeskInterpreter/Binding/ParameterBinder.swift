package import ReportDeskCore

/// The one binder every front end goes through: it takes a bag of named JSON values and
/// rejects unknown, missing and mistyped parameters with -32602 naming the field.
package enum ParameterBinder {
    package static func bind(_ params: JSONValue?, to spec: CommandSpec, context: BindingContext) throws(DeskError) -> BoundArguments {
        let named = try namedValues(params, spec: spec)
        var bound = JSONObject()
        for (name, value) in named {
            guard let parameter = spec.parameter(named: name) else {
                let accepted = spec.parameters.map(\.name)
                let hint = Suggestion.closest(to: name, among: accepted).map { "; did you mean \($0)?" } ?? ""
                throw DeskError.invalidParams(
                    field: name,
                    "unknown parameter \(name) for \(spec.name)\(hint); accepted: \(accepted.isEmpty ? "none" : accepted.joined(separator: ", "))",
                    extra: [("accepted", .array(accepted.map(JSONValue.string)))])
            }
            if value.isNull { continue }
            guard let accepted = parameter.type.accept(value) else {
                if let unknown = unknownChoice(value, of: parameter) { throw unknown }
                if let tooLong = overLong(value, of: parameter) { throw tooLong }
                throw DeskError.invalidParams(
                    field: name, "\(name) must be \(parameter.type.expectation); got \(describe(value))",
                    extra: [("expected", parameter.type.schema)])
            }
            bound[name] = accepted
        }
        for parameter in spec.parameters where bound[parameter.name] == nil {
            if let defaultValue = parameter.defaultValue {
                bound[parameter.name] = defaultValue
            } else if parameter.isRequired {
                throw DeskError.invalidParams(field: parameter.name,
                                              "missing required parameter \(parameter.name) (\(parameter.flag)) for \(spec.name); usage: \(spec.usage)")
            }
        }
        return BoundArguments(values: bound, context: context)
    }

    /// Params by name (an object) or by position (an array, in the order of the positional
    /// parameters, then the others as declared).
    private static func namedValues(_ params: JSONValue?, spec: CommandSpec) throws(DeskError) -> JSONObject {
        switch params {
        case nil, .null?:
            return JSONObject()
        case .object(let object)?:
            return object
        case .array(let items)?:
            let order = spec.positionalParameters + spec.parameters.filter { !$0.isPositional }
            guard items.count <= order.count else {
                throw DeskError.invalidParams(field: "params", "\(spec.method) takes at most \(order.count) parameters by position (\(order.map(\.name).joined(separator: ", "))); got \(items.count)")
            }
            return JSONObject(zip(order, items).map { ($0.name, $1) })
        case let other?:
            throw DeskError(.invalidParams, "params must be an object (by name) or an array (by position), not \(other.typeName)",
                            data: ["field": "params"])
        }
    }

    /// For a parameter with a fixed set of values: the error naming the first value given that is
    /// not one of them, with the closest allowed one, as mistyped commands and options get.
    private static func unknownChoice(_ value: JSONValue, of parameter: ParameterSpec) -> DeskError? {
        guard let allowed = parameter.type.allowedValues, !parameter.type.isFlag else { return nil }
        let items = parameter.type.element != nil ? value.arrayValue ?? [value] : [value]
        guard let text = items.lazy.compactMap(\.stringValue).first(where: { !allowed.contains($0) }) else { return nil }
        let hint = Suggestion.closest(to: text, among: allowed).map { "; did you mean \($0)?" } ?? ""
        return DeskError.invalidParams(
            field: parameter.name,
            "\(quoted(text)) is not a \(parameter.name) value\(hint) (\(parameter.name) takes \(allowed.joined(separator: ", ")))",
            extra: [("expected", parameter.type.schema), ("value", .string(text))])
    }

    /// Text over its limit: how long it is and what the limit is, not the text itself.
    private static func overLong(_ value: JSONValue, of parameter: ParameterSpec) -> DeskError? {
        guard let text = value.stringValue, let limit = parameter.type.schema["maxLength"]?.intValue,
              text.unicodeScalars.count > limit else { return nil }
        let length = text.unicodeScalars.count
        return DeskError.invalidParams(
            field: parameter.name,
            "\(parameter.name) is \(Wording.count(length, "character")) long; the limit is \(Wording.number(limit))",
            extra: [("limit", .int(limit)), ("length", .int(length))])
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "the text " + quoted(text)
        case .number(let number): "the number \(number.text.prefix(40))"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }
}
