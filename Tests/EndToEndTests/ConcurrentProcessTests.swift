import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// Two processes writing to one store at the same time lose no update.
@Suite("Several processes on one store", .tags(.slow), .skippedInQuickRuns)
struct ConcurrentProcessTests {
    @Test("two script sessions writing at once: every write lands, versions are gap-free and unique")
    func twoWriters() async throws {
        let folder = TemporaryFolder()
        let runner = BinaryRunner(store: folder.path + "/store", clock: nil)
        let perWriter = 60
        let outcomes = try await withThrowingTaskGroup(of: BinaryRunner.Outcome.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    var lines: [String] = []
                    for n in 0..<perWriter {
                        lines.append("submit --category payment --issue-type other --order-id W\(writer)-\(n) --details 'writer \(writer)'")
                        if n % 3 == 0 { lines.append("note \(n + 1) 'touched by \(writer)'") }
                    }
                    return try runner.run(["--json"], input: lines.joined(separator: "\n") + "\n")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.standardError)") }
        let acknowledged = outcomes.flatMap { (try? $0.json()) ?? [] }.compactMap { $0["version"]?.intValue }
        #expect(Set(acknowledged).count == acknowledged.count, "no version number was handed out twice")
        let info = try runner.run(["--json", "info"]).json()[0]
        #expect(info["reports"]?.intValue == 2 * perWriter)
        #expect(info["version"]?.intValue == acknowledged.count)
        let history = try runner.run(["--json", "history", "--limit", "1000"]).json()[0]
        let numbers = history["versions"]?.arrayValue?.compactMap { $0["version"]?.intValue } ?? []
        #expect(numbers == Array((1...acknowledged.count).reversed()))
        let orders = try runner.run(["--json", "list", "--limit", "1000"]).json()[0]["reports"]?.arrayValue?.compactMap { $0["orderId"]?.stringValue } ?? []
        #expect(Set(orders).count == 2 * perWriter)
    }
}
