import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `history`: the version log, newest first, of the store or one report (R12).
enum HistoryCommand: Command {
    static let id = Param.report(help: "only versions that changed this report")
    static let limit = Param.integer("limit", help: "versions per page", range: 1...1000, default: 20)
    static let cursor = Param.integer("cursor", help: "the nextCursor of the previous page", range: 1...Int(Int32.max))

    static let spec = CommandSpec(
        "history", topic: .versions,
        summary: "List versions newest first: when, who, which command, what changed",
        examples: ["history", "history 17", "history --limit 100"],
        parameters: [id.spec, limit.spec, cursor.spec],
        result: ResultShape(schema: Schemas.object([
            "versions": ["type": "array", "items": Schemas.object([
                "version": ["type": "integer"], "at": ["type": "string", "format": "date-time"], "actor": ["type": "string"],
                "command": ["type": "string"], "summary": ["type": "string"], "reverts": ["type": ["integer", "null"]],
                "keys": ["type": "array", "items": ["type": "integer"]],
            ])],
            "nextCursor": ["type": ["integer", "null"]],
        ]), presentation: .versions),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let (entries, next) = try context.store().history(of: try arguments.value(id), limit: try arguments.required(limit),
                                                          before: try arguments.value(cursor))
        return .object(JSONObject([("versions", .array(entries.map(\.json))), ("nextCursor", .optional(next))]))
    }
}

/// `undo`: reverts a version by writing a new one; history is never rewritten (R12).
enum UndoCommand: Command {
    static let version = Param.integer("version", help: "the version to revert (default: the newest)", range: 1...Int(Int32.max),
                                       positional: true)

    static let spec = CommandSpec(
        "undo", topic: .versions,
        summary: "Revert a version by recording a new one",
        discussion: "Refused when a later version changed the same report (undo that first) or when the data was erased since.",
        examples: ["undo", "undo 41"],
        parameters: [version.spec],
        result: ResultShape(schema: Schemas.object([
            "version": ["type": "integer"], "undid": ["type": "integer"],
            "reports": ["type": "array", "items": Schemas.report],
        ]), presentation: .fields),
        mutates: true)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let requested = try arguments.value(version)
        let written = try context.write { transaction -> (Int, [Report]) in
            let target = requested ?? (transaction.version - 1)
            if target < 1 { throw DeskError.notFound("nothing to undo: the store has no versions yet") }
            return (target, try transaction.revert(target))
        }
        let now = context.now
        return .object(JSONObject([
            ("version", .int(written.version)), ("undid", .int(written.value.0)),
            ("reports", .array(written.value.1.map { $0.json(now: now) })),
        ]))
    }
}

/// `diff`: what changed between two versions, report by report, field by field (R12).
enum DiffCommand: Command {
    static let from = Param.integer("from", help: "the earlier version", range: 0...Int(Int32.max), required: true, positional: true)
    static let to = Param.integer("to", help: "the later version (default: now)", range: 0...Int(Int32.max), positional: true)

    static let spec = CommandSpec(
        "diff", topic: .versions,
        summary: "Compare two versions report by report, field by field",
        examples: ["diff 40", "diff 12 40"],
        parameters: [from.spec, to.spec],
        result: ResultShape(schema: Schemas.object([
            "from": ["type": "integer"], "to": ["type": "integer"],
            "reports": ["type": "array", "items": Schemas.object([
                "key": ["type": "integer"], "change": ["type": "string", "enum": ["added", "removed", "changed"]],
                "fields": ["type": "array", "items": Schemas.object(["field": ["type": "string"], "from": [:], "to": [:]])],
            ])],
        ]), presentation: .diff),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let result = try context.store().differences(from: try arguments.required(from), to: try arguments.value(to))
        return .object(JSONObject([
            ("from", .int(result.from)), ("to", .int(result.to)),
            ("reports", .array(result.reports.map { difference in
                .object(JSONObject([
                    ("key", .int(difference.key)), ("change", .string(difference.kind)),
                    ("fields", .array(difference.fields.map { .object(JSONObject([("field", .string($0.field)), ("from", $0.from), ("to", $0.to)])) })),
                ]))
            })),
        ]))
    }
}
