import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The settings a desk keeps; each is checked when set.
enum Settings {
    /// The developer's email, which may be shared with users who appeal (R10).
    static let contactEmail = "contactEmail"

    static let known: [(name: String, help: String)] = [
        (contactEmail, "the developer's contact email, which may be shared with users who appeal"),
    ]

    static func validate(_ name: String, _ value: String) throws -> JSONValue {
        switch name {
        case contactEmail:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                  value.count <= 254, !value.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }) else {
                throw DeskError.invalidParams(field: "value", "contactEmail must be an email address such as dev@example.com")
            }
            return .string(value)
        default:
            throw unknown(name)
        }
    }

    static func unknown(_ name: String) -> DeskError {
        let names = known.map(\.name)
        let hint = Suggestion.closest(to: name, among: names).map { "; did you mean \($0)?" } ?? ""
        return DeskError.invalidParams(field: "name", "unknown setting \(quoted(name))\(hint); settings: \(names.joined(separator: ", "))")
    }

    /// Every known setting with its value (null when unset).
    static func values(_ store: Store) throws -> JSONObject {
        JSONObject(try known.map { ($0.name, try store.setting($0.name) ?? .null) })
    }

    /// Settings by name, each present when asked for (null when unset), in the order they are known.
    static func fields<Value>(_ settings: @escaping @Sendable (Value) -> JSONObject) -> [ObjectShape<Value>.Field] {
        known.map { setting in
            .optional(setting.name, ValueShape.json(["type": ["string", "null"]])) { settings($0)[setting.name] }
        }
    }
}

/// `config get`: the desk's settings.
enum ConfigGetCommand: Command {
    struct Parameters: ParameterSet {
        let name = Param.text("name", help: "one setting; all when left out", positional: true, maximumLength: 100,
                              completion: .values(Settings.known.map(\.name)))
    }

    static let spec = CommandSpec(
        Self.self, "config get", topic: .store,
        summary: "Show the desk's settings",
        examples: ["config get", "config get contactEmail"],
        mutates: false)

    static let result = ObjectShape<JSONObject>(Settings.fields { $0 }).shape

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> JSONObject {
        let store = try context.store()
        guard let wanted = try arguments.value(\.name) else { return try Settings.values(store) }
        guard Settings.known.contains(where: { $0.name == wanted }) else { throw Settings.unknown(wanted) }
        return JSONObject([(wanted, try store.setting(wanted) ?? .null)])
    }
}

/// `config set`: changes a setting; a change of the store, so a version.
enum ConfigSetCommand: Command {
    struct Parameters: ParameterSet {
        let name = Param.text("name", help: "the setting (contactEmail)", positional: true, required: true,
                              maximumLength: 100, completion: .values(Settings.known.map(\.name)))
        let value = Param.text("value", help: "its new value; an empty value clears it", positional: true, required: true,
                               maximumLength: 1000)
    }

    static let spec = CommandSpec(
        Self.self, "config set", topic: .store,
        summary: "Change a setting (the contact email shared with appealing users)",
        examples: ["config set contactEmail dev@example.com"],
        mutates: true)

    static let result = ObjectShape<Changed>(Settings.fields(\.settings) + [
        .field("version", .integer, \.version),
    ]).shape

    /// Every setting after the change, and the version it made.
    struct Changed {
        let settings: JSONObject
        let version: Int
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Changed {
        let settingName = try arguments.required(\.name)
        let text = try arguments.required(\.value)
        guard Settings.known.contains(where: { $0.name == settingName }) else { throw Settings.unknown(settingName) }
        let newValue = text.isEmpty ? nil : try Settings.validate(settingName, text)
        let written = try context.write { transaction in
            try transaction.setSetting(settingName, to: newValue)
            transaction.summary = newValue == nil ? "clear setting \(settingName)" : "set \(settingName)"
        }
        return Changed(settings: try Settings.values(context.store()), version: written.version)
    }
}
