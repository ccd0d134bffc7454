package import ReportDeskCore

/// A command's parameters after binding, by name: every value present is of its declared type.
package struct BoundArguments: Sendable {
    package let values: JSONObject
    let context: BindingContext

    package init(values: JSONObject, context: BindingContext) {
        self.values = values
        self.context = context
    }
}

/// The bound values as a command reads them: only through its own parameter set, so a parameter
/// the command did not declare cannot be read at all.
package struct Arguments<Parameters: ParameterSet>: Sendable {
    package let bound: BoundArguments
    private let parameters: Parameters

    package init(_ bound: BoundArguments) {
        self.init(bound, parameters: Parameters())
    }

    /// Reads through a set already made (the declaration's), instead of making one per call.
    package init(_ bound: BoundArguments, declaredBy spec: CommandSpec) {
        self.init(bound, parameters: spec.parameterSet as? Parameters ?? Parameters())
    }

    private init(_ bound: BoundArguments, parameters: Parameters) {
        self.bound = bound
        self.parameters = parameters
    }

    /// The value given (or defaulted), or `nil` when absent.
    package func value<Value>(_ path: KeyPath<Parameters, Parameter<Value>>) throws(DeskError) -> Value? {
        let parameter = parameters[keyPath: path]
        guard let raw = bound.values[parameter.name], !raw.isNull else { return nil }
        return try parameter.decode(raw, bound.context)
    }

    /// The value of a parameter that is required or has a default.
    package func required<Value>(_ path: KeyPath<Parameters, Parameter<Value>>) throws(DeskError) -> Value {
        guard let value = try value(path) else {
            let parameter = parameters[keyPath: path]
            throw DeskError.invalidParams(field: parameter.name, "missing required parameter \(parameter.name) (\(parameter.spec.flag))")
        }
        return value
    }

    package func has<Value>(_ path: KeyPath<Parameters, Parameter<Value>>) -> Bool {
        bound.values[parameters[keyPath: path].name].map { !$0.isNull } ?? false
    }

    /// The arguments of a nested group (the shared filters), read the same way.
    package func group<Group: ParameterSet>(_ path: KeyPath<Parameters, Group>) -> Arguments<Group> {
        Arguments<Group>(bound, parameters: parameters[keyPath: path])
    }
}
