package import ReportDeskCore

/// A parameter of a command as data: its camelCase name is the JSON
/// key and, in kebab case, the command-line option.
package struct ParameterSpec: Sendable {
    package let name: String
    package let type: ValueType
    package let isRequired: Bool
    package let defaultValue: JSONValue?
    package let help: String
    /// Whether the parameter may also be given by position on a command line.
    package let isPositional: Bool
    /// For the last positional text: the remaining words are joined into it (`note 17 it is fixed`).
    package let takesRest: Bool

    /// `--open-id` for `openId`.
    package var flag: String { "--" + ParameterSpec.kebab(name) }

    package static func kebab(_ camel: String) -> String {
        var result = ""
        for character in camel {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A typed handle on a declared parameter: commands read their bound values through it, so each
/// parameter is described exactly once.
package final class Parameter<Value: Sendable>: DeclaredParameter, @unchecked Sendable {
    let decode: @Sendable (JSONValue, BindingContext) throws(DeskError) -> Value

    package init(_ spec: ParameterSpec, decode: @escaping @Sendable (JSONValue, BindingContext) throws(DeskError) -> Value) {
        self.decode = decode
        super.init(spec)
    }

    package var name: String { spec.name }
}

/// What every parameter is whatever its value type. Making one while a parameter set is being
/// collected adds it to the collection, in the order the set declares it (see `ParameterSet`).
/// Immutable, hence its unchecked `Sendable`.
package class DeclaredParameter: @unchecked Sendable {
    package let spec: ParameterSpec

    init(_ spec: ParameterSpec) {
        self.spec = spec
        ParameterCollection.current?.add(spec)
    }
}

/// What decoding a value may need besides the value: the time zone local times are read in, and
/// the instant `today` or `7d` are counted from.
package struct BindingContext: Sendable {
    package let zone: ZoneRules
    package let now: Instant
    package init(zone: ZoneRules, now: Instant) {
        self.zone = zone
        self.now = now
    }
}
