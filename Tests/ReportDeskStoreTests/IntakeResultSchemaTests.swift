import Foundation
import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

/// The results of import, export and the snapshot commands fit the result schemas they declare
/// (what `rpc.discover` publishes), in their success shapes with and without rejections.
@Suite("Intake, export and snapshot results fit their declared schemas")
struct IntakeResultSchemaTests {
    private func check(_ desk: TestDesk, _ method: String, _ params: JSONValue) throws {
        let spec = try #require(desk.session.registry.command(method: method)?.spec)
        let result = try desk.call(method, params)
        let problems = SchemaValidator.problems(result, against: spec.result.schema)
        #expect(problems.isEmpty, "\(method): \(problems)")
    }

    @Test("import, export, snapshot.save, snapshot.list and snapshot.restore")
    func schemas() throws {
        let desk = TestDesk()
        try check(desk, "import", ["path": .string(ImportSamples.path("reports.jsonl"))])
        try check(desk, "import", ["path": .string(ImportSamples.path("reports.jsonl"))])
        try check(desk, "export", ["out": .string(desk.folder.file("a.csv")), "format": "csv", "status": ["pending"]])
        try check(desk, "snapshot.save", [:])
        try check(desk, "snapshot.save", ["name": "named"])
        try check(desk, "snapshot.list", [:])
        try desk.run("note 1 changed")
        try check(desk, "snapshot.restore", ["name": "named"])
        try check(desk, "snapshot.restore", ["name": "1"])
    }
}
