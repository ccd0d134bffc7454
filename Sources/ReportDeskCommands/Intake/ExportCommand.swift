import ReportDeskCore
import ReportDeskFormats
import ReportDeskInterpreter
import ReportDeskStore

/// `export`: reports out for spreadsheets, other tools and other stores (R13 round trip).
enum ExportCommand: Command {
    struct Parameters: ParameterSet {
        let filters = FilterParameters()
        let format = Param.choice("format", ExportFormat.self, help: "jsonl (re-importable as the same reports) or csv (console column names)",
                                  default: .jsonl)
        let out = Param.path("out", help: "the file to write (default: standard output, one-shot and script mode only)")
    }

    static let spec = CommandSpec(
        Self.self, "export", topic: .intake,
        summary: "Write reports to a file (or standard output) as JSON Lines or CSV",
        discussion: """
            Takes the filters of list. Rows come in key order from one version. JSON Lines rows re-import into an empty \
            store as the same reports; CSV uses the console's column names, a byte order mark for spreadsheets, and \
            neutralises cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a leading apostrophe that \
            import removes again. Files are written owner-only (0600); stored screenshots are copied beside the file \
            into screenshots/. Without --out the rows alone go to standard output (with --json the result line goes to \
            standard error); over JSON-RPC, give out.
            """,
        examples: ["export --out reports.jsonl", "export --format csv --status pending --out pending.csv", "export --since 2026-11-01 > november.jsonl"],
        view: TextView(), mutates: false)

    static let result = ObjectShape<Exported>([
        .field("exported", .integer, \.outcome.exported),
        .field("out", ValueShape.string.orNull, \.outcome.out),
        .field("version", .integer, \.outcome.version),
        .field("format", .oneOf, \.format),
        // People see one line for a file; for standard output nothing but the rows (the text is absent).
        .optional("text", .string) { exported in
            exported.outcome.out.map { path in
                let count = exported.outcome.exported
                return "exported \(count) report\(count == 1 ? "" : "s") to \(path) (version \(exported.outcome.version))"
            }
        },
    ]).shape

    /// What an export wrote, and in which format.
    struct Exported {
        let outcome: ExportOutcome
        let format: ExportFormat
    }

    /// How many rows went out, at which store version, and to which file (`nil`: standard output).
    struct ExportOutcome {
        let exported: Int
        let version: Int
        let out: String?
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Exported {
        let store = try context.store()
        let filter = try FilterParameters.filter(from: arguments.group(\.filters), taxonomy: store.taxonomy())
        let format = try arguments.required(\.format)
        var out = try arguments.value(\.out)
        if out == "-" { out = nil }
        let destination: ExportDestination
        if let out {
            destination = try ExportDestination.file(out)
        } else if let output = context.session.takeStandardOutput() {
            destination = .descriptor(output)
        } else {
            throw DeskError.invalidParams(field: "out", "give out: standard output carries the protocol here, so export writes to a file")
        }
        var writer = ExportRowWriter(format: format, taxonomy: try store.taxonomy(), now: context.now)
        var exported = 0
        let version: Int
        do {
            try destination.write(writer.preamble)
            version = try store.exportReports(matching: filter, now: context.now, screenshotFolder: destination.folder) { report, screenshotPath in
                try destination.write { writer.row(report, screenshotPath: screenshotPath, into: &$0) }
                exported += 1
            } complete: {
                try destination.finish()
            }
        } catch {
            destination.abandon()
            throw error
        }
        return Exported(outcome: ExportOutcome(exported: exported, version: version, out: destination.path), format: format)
    }
}
