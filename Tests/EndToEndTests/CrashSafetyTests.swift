import Foundation
import Testing
import ReportDeskTesting

/// SIGKILL at random points loses no acknowledged write and leaves a store
/// that passes verify; concurrent writers lose no update. `Scripts/stress SECONDS` runs the same
/// rounds for longer by setting REPORTDESK_STRESS_SECONDS.
@Suite("Crash safety and concurrent writers", .serialized, .tags(.slow), .skippedInQuickRuns)
struct CrashSafetyTests {
    static var stressSeconds: Double? {
        ProcessInfo.processInfo.environment["REPORTDESK_STRESS_SECONDS"].flatMap(Double.init)
    }

    @Test("at least 50 SIGKILLs at random points: integrity ok after each, nothing acknowledged lost")
    func killedWriters() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["REPORTDESK_STRESS_SEED"] ?? "") ?? 0x5EED_2026
        var random = SeededRandom(seed: seed)
        let folder = TemporaryFolder()
        let harness = CrashHarness(storePath: folder.path + "/store")
        var figures = CrashHarness.Figures()
        let deadline = Date().addingTimeInterval(Self.stressSeconds ?? 0)
        // Writers that end before the kill do not count; this bounds the rounds that may take.
        let giveUp = deadline.addingTimeInterval(600)
        // On a loaded machine a writer acknowledges less before its kill: run more rounds rather
        // than judge the harness by how fast the machine is.
        repeat {
            try harness.killRound(writer: figures.kills % 4, runMilliseconds: Int.random(in: 5...120, using: &random),
                                  random: &random, figures: &figures)
        } while (figures.kills < 50 || figures.checked <= 100 || Date() < deadline) && Date() < giveUp
        print("crash safety (seed \(seed)): \(figures)")
        #expect(figures.lost == 0, "\(figures.problems.prefix(5))")
        #expect(figures.failedVerifications == 0 && figures.crashes == 0, "\(figures.problems.prefix(5))")
        #expect(figures.kills >= 50, "only \(figures.kills) writers were still running when killed within 600 s")
        // The harness must have had acknowledged work to check, or "nothing lost" proves nothing.
        #expect(figures.checked > 100, "the writers did acknowledge work before being killed")
    }

    @Test("4 writer processes at once: no lost update, no version used twice")
    func concurrentWriters() throws {
        var random = SeededRandom(seed: 4)
        let folder = TemporaryFolder()
        let harness = CrashHarness(storePath: folder.path + "/store")
        var figures = CrashHarness.Figures()
        let deadline = Date().addingTimeInterval(Self.stressSeconds ?? 0)
        repeat {
            try harness.concurrentRound(writers: 4, commandsEach: 60, random: &random, figures: &figures)
        } while Date() < deadline
        print("concurrent writers: \(figures)")
        #expect(figures.lost == 0 && figures.crashes == 0 && figures.failedVerifications == 0 && figures.problems.isEmpty,
                "\(figures.problems.prefix(5))")
        #expect(figures.checked > 150)
    }
}
