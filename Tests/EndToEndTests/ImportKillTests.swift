import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// R12, R13: a `reportdesk import` killed with SIGKILL in the middle of a
/// large file leaves a store that opens, passes `PRAGMA integrity_check` and holds none or all of
/// that import's rows, and a second run of the same import completes it.
@Suite("Import under SIGKILL", .serialized, .tags(.slow), .skippedInQuickRuns)
struct ImportKillTests {
    static let rows = 80_000

    /// A JSON Lines file of `count` distinct payment reports, written here so the test needs nothing else.
    static func writeLargeFile(_ path: String, count: Int) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 200)
        let start = RFC3339.parse("2026-01-01T00:00:00Z")!
        for index in 0..<count {
            let time = RFC3339.format(Instant(milliseconds: start.milliseconds + Int64(index) * 60_000))
            let line = "{\"category\":\"payment\",\"issueType\":\"refund_request\",\"openId\":\"_000kill\(index % 977)\","
                + "\"orderId\":\"ORD-K-\(index)\",\"details\":\"charged twice for order \(index), please refund\","
                + "\"reportedAt\":\"\(time)\"}\n"
            bytes.append(contentsOf: line.utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test("SIGKILL mid-import: the store opens, integrity is ok, and it holds none or all of the import's rows")
    func killMidImport() throws {
        let folder = TemporaryFolder()
        let store = folder.path + "/store"
        let runner = BinaryRunner(store: store)
        #expect(try runner.run(["submit", "--category", "experience", "--issue-type", "other", "--details", "before the import"]).status == 0)
        let file = folder.file("large.jsonl")
        try Self.writeLargeFile(file, count: Self.rows)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner.path)
        process.arguments = ["--json", "import", file]
        process.environment = runner.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let wal = store + "/reports.sqlite-wal"
        let walBefore = Self.size(wal)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Self.size(wal) < walBefore + (2 << 20), Date() < deadline { usleep(5_000) }
        let stillRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(stillRunning, "the import was still writing when it was killed (\(Self.size(wal)) bytes of WAL)")
        #expect(process.terminationReason == .uncaughtSignal)

        let info = try #require(try runner.run(["--json", "info"]).json().first)
        let reports = try #require(info["reports"]?.intValue)
        #expect(reports == 1 || reports == Self.rows + 1, "none or all of the import's rows, not \(reports)")
        #expect(info["version"]?.intValue == (reports == 1 ? 1 : 2))
        let integrity = try BinaryRunner.sqlite(store + "/reports.sqlite", "PRAGMA integrity_check;")
        #expect(integrity.lines == ["ok"])
        #expect(try runner.run(["--json", "verify"]).json().first?["ok"] == true)

        let finished = try runner.run(["--json", "import", file], timeout: 300)
        let result = try #require(try finished.json().first)
        #expect(result["imported"]?.intValue == (reports == 1 ? Self.rows : 0))
        #expect(try runner.run(["--json", "info"]).json().first?["reports"]?.intValue == Self.rows + 1)
    }
}
