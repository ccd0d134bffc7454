package import ReportDeskCore

/// The declaration vocabulary: each function makes one typed parameter from its one description.
package enum Param {
    package static func text(_ name: String, help: String, positional: Bool = false, rest: Bool = false,
                             required: Bool = false, maximumLength: Int = 100_000,
                             completion: CompletionSource = .none) -> Parameter<String> {
        Parameter(ParameterSpec(name: name, type: .text(maximumLength: maximumLength, completion: completion), isRequired: required,
                                defaultValue: nil, help: help, isPositional: positional, takesRest: rest),
                  decode: { value, _ in value.stringValue ?? "" })
    }

    package static func integer(_ name: String, help: String, range: ClosedRange<Int>, default defaultValue: Int? = nil,
                                required: Bool = false, positional: Bool = false) -> Parameter<Int> {
        Parameter(ParameterSpec(name: name, type: .integer(range), isRequired: required, defaultValue: defaultValue.map(JSONValue.int),
                                help: help, isPositional: positional, takesRest: false),
                  decode: { value, _ in value.intValue ?? 0 })
    }

    package static func flag(_ name: String, help: String, default defaultValue: Bool? = nil) -> Parameter<Bool> {
        Parameter(ParameterSpec(name: name, type: .boolean, isRequired: false, defaultValue: defaultValue.map(JSONValue.bool),
                                help: help, isPositional: false, takesRest: false),
                  decode: { value, _ in value.boolValue ?? false })
    }

    package static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ type: Choice.Type, help: String, default defaultValue: Choice? = nil,
        required: Bool = false, positional: Bool = false
    ) -> Parameter<Choice> where Choice.RawValue == String {
        let values = Choice.allCases.map(\.rawValue)
        return Parameter(ParameterSpec(name: name, type: .oneOf(values), isRequired: required,
                                       defaultValue: defaultValue.map { .string($0.rawValue) }, help: help,
                                       isPositional: positional, takesRest: false),
                         decode: { value, _ throws(DeskError) in
                             guard let text = value.stringValue, let choice = Choice(rawValue: text) else {
                                 throw DeskError.invalidParams(field: name, "\(name) must be one of \(values.joined(separator: ", "))")
                             }
                             return choice
                         })
    }

    package static func choices<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ type: Choice.Type, help: String
    ) -> Parameter<[Choice]> where Choice.RawValue == String {
        let values = Choice.allCases.map(\.rawValue)
        return Parameter(ParameterSpec(name: name, type: .list(of: .oneOf(values)), isRequired: false, defaultValue: nil,
                                       help: help, isPositional: false, takesRest: false),
                         decode: { value, _ in (value.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Choice.init(rawValue:)) } })
    }

    package static func texts(_ name: String, help: String, completion: CompletionSource = .none,
                              maximumLength: Int = 200) -> Parameter<[String]> {
        Parameter(ParameterSpec(name: name, type: .list(of: .text(maximumLength: maximumLength, completion: completion)), isRequired: false,
                                defaultValue: nil, help: help, isPositional: false, takesRest: false),
                  decode: { value, _ in (value.arrayValue ?? []).compactMap(\.stringValue) })
    }

    package static func instant(_ name: String, help: String, positional: Bool = false) -> Parameter<Instant> {
        Parameter(ParameterSpec(name: name, type: .instant, isRequired: false, defaultValue: nil, help: help,
                                isPositional: positional, takesRest: false),
                  decode: { value, context throws(DeskError) in
                      guard let text = value.stringValue,
                            let instant = InstantExpression.parse(text, zone: context.zone, now: context.now) else {
                          throw DeskError.invalidParams(field: name, "\(name) must be \(InstantExpression.forms); got \(quoted(value.stringValue ?? JSONWriter.string(value)))")
                      }
                      return instant
                  })
    }

    package static func duration(_ name: String, help: String) -> Parameter<DeskDuration> {
        Parameter(ParameterSpec(name: name, type: .duration, isRequired: false, defaultValue: nil, help: help,
                                isPositional: false, takesRest: false),
                  decode: { value, _ throws(DeskError) in
                      guard let text = value.stringValue, let duration = DeskDuration(parsing: text) else {
                          throw DeskError.invalidParams(field: name, "\(name) must be a duration such as 90m, 6h or 3d")
                      }
                      return duration
                  })
    }

    package static func report(_ name: String = "id", help: String, required: Bool = false, positional: Bool = true) -> Parameter<ReportReference> {
        Parameter(ParameterSpec(name: name, type: .reportReference, isRequired: required, defaultValue: nil, help: help,
                                isPositional: positional, takesRest: false),
                  decode: { value, _ in reference(value) })
    }

    package static func reports(_ name: String = "ids", help: String) -> Parameter<[ReportReference]> {
        Parameter(ParameterSpec(name: name, type: .list(of: .reportReference, maximumCount: 10_000), isRequired: false,
                                defaultValue: nil, help: help, isPositional: false, takesRest: false),
                  decode: { value, _ in (value.arrayValue ?? []).map(reference) })
    }

    package static func path(_ name: String, help: String, required: Bool = false, positional: Bool = false,
                             completion: CompletionSource = .files) -> Parameter<String> {
        Parameter(ParameterSpec(name: name, type: .path(completion: completion), isRequired: required, defaultValue: nil, help: help,
                                isPositional: positional, takesRest: false),
                  decode: { value, _ in value.stringValue ?? "" })
    }

    /// A JSON number is a key; text is resolved by the store (Report ID first, then digits as a key).
    private static func reference(_ value: JSONValue) -> ReportReference {
        if case .number = value, let key = value.intValue { return .key(key) }
        return .text(value.stringValue ?? "")
    }
}
