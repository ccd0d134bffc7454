import Synchronization

/// A command's parameters as one value: its stored properties, in declaration order, are the
/// parameters (a `Parameter`) and groups of them (another `ParameterSet`, such as the shared filters).
/// Declaring a property is the only listing there is, so a parameter cannot be declared and left out.
/// Each property makes its parameter in its initialiser (`let note = Param.text(…)`), as the
/// collection below counts on.
package protocol ParameterSet: Sendable {
    init()
}

extension ParameterSet {
    /// The parameters in declaration order, nested sets in their place. Collected while a value is
    /// made: each parameter adds itself as its property is initialised. Reflecting on the members
    /// instead made the Swift runtime look up their types and conformances, a measurable part of
    /// every one-shot command's start-up.
    package static var parameterSpecs: [ParameterSpec] { collected.parameters }

    /// A value of the set and its parameters, collected while it was made.
    package static var collected: (set: any ParameterSet, parameters: [ParameterSpec]) {
        let collection = ParameterCollection()
        let made = ParameterCollection.$current.withValue(collection) { Self() }
        return (made, collection.specs)
    }
}

/// The parameters made while a set is collected.
package final class ParameterCollection: Sendable {
    @TaskLocal static var current: ParameterCollection?

    private let collected = Mutex<[ParameterSpec]>([])

    func add(_ spec: ParameterSpec) { collected.withLock { $0.append(spec) } }

    var specs: [ParameterSpec] { collected.withLock { $0 } }
}

/// The parameters of a command that takes none.
package struct NoParameters: ParameterSet {
    package init() {}
}
