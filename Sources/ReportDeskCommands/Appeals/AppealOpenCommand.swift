import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `appeal open`: records a user's appeal of a processed payment report, with the disclosure that
/// the developer's contact email may be shared with them (R10).
enum AppealOpenCommand: Command {
    static let id = Param.report(help: "the report: its key (17) or platform Report ID", required: true)
    static let message = Param.text("message", help: "what the user wrote in the appeal", positional: true, rest: true,
                                    required: true, maximumLength: FieldLimits.appealMessage)

    static let spec = CommandSpec(
        "appeal open", topic: .appeals,
        summary: "Record a user's appeal of a processed payment report",
        discussion: "Appeals are for payment reports only, after they were resolved or dismissed. The developer's contact email may be shared with the user who appeals; the result says so.",
        examples: ["appeal open 21 \"I never got the refund\""],
        parameters: [id.spec, message.spec, ConcurrencyParameters.ifVersion.spec],
        result: ResultShape(schema: appealSchema, presentation: .report), mutates: true)

    static let appealSchema: JSONValue = {
        var schema = Schemas.report.objectValue!
        var properties = schema["properties"]!.objectValue!
        properties["notice"] = ["type": "string"]
        schema["properties"] = .object(properties)
        schema["required"] = .array((schema["required"]?.arrayValue ?? []) + ["notice"])
        return .object(schema)
    }()

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let text = try arguments.required(message)
        let now = context.now
        var email: String?
        var result = try ReportChange.apply([try arguments.required(id)], single: true,
                                            ifVersion: try arguments.value(ConcurrencyParameters.ifVersion),
                                            verb: "appeal open", in: context) { report, transaction in
            email = try transaction.setting(Settings.contactEmail)?.stringValue
            let category = try transaction.taxonomy().requireCategory(report.category)
            try report.openAppeal(message: text, at: now, category: category)
        }
        let notice = email.map { "The developer's contact email (\($0)) may be shared with the user who appealed." }
            ?? "The developer's contact email may be shared with the user who appealed; none is set yet (config set contactEmail ADDRESS)."
        if case .object(var object) = result {
            object["notice"] = .string(notice)
            result = .object(object)
        }
        return result
    }
}
