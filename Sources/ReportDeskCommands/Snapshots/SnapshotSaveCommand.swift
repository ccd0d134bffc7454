import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `snapshot save [NAME]`: a consistent copy of the whole store at its current version (R12).
enum SnapshotSaveCommand: Command {
    static let name = Param.text("name", help: "what to call it (letters, digits, . _ -; default: v and the version, e.g. v42)",
                                 positional: true, maximumLength: 100)

    static let spec = CommandSpec(
        "snapshot save", topic: .store,
        summary: "Save a consistent copy of the whole store in its snapshots folder",
        discussion: "Uses SQLite's VACUUM INTO, so a write in another process cannot tear it; the file is owner-only (0600). Saving the same version again without a name returns the snapshot already saved. Screenshots stay in the store's blobs folder, shared by all snapshots.",
        examples: ["snapshot save", "snapshot save before-migration"],
        parameters: [name.spec],
        result: .fields(SnapshotSaveCommand.infoSchema(extra: ["created": ["type": "boolean"]])),
        mutates: false)

    static func infoSchema(extra: JSONObject = JSONObject()) -> JSONValue {
        var properties = JSONObject([
            ("name", ["type": "string"]), ("version", ["type": "integer"]), ("at", ["type": ["string", "null"], "format": "date-time"]),
            ("reports", ["type": "integer"]), ("bytes", ["type": "integer"]), ("path", ["type": "string"]),
        ])
        for (key, value) in extra { properties[key] = value }
        return Schemas.object(properties)
    }

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let (info, created) = try context.store().saveSnapshot(named: try arguments.value(name))
        var result = info.json.objectValue ?? JSONObject()
        result["created"] = .bool(created)
        return .object(result)
    }
}
