import Foundation
import Testing
import ReportDeskCore
import ReportDeskTesting

/// The system clock jumping back between two commits, and snapshots saved while writers run.
@Suite("Clocks and backups")
struct ClockAndBackupTests {
    let folder = TemporaryFolder()
    var store: String { folder.path + "/store" }

    private func runner(clock: String) -> BinaryRunner { BinaryRunner(store: store, clock: clock) }

    @Test("the clock jumping back an hour keeps versions in order, the log readable and due times from report times")
    func clockJumpsBack() throws {
        let noon = runner(clock: "2026-11-24T12:00:00Z"), eleven = runner(clock: "2026-11-24T11:00:00Z")
        let submitted = try noon.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--details", "late clock",
                                      "--reported-at", "2026-11-22T09:00:00Z"]).json()[0]
        #expect(submitted["dueAt"] == "2026-11-25T09:00:00Z")
        #expect(try noon.run(["--json", "note", "1", "at noon"]).json()[0]["version"] == 2)
        let earlier = try eleven.run(["--json", "resolve", "1", "--note", "an hour earlier by the clock"]).json()[0]
        #expect(earlier["version"] == 3, "a later commit gets the next number whatever its time")
        #expect(earlier["processedAt"] == "2026-11-24T11:00:00Z" && earlier["dueAt"] == "2026-11-25T09:00:00Z")
        let history = try eleven.run(["--json", "history"]).json()[0]["versions"]?.arrayValue ?? []
        #expect(history.map { $0["version"] } == [3, 2, 1], "newest first by number, not by time")
        #expect(history.map { $0["at"] } == ["2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z", "2026-11-24T12:00:00Z"],
                "each version keeps the time it was made at")
        let text = try eleven.run(["history"])
        #expect(text.status == 0)
        let lines = text.standardOutput.split(separator: "\n")
        let rows = lines.dropFirst().prefix(3).map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(rows == ["3 2026-11-24 11:00", "2 2026-11-24 12:00", "1 2026-11-24 12:00"], "\(text.standardOutput)")
        #expect(try noon.run(["--json", "show", "1", "--at", "2"]).json()[0]["note"] == "at noon")
        #expect(try eleven.run(["--json", "diff", "2", "3"]).json()[0]["reports"]?.arrayValue?.count == 1)
        #expect(try noon.run(["--json", "undo"]).json()[0]["version"] == 4)
        #expect(try noon.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    @Test("a report time in the future (a device's wrong clock) is kept with a warning and sorted where it says")
    func futureReportTime() throws {
        let noon = runner(clock: "2026-11-24T12:00:00Z")
        #expect(try noon.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--reported-at", "2026-11-23T08:00:00Z"]).status == 0)
        let future = try noon.run(["--json", "submit", "--category", "payment", "--issue-type", "refund_request",
                                   "--details", "from a phone set to next week", "--reported-at", "2026-11-27T08:00:00Z"])
        #expect(future.status == 0, "\(future.standardOutput)")
        let report = try future.json()[0]
        #expect(report["reportedAt"] == "2026-11-27T08:00:00Z" && report["dueAt"] == "2026-11-30T08:00:00Z" && report["pastDue"] == false)
        #expect(report["warnings"] == ["reportedAt 2026-11-27T08:00:00Z is later than now (2026-11-24T12:00:00Z); kept as given, the device's clock may be wrong"])
        let person = try noon.run(["submit", "--category", "experience", "--issue-type", "other", "--reported-at", "2026-11-26T00:00:00Z"])
        #expect(person.status == 0)
        #expect(person.standardError == "warning: reportedAt 2026-11-26T00:00:00Z is later than now (2026-11-24T12:00:00Z); kept as given, the device's clock may be wrong\n")
        let listed = try noon.run(["--json", "list", "--sort", "reportedAt"]).json()[0]["reports"]?.arrayValue ?? []
        #expect(listed.map { $0["key"] } == [1, 3, 2], "sorted by the time each report gives")
        let plain = try noon.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--reported-at", "2026-11-24T11:00:00Z"]).json()[0]
        #expect(plain["warnings"] == nil, "no warning for a time that is not in the future")
    }

    @Test("snapshot save while writers run: each snapshot opens elsewhere, passes verify and holds exactly the versions up to its own")
    func snapshotsUnderWriters() throws {
        let runner = BinaryRunner(store: store)
        #expect(try runner.run(["--json", "submit", "--category", "payment", "--issue-type", "other", "--details", "first"]).status == 0)
        let writers = try (0..<3).map { writer in
            try WriterProcess(binary: runner.path, environment: runner.environment,
                              commands: (0..<150).map { "note 1 'writer \(writer) line \($0)'" })
        }
        var saved: [(name: String, version: Int)] = []
        for round in 0..<6 {
            let outcome = try runner.run(["--json", "snapshot", "save", "during-\(round)"])
            #expect(outcome.status == 0, "\(outcome.standardOutput)")
            if let version = try outcome.json().first?["version"]?.intValue { saved.append(("during-\(round)", version)) }
            usleep(30_000)
        }
        for writer in writers { #expect(try writer.acknowledgements().count == 150 && writer.exitedNormally) }
        let full = try history(runner)
        #expect(full.count == 451)
        #expect(Set(saved.map(\.version)).count > 1, "the snapshots were taken while the versions moved: \(saved)")
        for (name, version) in saved {
            let elsewhere = folder.path + "/restored-\(name)"
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: store + "/snapshots/\(name).sqlite", toPath: elsewhere + "/reports.sqlite")
            let copy = BinaryRunner(store: elsewhere)
            #expect(try copy.run(["--json", "verify"]).json().first?["ok"] == true, "\(name)")
            #expect(try copy.run(["--json", "info"]).json().first?["version"] == .int(version), "\(name)")
            let held = try history(copy)
            #expect(held.map(\.version) == Array((1...version).reversed()), "\(name) holds exactly versions 1…\(version)")
            #expect(held == full.filter { $0.version <= version }, "\(name)'s versions are the store's own")
            #expect(try copy.run(["--json", "note", "1", "on the copy"]).json().first?["version"] == .int(version + 1),
                    "the restored copy takes writes")
        }
        let back = try runner.run(["--json", "snapshot", "restore", saved[0].name])
        #expect(back.status == 0, "\(back.standardOutput)")
        #expect(try runner.run(["--json", "verify"]).json()[0]["ok"] == true)
    }

    private struct Entry: Equatable {
        let version: Int
        let at: String, actor: String, summary: String
    }

    private func history(_ runner: BinaryRunner) throws -> [Entry] {
        var entries: [Entry] = []
        var cursor: Int?
        repeat {
            let page = try runner.run(["--json", "history", "--limit", "1000"] + (cursor.map { ["--cursor", String($0)] } ?? [])).json()[0]
            for entry in page["versions"]?.arrayValue ?? [] {
                entries.append(Entry(version: entry["version"]?.intValue ?? 0, at: entry["at"]?.stringValue ?? "",
                                     actor: entry["actor"]?.stringValue ?? "", summary: entry["summary"]?.stringValue ?? ""))
            }
            cursor = page["nextCursor"]?.intValue
        } while cursor != nil
        return entries
    }
}
