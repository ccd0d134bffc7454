import Testing
import ReportDeskCore
import ReportDeskFormats

/// A report's fields are described once: the report JSON, its schema, the CSV header, export rows
/// and the names import accepts all come from the field table, so they cannot drift apart.
@Suite("Field table: every shape of a report comes from one table")
struct FieldTableTests {
    static let now = Instant(milliseconds: 1_795_000_000_000)
    static let report = Report(
        key: 7, reportId: "R-1", category: "payment", issueType: "other", openId: "u-1", details: "late refund",
        orderId: "O-1", screenshot: Screenshot(sha256: String(repeating: "a", count: 64), bytes: 10, mediaType: "image/png"),
        reportedAt: Instant(milliseconds: 1_794_000_000_000), status: .resolved,
        processedAt: Instant(milliseconds: 1_794_500_000_000), note: "done",
        appeal: Appeal(status: .open, message: "why?", openedAt: Instant(milliseconds: 1_794_600_000_000)), version: 3)

    /// A field only the test's table has.
    static let channel = ReportFieldSpec(
        "channel", .string, storeColumns: ["channel"], roles: [.logged, .exported, .imported], consoleName: "Channel",
        aliases: ["Source channel"], json: { _, _ in .string("in-app") },
        readState: { value, _ in value?.stringValue == "in-app" })

    static let extended = ReportFieldTable(fields: ReportFieldTable.standard.fields + [channel])

    private func keys(_ value: JSONValue) -> [String] { value.objectValue?.map(\.key) ?? [] }

    private func exportRow(_ format: ExportFormat, _ table: ReportFieldTable) -> [UInt8] {
        var writer = ExportRowWriter(format: format, taxonomy: Taxonomy.builtIn, now: Self.now, fields: table)
        var out: [UInt8] = []
        writer.row(Self.report, screenshotPath: nil, into: &out)
        return out
    }

    /// The field names each shape shows, derived from what it built.
    private func shapes(_ table: ReportFieldTable) throws -> (json: [String], schema: [String], required: [String],
                                                              exported: [String], csvHeader: [String], csvCells: Int,
                                                              state: [String], importable: [String]) {
        let schema = table.schema
        let exportLine = exportRow(.jsonl, table)
        let exported = try JSONParser.parse(Array(exportLine.dropLast()))
        let csvLine = String(decoding: exportRow(.csv, table), as: UTF8.self)
        let header = String(decoding: ExportRowWriter(format: .csv, taxonomy: Taxonomy.builtIn, now: Self.now, fields: table)
            .preamble.dropFirst(3), as: UTF8.self).trimmingSuffix("\r\n").split(separator: ",").map(String.init)
        let names = ImportNames(fields: table)
        return (keys(Self.report.json(now: Self.now, fields: table)), keys(schema["properties"] ?? .null),
                schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [], keys(exported), header,
                csvLine.trimmingSuffix("\r\n").split(separator: ",", omittingEmptySubsequences: false).count,
                keys(Self.report.stateJSON(fields: table)),
                table.fields.map(\.name).filter { names.field(named: $0) != nil })
    }

    @Test("the report JSON, its schema, export rows, the CSV header and import's names agree with the table")
    func shapesAgree() throws {
        let table = ReportFieldTable.standard
        let shapes = try shapes(table)
        let all = table.fields.map(\.name)
        #expect(shapes.json == all)
        #expect(shapes.schema == all && shapes.required == all)
        #expect(shapes.exported == table.fields(.exported).map(\.name))
        #expect(shapes.exported == all.filter { $0 != "version" }, "export carries key and the derived facts, not the version")
        #expect(shapes.csvHeader == table.fields(.exported).flatMap { $0.columns.map(\.heading) })
        #expect(shapes.csvCells == shapes.csvHeader.count)
        #expect(shapes.state == table.fields(.logged).map(\.name))
        #expect(shapes.importable == all, "import recognises every field, reading some and ignoring the others")
        #expect(table.storeColumns.count == 21 && table.storeColumns.first == "key" && table.storeColumns.last == "version")
        #expect(table.fields.filter(\.isDerived).map(\.name) == ["dueAt", "pastDue", "processedLate"])
        // Import ignores the derived facts and what the importing store gives (key, version).
        for name in ["key", "version", "dueAt", "Due time", "pastDue", "Processed late"] {
            #expect(ImportNames.standard.field(named: name) == .derived, "\(name)")
        }
        #expect(ImportNames.standard.field(named: "Appeal opened at") == .appealOpenedAt)
        #expect(ImportNames.standard.field(named: "report_id") == .reportId)
    }

    @Test("a field added to a table alone shows up in every shape built from it")
    func addedFieldShowsUp() throws {
        let standard = try shapes(.standard)
        let extended = try shapes(Self.extended)
        #expect(extended.json == standard.json + ["channel"])
        #expect(extended.schema == standard.schema + ["channel"] && extended.required == standard.required + ["channel"])
        #expect(extended.exported == standard.exported + ["channel"])
        #expect(extended.csvHeader == standard.csvHeader + ["Channel"] && extended.csvCells == standard.csvCells + 1)
        #expect(extended.state == standard.state + ["channel"])
        #expect(extended.importable == standard.importable + ["channel"])
        #expect(ImportNames(fields: Self.extended).field(named: "Source channel") != nil)
        #expect(ImportNames.standard.field(named: "Source channel") == nil)
        #expect(Self.extended.storeColumns == ReportFieldTable.standard.storeColumns + ["channel"])
        let state = Self.report.stateJSON(fields: Self.extended)
        #expect(Report(stateJSON: state, version: 3, fields: Self.extended) == Self.report, "the state reader reads the new field too")
    }

    @Test("the version-log state reads back as the same report, and a state without a required field does not")
    func stateRoundTrip() throws {
        var report = Self.report
        report.screenshot?.path = nil
        let state = report.stateJSON
        #expect(Report(stateJSON: state, version: 3) == report)
        var broken = try #require(state.objectValue)
        broken["reportedAt"] = nil
        #expect(Report(stateJSON: .object(broken), version: 3) == nil)
    }

    @Test("the fingerprint covers the identity fields only, in table order")
    func identity() {
        let text = ReportFieldTable.standard.identityText(of: Self.report)
        #expect(text == ["payment", "other", "u-1", "late refund", "O-1", String(repeating: "a", count: 64), "1794000000000"]
            .joined(separator: "\u{1F}"))
        var changedNote = Self.report
        changedNote.note = "other"
        changedNote.status = .pending
        #expect(ReportFieldTable.standard.identityText(of: changedNote) == text)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
