import Foundation
import ReportDeskInterpreter

/// Tells the person at a terminal how a whole-store operation is getting on once it has run for
/// about a second (a quick one draws nothing), and stops it between steps on Ctrl-C.
final class ProgressReporter {
    private let context: CommandContext
    private let unit: String
    /// Whether Ctrl-C stops the work between steps; not for work that runs after its change was
    /// committed (what is left only reports on it).
    private let stopsOnInterrupt: Bool
    private let started = Date()
    private var shown = false

    init(_ context: CommandContext, unit: String, stopsOnInterrupt: Bool = true) {
        self.context = context
        self.unit = unit
        self.stopsOnInterrupt = stopsOnInterrupt
    }

    /// The pass under way (`nil` for the main one) and when it began.
    private var phase: String?
    private var phaseStarted = Date()

    /// One step done: `done` of `total` units (`nil` when the total is not known). A later pass
    /// (`phase`, counted in its own `unit`) gets its own bar and ETA.
    func step(done: Int, total: Int?, phase: String? = nil, unit: String? = nil) throws {
        if stopsOnInterrupt { try context.checkCancelled() }
        if phase != self.phase {
            self.phase = phase
            phaseStarted = Date()
        }
        let elapsed = Date().timeIntervalSince(started)
        guard shown || elapsed >= 1 else { return }
        shown = true
        context.interaction.progress(ProgressUpdate(done: done, total: total, unit: unit ?? self.unit,
                                                    elapsedSeconds: Date().timeIntervalSince(phase == nil ? started : phaseStarted),
                                                    finished: false, phase: phase))
    }

    /// Closes the progress line, if one was drawn.
    func finish(done: Int, total: Int?) {
        guard shown else { return }
        context.interaction.progress(ProgressUpdate(done: done, total: total ?? done, unit: unit,
                                                    elapsedSeconds: Date().timeIntervalSince(started), finished: true))
    }
}
