import Foundation
import ReportDeskInterpreter

/// Tells the person at a terminal how a whole-store operation is getting on once it has run for
/// about a second (a quick one draws nothing), and stops it between steps on Ctrl-C.
final class ProgressReporter {
    private let context: CommandContext
    private let unit: String
    private let started = Date()
    private var shown = false

    init(_ context: CommandContext, unit: String) {
        self.context = context
        self.unit = unit
    }

    /// One step done: `done` of `total` units (`nil` when the total is not known).
    func step(done: Int, total: Int?) throws {
        try context.checkCancelled()
        let elapsed = Date().timeIntervalSince(started)
        guard shown || elapsed >= 1 else { return }
        shown = true
        context.interaction.progress(ProgressUpdate(done: done, total: total, unit: unit, elapsedSeconds: elapsed, finished: false))
    }

    /// Closes the progress line, if one was drawn.
    func finish(done: Int, total: Int?) {
        guard shown else { return }
        context.interaction.progress(ProgressUpdate(done: done, total: total ?? done, unit: unit,
                                                    elapsedSeconds: Date().timeIntervalSince(started), finished: true))
    }
}
