package import ReportDeskCore

/// A command's parameters after binding: every value present is of its declared type.
package struct Arguments: Sendable {
    package let values: JSONObject
    let context: BindingContext

    package init(values: JSONObject, context: BindingContext) {
        self.values = values
        self.context = context
    }

    /// The value given (or defaulted) for `parameter`, or `nil` when absent.
    package func value<Value>(_ parameter: Parameter<Value>) throws(DeskError) -> Value? {
        guard let raw = values[parameter.name], !raw.isNull else { return nil }
        return try parameter.decode(raw, context)
    }

    /// The value of a parameter that is required or has a default.
    package func required<Value>(_ parameter: Parameter<Value>) throws(DeskError) -> Value {
        guard let value = try value(parameter) else {
            throw DeskError.invalidParams(field: parameter.name, "missing required parameter \(parameter.name) (\(parameter.spec.flag))")
        }
        return value
    }

    package func has<Value>(_ parameter: Parameter<Value>) -> Bool {
        values[parameter.name].map { !$0.isNull } ?? false
    }
}
