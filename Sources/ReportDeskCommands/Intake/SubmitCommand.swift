import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `submit`: files one report as a user would (R1–R4, R11).
enum SubmitCommand: Command {
    struct Parameters: ParameterSet {
        let category = Param.text("category", help: "experience, payment or community (or a category this store added)",
                                   required: true, maximumLength: 100, completion: .categories)
        let issueType = Param.text("issueType", help: "an issue type of the category (taxonomy lists them)",
                                    required: true, maximumLength: FieldLimits.issueType, completion: .issueTypes)
        let details = Param.text("details", help: "what the user wrote (not for community reports)",
                                  maximumLength: FieldLimits.details)
        let openId = Param.text("openId", help: "the user's Open ID; leave out when the user was not logged in",
                                 maximumLength: FieldLimits.identifier)
        let orderId = Param.text("orderId", help: "the order the report is about (payment reports only)",
                                  maximumLength: FieldLimits.identifier)
        let screenshot = Param.path("screenshot", help: "an image file to keep as evidence, or an https:// URL (community reports only)",
                                     completion: .files)
        let reportedAt = Param.instant("reportedAt", help: "when the user submitted it (default: now)")
        let reportId = Param.text("reportId", help: "the platform Report ID (experience reports only; generated when left out)",
                                   maximumLength: FieldLimits.identifier)
    }

    static let spec = CommandSpec(
        Self.self, "submit", topic: .intake,
        summary: "File one report as a user would",
        discussion: "Fields a category does not allow are refused, never dropped (R3). Experience reports get a Report ID when none is given. A report time later than now is kept as given, with a warning.",
        examples: [
            "submit --category payment --issue-type refund_request --order-id ORD-1 --details \"charged twice\"",
            "submit --category community --issue-type harassment --screenshot ./evidence.png",
        ],
        view: ReportCard(), mutates: true)
    /// The new report, and what people should know about it (a report time later than now).
    static let result = ObjectShape<Submitted>(extending: .report, \.report, [
        .optional("warnings", .array(of: .string)) { $0.warnings.isEmpty ? nil : $0.warnings },
    ]).shape

    struct Submitted {
        let report: JSONValue
        let warnings: [String]
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Submitted {
        let now = context.now
        let reportedAt = try arguments.value(\.reportedAt) ?? now
        // A device with a wrong clock still filed a real report: it is kept at the time it gives.
        var warnings: [String] = []
        if reportedAt > now.adding(.minutes(5)) {
            warnings.append(("reportedAt \(RFC3339.format(reportedAt)) is later than now (\(RFC3339.format(now))); "
                                    + "kept as given, the device's clock may be wrong"))
        }
        var submission = ReportSubmission(
            category: try arguments.required(\.category), issueType: try arguments.required(\.issueType),
            openId: try arguments.value(\.openId), details: try arguments.value(\.details), orderId: try arguments.value(\.orderId),
            screenshot: try arguments.value(\.screenshot).map(ScreenshotSource.init(text:)), reportedAt: reportedAt,
            reportId: try arguments.value(\.reportId))
        let written = try context.write { transaction in
            submission = try submission.validated(against: transaction.taxonomy())
            var stored: Screenshot?
            switch submission.screenshot {
            case .file(let path)?: stored = try transaction.ingestScreenshot(path: path, importedFrom: nil)
            case .url(let url)?: stored = Screenshot(url: url)
            case .stored(let shot)?: stored = shot
            case nil: stored = nil
            }
            switch try transaction.insert(submission, screenshot: stored, deterministicReportID: false) {
            case .inserted(let report):
                transaction.summary = "submit #\(report.key) (\(report.category)/\(report.issueType))"
                return report
            case .duplicate(let key):
                guard let reportId = submission.reportId, let existing = try transaction.report(key: key) else {
                    throw DeskError.rule("R13", "this report is already in the store as #\(key)",
                                         extra: [("key", .int(key)), ("field", "reportedAt")])
                }
                throw reused(reportId, by: existing, submission: submission)
            }
        }
        return Submitted(report: written.value.json(now: now), warnings: warnings)
    }

    /// A Report ID names one report (R13): the error says which report has it and, field by field,
    /// how the one submitted differs from it.
    private static func reused(_ reportId: String, by existing: Report, submission: ReportSubmission) -> DeskError {
        let compared: [(String, String?, String?)] = [
            ("category", existing.category, submission.category),
            ("issueType", existing.issueType, submission.issueType),
            ("openId", existing.openId, submission.openId),
            ("details", existing.details, submission.details),
            ("reportedAt", RFC3339.format(existing.reportedAt), RFC3339.format(submission.reportedAt)),
        ]
        let differing = compared.filter { $0.1 != $0.2 }
        func shown(_ text: String?) -> String { text.map { quoted(String($0.prefix(60)) + ($0.count > 60 ? "…" : "")) } ?? "none" }
        let what = differing.isEmpty
            ? "it is the same report"
            : "it differs in " + differing.map { "\($0.0) (#\(existing.key): \(shown($0.1)); given: \(shown($0.2)))" }.joined(separator: ", ")
        return DeskError.rule("R13", "Report ID \(quoted(reportId)) already belongs to #\(existing.key); \(what)",
                              extra: [("key", .int(existing.key)), ("field", "reportId"),
                                      ("differs", .array(differing.map { .string($0.0) }))])
    }
}
