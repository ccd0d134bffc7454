import ReportDeskCore
import ReportDeskFormats
import ReportDeskInterpreter
import ReportDeskStore

/// `export`: reports out for spreadsheets, other tools and other stores (R13 round trip).
enum ExportCommand: Command {
    static let format = Param.choice("format", ExportFormat.self, help: "jsonl (re-importable as the same reports) or csv (console column names)",
                                     default: .jsonl)
    static let out = Param.path("out", help: "the file to write (default: standard output, one-shot and script mode only)")

    static let spec = CommandSpec(
        "export", topic: .intake,
        summary: "Write reports to a file (or standard output) as JSON Lines or CSV",
        discussion: """
            Takes the filters of list. Rows come in key order from one version. JSON Lines rows re-import into an empty \
            store as the same reports; CSV uses the console's column names, a byte order mark for spreadsheets, and \
            neutralises cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a leading apostrophe that \
            import removes again. Files are written owner-only (0600); stored screenshots are copied beside the file \
            into screenshots/. Without --out the rows alone go to standard output (with --json the result line follows \
            them); over JSON-RPC, give out.
            """,
        examples: ["export --out reports.jsonl", "export --format csv --status pending --out pending.csv", "export --since 2026-11-01 > november.jsonl"],
        parameters: FilterParameters.all + [format.spec, out.spec],
        result: ResultShape(schema: Schemas.object([
            "exported": ["type": "integer"], "out": ["type": ["string", "null"]], "version": ["type": "integer"],
            "format": ["type": "string", "enum": ["jsonl", "csv"]], "text": ["type": "string"],
        ], optional: ["text"]), presentation: .help),
        mutates: false)

    static func run(_ arguments: Arguments, in context: CommandContext) throws -> JSONValue {
        let store = try context.store()
        let filter = try FilterParameters.filter(from: arguments, taxonomy: store.taxonomy())
        let format = try arguments.required(Self.format)
        var out = try arguments.value(Self.out)
        if out == "-" { out = nil }
        let destination: ExportDestination
        if let out {
            destination = try ExportDestination.file(out)
        } else if let output = context.session.streams.output {
            destination = .descriptor(output)
        } else {
            throw DeskError.invalidParams(field: "out", "give out: standard output carries the protocol here, so export writes to a file")
        }
        var writer = ExportRowWriter(format: format, taxonomy: try store.taxonomy(), now: context.now)
        var exported = 0
        var line: [UInt8] = []
        let version: Int
        do {
            try destination.write(writer.preamble)
            version = try store.exportReports(matching: filter, now: context.now, screenshotFolder: destination.folder) { report, screenshotPath in
                line.removeAll(keepingCapacity: true)
                writer.row(report, screenshotPath: screenshotPath, into: &line)
                try destination.write(line)
                exported += 1
            }
            try destination.finish()
        } catch {
            destination.abandon()
            throw error
        }
        let outcome = (exported: exported, version: version, out: destination.path)
        var result = JSONObject([
            ("exported", .int(outcome.exported)), ("out", .optional(outcome.out)), ("version", .int(outcome.version)),
            ("format", .string(format.rawValue)),
        ])
        // People see one line for a file; for standard output nothing but the rows (the text is absent).
        if let path = outcome.out {
            result["text"] = .string("exported \(outcome.exported) report\(outcome.exported == 1 ? "" : "s") to \(path) (version \(outcome.version))")
        }
        return .object(result)
    }
}
