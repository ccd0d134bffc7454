import Foundation
import ReportDeskInterpreter
import Synchronization

/// A progress line on stderr for long commands (units done, units/s and, when the total is known,
/// a bar and an ETA), redrawn at most five times a second, at once when a new pass begins, and
/// only when stderr is a terminal. A pass after the main one (an import's index builds) is named
/// in front of its own bar, so the line never sits at 100 % while work goes on.
final class ProgressLine: Sendable {
    private let console: Console
    private let started = Date()
    /// When the line was last drawn (seconds since `started`) and for which pass.
    private let lastDraw = Mutex<(seconds: Double, phase: String?)>((-1, nil))

    init(console: Console) { self.console = console }

    func draw(_ update: ProgressUpdate) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let now = Date().timeIntervalSince(started)
        guard update.finished || lastDraw.withLock({ previous in
            guard now - previous.seconds >= 0.2 || previous.phase != update.phase else { return false }
            previous = (now, update.phase)
            return true
        }) else { return }
        console.err(Self.text(update))
    }

    /// The line for one update, starting with a return and an erase-line so it overwrites the last.
    static func text(_ update: ProgressUpdate) -> String {
        let rate = update.elapsedSeconds > 0 ? Double(update.done) / update.elapsedSeconds : 0
        let phase = update.phase.map { $0 + " " } ?? ""
        guard let total = update.total else {
            if !phase.isEmpty, update.done == 0 { return "\r\u{1B}[2K\(phase.dropLast())…" }
            return "\r\u{1B}[2K\(phase)\(update.done) \(update.unit)  \(Int(rate)) \(update.unit)/s" + (update.finished ? "\n" : "")
        }
        var line = "\r\u{1B}[2K\(phase)"
        if total > 0 {
            let share = min(1, Double(update.done) / Double(total))
            let filled = Int(share * 24)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
                + "] \(Int(share * 100))%  \(update.done)\(phase.isEmpty ? "" : "/\(total)") \(update.unit)"
            if rate > 0, !update.finished { line += ", ETA \(Int((1 - share) * Double(total) / rate)) s" }
        } else {
            line += "\(update.done) \(update.unit)"
        }
        if phase.isEmpty || rate >= 1 { line += "  \(Int(rate)) \(update.unit)/s" }
        if update.finished { line += "\n" }
        return line
    }
}
