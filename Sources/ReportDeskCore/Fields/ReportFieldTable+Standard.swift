extension ReportFieldTable {
    /// The report's fields, in the order of the report JSON.
    package static let standard = ReportFieldTable(fields: [
        ReportFieldSpec("key", .integer(minimum: 1), storeColumns: ["key"], roles: [.logged, .exported],
                        consoleName: "Key", json: { report, _ in .int(report.key) },
                        readState: { value, report in read(value?.intValue, into: &report.key) }),
        text("reportId", nullable: true, categoryField: .reportId, column: "report_id", roles: [.logged, .exported, .imported],
             consoleName: ReportField.reportId.consoleName, get: { $0.reportId }, set: { $0.reportId = $1 }),
        ReportFieldSpec("category", .string, storeColumns: ["category"], roles: .all,
                        consoleName: "Category", aliases: ["Report category", "Category name"],
                        json: { report, _ in .string(report.category) },
                        cell: { report, context in context.taxonomy?.category(named: report.category)?.displayName ?? report.category },
                        readState: { value, report in read(value?.stringValue, into: &report.category) },
                        identityText: { $0.category }),
        ReportFieldSpec("issueType", .string, storeColumns: ["issue_type"], roles: .all,
                        consoleName: "Issue type", aliases: ["Issue"],
                        json: { report, _ in .string(report.issueType) },
                        cell: { report, context in
                            context.taxonomy?.category(named: report.category)?.issueType(named: report.issueType)?.displayName
                                ?? report.issueType
                        },
                        readState: { value, report in read(value?.stringValue, into: &report.issueType) },
                        identityText: { $0.issueType }),
        text("openId", nullable: true, column: "open_id", roles: .all, consoleName: "Open ID",
             get: { $0.openId }, set: { $0.openId = $1 }),
        text("details", nullable: true, categoryField: .details, column: "details", roles: .all,
             consoleName: ReportField.details.consoleName, aliases: ["Details", "Feedback", "Additional feedback"],
             get: { $0.details }, set: { $0.details = $1 }),
        text("orderId", nullable: true, categoryField: .orderId, column: "order_id", roles: .all,
             consoleName: ReportField.orderId.consoleName, get: { $0.orderId }, set: { $0.orderId = $1 }),
        ReportFieldSpec("screenshot", .object([
                            FieldMember("sha256", .string, nullable: true), FieldMember("bytes", .integer(minimum: nil), nullable: true),
                            FieldMember("mediaType", .string, nullable: true), FieldMember("path", .string, nullable: true),
                            FieldMember("url", .string, nullable: true),
                        ], requiresAll: false), nullable: true, categoryField: .screenshot,
                        storeColumns: ["shot_sha256", "shot_bytes", "shot_type", "shot_url"], roles: .all,
                        consoleName: ReportField.screenshot.consoleName, aliases: ["Screenshot URL"],
                        json: { report, context in
                            guard let shot = report.screenshot else { return .null }
                            switch context.screenshotPath {
                            case .stored: return shot.json(includePath: true)
                            case .omitted: return shot.json(includePath: false)
                            case .given(let path): return shot.json(path: path)
                            }
                        },
                        cell: { report, context in
                            guard let shot = report.screenshot else { return nil }
                            let path: String? = switch context.screenshotPath {
                            case .stored: shot.path
                            case .omitted: nil
                            case .given(let given): given
                            }
                            return shot.url ?? path ?? shot.sha256.map { "sha256:" + $0 } ?? ""
                        },
                        readState: { value, report in
                            report.screenshot = value.flatMap(Screenshot.init(json:))
                            return true
                        },
                        identityText: { $0.screenshot?.sha256 ?? $0.screenshot?.url ?? "" }),
        ReportFieldSpec("reportedAt", .instant, storeColumns: ["reported_at"], roles: .all,
                        consoleName: "Report time", aliases: ["Submission time", "Reported at", "Time"],
                        json: { report, _ in .string(RFC3339.format(report.reportedAt)) },
                        readState: { value, report in read(value?.stringValue.flatMap(RFC3339.parse), into: &report.reportedAt) },
                        identityText: { String($0.reportedAt.milliseconds) }),
        ReportFieldSpec("dueAt", .instant, storeColumns: [], roles: .exported, consoleName: "Due time",
                        json: { report, _ in .string(RFC3339.format(report.dueAt)) }),
        ReportFieldSpec("status", .choice(ReportStatus.allCases.map(\.rawValue)), storeColumns: ["status"],
                        roles: [.logged, .exported, .imported], consoleName: "Status",
                        json: { report, _ in .string(report.status.rawValue) },
                        cell: { report, _ in report.status.rawValue.prefix(1).uppercased() + report.status.rawValue.dropFirst() },
                        readState: { value, report in
                            read(value?.stringValue.flatMap(ReportStatus.init(rawValue:)), into: &report.status)
                        }),
        ReportFieldSpec("pastDue", .boolean, storeColumns: [], roles: .exported, consoleName: "Past due",
                        json: { report, context in .bool(report.isPastDue(at: context.now)) }),
        instant("processedAt", column: "processed_at", consoleName: "Processed time", aliases: ["Processed at"],
                get: { $0.processedAt }, set: { $0.processedAt = $1 }),
        ReportFieldSpec("processedLate", .boolean, storeColumns: [], roles: .exported, consoleName: "Processed late",
                        json: { report, _ in .bool(report.wasProcessedLate) }),
        ReportFieldSpec("note", .string, storeColumns: ["note"], roles: [.logged, .exported, .imported],
                        consoleName: "Note", aliases: ["Notes"],
                        json: { report, _ in .string(report.note) },
                        readState: { value, report in
                            report.note = value?.stringValue ?? ""
                            return true
                        }),
        ReportFieldSpec("appeal", .object([
                            FieldMember("status", .choice(Appeal.Status.allCases.map(\.rawValue))), FieldMember("message", .string),
                            FieldMember("openedAt", .instant), FieldMember("decidedAt", .instant, nullable: true),
                            FieldMember("note", .string),
                        ], requiresAll: true), nullable: true,
                        storeColumns: ["appeal_status", "appeal_message", "appeal_opened_at", "appeal_decided_at", "appeal_note"],
                        roles: [.logged, .exported, .imported], consoleName: "Appeal",
                        columns: [
                            FieldColumn("appeal.status", "Appeal status") { report, _ in report.appeal?.status.rawValue },
                            FieldColumn("appeal.message", "Appeal message") { report, _ in report.appeal?.message },
                            FieldColumn("appeal.openedAt", "Appeal opened", aliases: ["Appeal opened at"]) { report, _ in
                                report.appeal.map { RFC3339.format($0.openedAt) }
                            },
                            FieldColumn("appeal.decidedAt", "Appeal decided", aliases: ["Appeal decided at"]) { report, _ in
                                report.appeal?.decidedAt.map(RFC3339.format)
                            },
                            FieldColumn("appeal.note", "Appeal note") { report, _ in report.appeal?.note },
                        ],
                        json: { report, _ in report.appeal?.json ?? .null },
                        readState: { value, report in
                            report.appeal = value.flatMap(Appeal.init(json:))
                            return true
                        }),
        ReportFieldSpec("version", .integer(minimum: 0), storeColumns: ["version"], roles: [], consoleName: "Version",
                        json: { report, _ in .int(report.version) }),
    ])

    /// A text field kept in one column; absent text is `null`.
    private static func text(_ name: String, nullable: Bool, categoryField: ReportField? = nil, column: String,
                             roles: ReportFieldSpec.Roles, consoleName: String, aliases: [String] = [],
                             get: @escaping @Sendable (Report) -> String?,
                             set: @escaping @Sendable (inout Report, String?) -> Void) -> ReportFieldSpec {
        var identityText: (@Sendable (Report) -> String)?
        if roles.contains(.identity) { identityText = { (report: Report) -> String in get(report) ?? "" } }
        return ReportFieldSpec(name, .string, nullable: nullable, categoryField: categoryField, storeColumns: [column], roles: roles,
                        consoleName: consoleName, aliases: aliases,
                        json: { report, _ in .optional(get(report)) },
                        readState: { value, report in
                            set(&report, value?.stringValue)
                            return true
                        },
                        identityText: identityText)
    }

    /// An optional time kept in one column as milliseconds.
    private static func instant(_ name: String, column: String, consoleName: String, aliases: [String],
                                get: @escaping @Sendable (Report) -> Instant?,
                                set: @escaping @Sendable (inout Report, Instant?) -> Void) -> ReportFieldSpec {
        ReportFieldSpec(name, .instant, nullable: true, storeColumns: [column], roles: [.logged, .exported, .imported],
                        consoleName: consoleName, aliases: aliases,
                        json: { report, _ in get(report).map { .string(RFC3339.format($0)) } ?? .null },
                        readState: { value, report in
                            set(&report, value?.stringValue.flatMap(RFC3339.parse))
                            return true
                        })
    }

    /// Stores a required value read from a state; `false` when there is none.
    private static func read<Value>(_ value: Value?, into target: inout Value) -> Bool {
        guard let value else { return false }
        target = value
        return true
    }
}

extension ReportFieldSpec.Roles {
    /// Stored, logged, exported, imported and part of the identity.
    package static let all: Self = [.logged, .exported, .imported, .identity]
}
