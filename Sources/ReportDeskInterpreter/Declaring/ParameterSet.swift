/// A command's parameters as one value: its stored properties, in declaration order, are the
/// parameters (a `Parameter`) and groups of them (another `ParameterSet`, such as the shared filters).
/// Declaring a property is the only listing there is, so a parameter cannot be declared and left out.
package protocol ParameterSet: Sendable {
    init()
}

extension ParameterSet {
    package var parameterSpecs: [ParameterSpec] { Self.specs(of: self, in: { "\(Self.self)" }) }

    /// Members that are parameters give their spec; any other member must be a nested set (a
    /// struct), read the same way.
    private static func specs(of value: Any, in owner: () -> String) -> [ParameterSpec] {
        Mirror(reflecting: value).children.flatMap { child -> [ParameterSpec] in
            if let parameter = child.value as? DeclaredParameter { return [parameter.spec] }
            let nested = Mirror(reflecting: child.value)
            guard nested.displayStyle == .struct, !nested.children.isEmpty else {
                preconditionFailure("\(owner()).\(child.label ?? "?") is neither a Parameter nor a ParameterSet")
            }
            return specs(of: child.value, in: { "\(owner()).\(child.label ?? "?")" })
        }
    }
}

/// The parameters of a command that takes none.
package struct NoParameters: ParameterSet {
    package init() {}
}
