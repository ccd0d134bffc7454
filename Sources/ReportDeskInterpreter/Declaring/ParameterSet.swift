/// A command's parameters as one value: its stored properties, in declaration order, are the
/// parameters (a `Parameter`) and groups of them (another `ParameterSet`, such as the shared filters).
/// Declaring a property is the only listing there is, so a parameter cannot be declared and left out.
package protocol ParameterSet: ParameterListing, Sendable {
    init()
}

/// What a parameter set is made of: single parameters and nested sets.
package protocol ParameterListing {
    var parameterSpecs: [ParameterSpec] { get }
}

extension ParameterSet {
    package var parameterSpecs: [ParameterSpec] {
        Mirror(reflecting: self).children.flatMap { child -> [ParameterSpec] in
            guard let member = child.value as? any ParameterListing else {
                preconditionFailure("\(Self.self).\(child.label ?? "?") is neither a Parameter nor a ParameterSet")
            }
            return member.parameterSpecs
        }
    }
}

extension Parameter: ParameterListing {
    package var parameterSpecs: [ParameterSpec] { [spec] }
}

/// The parameters of a command that takes none.
package struct NoParameters: ParameterSet {
    package init() {}
}
