import Foundation
import ReportDeskCore
import ReportDeskStore

/// Kills writers at random points and checks that every acknowledged write survived: the store
/// opens, `verify` passes (integrity, gap-free versions, the log replays to the current state),
/// and the state each acknowledgement reported is the state the store holds at that version.
package struct CrashHarness: Sendable {
    package let storePath: String
    package let runner: BinaryRunner

    package init(storePath: String) {
        self.storePath = storePath
        runner = BinaryRunner(store: storePath, clock: nil)
    }

    package struct Figures: Sendable, CustomStringConvertible {
        package var kills = 0
        package var acknowledged = 0
        package var checked = 0
        package var lost = 0
        package var failedVerifications = 0
        package var conflicts = 0
        package var crashes = 0
        package var problems: [String] = []

        package init() {}

        package var description: String {
            "kills=\(kills) acknowledged=\(acknowledged) checked=\(checked) conflicts=\(conflicts) lost=\(lost) crashes=\(crashes) failedVerifications=\(failedVerifications)"
        }
    }

    /// A random mix of the writes operators and tools make, against keys 1…knownKeys.
    package static func workload(count: Int, knownKeys: Int, writer: Int, random: inout SeededRandom) -> [String] {
        (0..<count).map { n in
            let key = Int.random(in: 1...max(1, knownKeys), using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                return "submit --category payment --issue-type refund_request --order-id W\(writer)-\(n)-\(random.next() % 100_000) --details 'writer \(writer) report \(n)'"
            case 4..<7: return "note \(key) 'writer \(writer) note \(n)'"
            case 7: return "resolve \(key) --note 'writer \(writer) resolved'"
            case 8: return "reopen \(key) --note 'writer \(writer) reopened'"
            default: return "dismiss \(key)"
            }
        }
    }

    /// One round: start a writer, let it run for `runMilliseconds`, SIGKILL it, check everything.
    package func killRound(writer: Int, runMilliseconds: Int, random: inout SeededRandom, figures: inout Figures) throws {
        let known = try currentReportCount()
        let commands = Self.workload(count: 400, knownKeys: known, writer: writer, random: &random)
        var environment = runner.environment
        if writer % 2 == 0 { environment["REPORTDESK_CHECKPOINT_BYTES"] = "0" }
        let process = try WriterProcess(binary: runner.path, environment: environment, commands: commands)
        usleep(UInt32(runMilliseconds) * 1000)
        let killed = process.kill()
        figures.kills += killed ? 1 : 0
        let acknowledgements = try process.acknowledgements()
        if !killed, !process.exitedNormally {
            figures.crashes += 1
            figures.problems.append("a writer ended by a signal or with status \(process.exitStatus) before it was killed")
        }
        try check(acknowledgements, figures: &figures)
    }

    /// Several writers at once, not killed: nothing may be lost and no version used twice.
    package func concurrentRound(writers: Int, commandsEach: Int, random: inout SeededRandom, figures: inout Figures) throws {
        let known = try currentReportCount()
        let processes = try (0..<writers).map { writer in
            // Half the writers checkpoint after every commit, racing the others' writes: the
            // write lock must keep that race (SQLite's WAL-reset bug) from ever happening.
            var environment = runner.environment
            if writer % 2 == 0 { environment["REPORTDESK_CHECKPOINT_BYTES"] = "0" }
            return try WriterProcess(binary: runner.path, environment: environment,
                              commands: Self.workload(count: commandsEach, knownKeys: known, writer: writer, random: &random))
        }
        var all: [(command: String, reply: JSONValue)] = []
        for process in processes {
            all += try process.acknowledgements()
            if !process.exitedNormally {
                figures.crashes += 1
                figures.problems.append("a writer ended by a signal or with status \(process.exitStatus)")
            }
        }
        let versions = all.compactMap { $0.reply["error"] == nil ? $0.reply["version"]?.intValue : nil }
        if Set(versions).count != versions.count { figures.problems.append("a version number was acknowledged twice") }
        try check(all, figures: &figures)
    }

    private func currentReportCount() throws -> Int {
        guard FileManager.default.fileExists(atPath: storePath + "/reports.sqlite") else { return 1 }
        return try Store.open(StoreLocation(directory: storePath)).overview(now: Instant(milliseconds: 0)).reports
    }

    private func check(_ acknowledgements: [(command: String, reply: JSONValue)], figures: inout Figures) throws {
        let store = try Store.open(StoreLocation(directory: storePath))
        let (_, checks) = try store.verify()
        if let failed = checks.first(where: { !$0.passed }) {
            figures.failedVerifications += 1
            figures.problems.append("verify: \(failed.name): \(failed.detail)")
        }
        for (command, reply) in acknowledgements {
            figures.acknowledged += 1
            if reply["error"] != nil {
                if reply["error"]?["code"] == -32002 { figures.conflicts += 1 }
                continue
            }
            guard let key = reply["key"]?.intValue, let version = reply["version"]?.intValue else { continue }
            figures.checked += 1
            let stored = try? store.report(.key(key), atVersion: version)
            let expected = [reply["status"]?.stringValue, reply["note"]?.stringValue, reply["details"]?.stringValue]
            let found = [stored?.status.rawValue, stored?.note, stored?.details]
            if stored == nil || expected != found || stored?.version != version {
                figures.lost += 1
                figures.problems.append("acknowledged but not stored at version \(version): \(command)")
            }
        }
    }
}
