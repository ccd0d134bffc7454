import Foundation
import ReportDeskCore
import ReportDeskFormats
import ReportDeskInterpreter
import ReportDeskStore

/// `import PATH`: brings reports in from console exports and other tools (R11, R13).
enum ImportCommand: Command {
    struct Parameters: ParameterSet {
        let path = Param.path("path", help: "the file to import: JSON Lines, a JSON array or CSV with a header row (- reads standard input in one-shot mode)",
                              required: true, positional: true)
        let tz = Param.text("tz", help: "the time zone of report times written without an offset (default: the display zone)",
                            maximumLength: 64)
    }

    static let spec = CommandSpec(
        Self.self, "import", topic: .intake,
        summary: "Import reports from a console export or another tool (JSON Lines, JSON array, CSV)",
        discussion: """
            The format is detected from the content; UTF-8 with or without a byte order mark, LF or CRLF. Fields may be \
            named in camelCase (reportId, issueType, reportedAt) or in the console's words (Report ID, Issue type, Report \
            time); categories and issue types by id or display name. Rows may carry status, processedAt, note and appeal; \
            a resolved or dismissed row needs its processedAt (Processed time), a pending one has none. \
            Every row is imported, a duplicate (same Report ID, or the same fingerprint of category, issue type, Open ID, \
            details, Order ID, screenshot and report time) or rejected with its line and reason; rejected rows are kept \
            verbatim in a rejects file in the store's rejects folder, ready to fix and import again. The result lists the \
            first \(ImportOutcome.listedRejections) rejections; rejectedCount counts them all. The whole import is one version; \
            importing the same file again adds nothing. Screenshot paths are copied into the store; relative ones resolve \
            against the file's folder. The file streams through: peak memory stays near 60 MB whether it holds 100,000 \
            or 1,000,000 rows (one row of at most 64 MiB is held at a time).
            """,
        examples: ["import Samples/import/console-export.csv --tz Asia/Tokyo", "import Samples/import/reports.jsonl", "import console.csv --tz Europe/Berlin"],
        mutates: true)

    static let rejection = ObjectShape<ImportOutcome.Rejection>([
        .field("line", .integer, \.line),
        .field("field", ValueShape.string.orNull, \.field),
        .field("reason", .string, \.reason),
    ]).shape

    static let result = ObjectShape<Imported>([
        .field("imported", .integer, \.outcome.imported),
        .field("duplicates", .integer, \.outcome.duplicates),
        .field("rejected", .array(of: rejection, maximumCount: ImportOutcome.listedRejections), \.outcome.rejected),
        .field("rejectedCount", .integer, \.outcome.rejectedCount),
        .field("rejectsFile", ValueShape.string.orNull, \.outcome.rejectsFile),
        .field("version", .integer, \.version),
        .field("format", .oneOf(["jsonl", "json", "csv"]), \.outcome.format.rawValue),
        .field("rows", .integer, \.outcome.rows),
        .field("ignoredFields", .array(of: .string), \.outcome.ignoredFields),
    ]).shape

    /// What an import did, and the version it made.
    struct Imported {
        let outcome: ImportOutcome
        let version: Int
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Imported {
        let path = try arguments.required(\.path)
        var zone = context.zone
        if let name = try arguments.value(\.tz) {
            guard let named = ZoneRules(named: name) else {
                throw DeskError.invalidParams(field: "tz", "unknown time zone \(quoted(name)); use an IANA name such as Asia/Tokyo, UTC, or an offset such as +09:00")
            }
            zone = named
        }
        let input: ImportInput
        if path == "-" {
            guard let standardInput = context.session.streams.input else {
                throw DeskError.invalidParams(field: "path",
                    "import - reads standard input only in one-shot and script mode; here standard input carries the protocol or the terminal, so give a file path")
            }
            input = ImportInput.standardInput(startingWith: standardInput.takeRemainder())
        } else {
            input = try ImportInput.open(path: path)
        }
        let store = try context.store()
        let started = Date()
        let interaction = context.interaction
        // After the last row the bar gives way to the passes that follow, each with its own.
        var rowsRead = false
        let settings = ImportSettings(
            zone: zone, now: context.now, rejectsDirectory: store.location.rejectsDirectory,
            progress: { rows, bytes, total in
                guard !rowsRead else { return }
                let estimate = total.flatMap { total in bytes > 0 ? max(rows, Int(Double(rows) * Double(total) / Double(bytes))) : nil }
                interaction.progress(ProgressUpdate(done: rows, total: estimate, unit: "rows",
                                                    elapsedSeconds: Date().timeIntervalSince(started), finished: false))
            },
            checkCancelled: { try context.checkCancelled() })
        try store.prepareForImport()
        var rejectsFile: String?
        let written: Written<ImportOutcome>
        do {
            written = try context.write { transaction in
                let reports = try transaction.importedReports(screenshotFolder: input.folder)
                let finish: () throws -> (added: Int, duplicates: Int) = {
                    rowsRead = true
                    var passStarted = (pass: ImportPass?.none, at: Date())
                    let counts = try reports.finish { pass, done, total in
                        if passStarted.pass != pass { passStarted = (pass: .some(pass), at: Date()) }
                        try context.checkCancelled()
                        interaction.progress(ProgressUpdate(
                            done: done, total: total, unit: pass == .indexes ? "indexes" : "reports",
                            elapsedSeconds: Date().timeIntervalSince(passStarted.at), finished: false,
                            phase: pass == .indexes ? "building indexes" : "indexing text"))
                    }
                    // The commit and the checkpoint after it write the whole import to disk.
                    if counts.added > 0 {
                        interaction.progress(ProgressUpdate(done: 0, total: nil, unit: "pages", elapsedSeconds: 0, finished: false,
                                                            phase: "writing to disk"))
                    }
                    return counts
                }
                let outcome = try ImportRun.run(input, taxonomy: try transaction.taxonomy(), settings: settings,
                                                into: ImportRun.Target(add: reports.add, finish: finish))
                rejectsFile = outcome.rejectsFile
                transaction.summary = "import \(input.name): \(outcome.imported) added, \(Wording.count(outcome.duplicates, "duplicate")), \(outcome.rejectedCount) rejected"
                return outcome
            }
        } catch {
            // Nothing was imported (the commit failed, on a full disk say), so nothing was rejected either.
            if let rejectsFile { RejectsFile.withdraw(rejectsFile) }
            throw error
        }
        let outcome = written.value
        interaction.progress(ProgressUpdate(done: outcome.rows, total: outcome.rows, unit: "rows",
                                            elapsedSeconds: Date().timeIntervalSince(started), finished: true))
        return Imported(outcome: outcome, version: written.version)
    }
}
