import Foundation
import ReportDeskInterpreter
import Synchronization

/// A progress line on stderr for long imports (rows, rows/s and, when the size is known, a bar and
/// an ETA), redrawn at most five times a second and only when stderr is a terminal.
final class ProgressLine: Sendable {
    private let console: Console
    private let lastDraw = Mutex<Double>(-1)

    init(console: Console) { self.console = console }

    func draw(_ update: ProgressUpdate) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let now = update.elapsedSeconds
        guard update.finished || lastDraw.withLock({ previous in
            guard now - previous >= 0.2 else { return false }
            previous = now
            return true
        }) else { return }
        let rate = update.elapsedSeconds > 0 ? Double(update.done) / update.elapsedSeconds : 0
        var line = "\r\u{1B}[2K\(update.done) \(update.unit)"
        if let total = update.total, total > 0 {
            let share = min(1, Double(update.done) / Double(total))
            let filled = Int(share * 24)
            line = "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
                + "] \(Int(share * 100))%  \(update.done) \(update.unit)"
            if rate > 0, !update.finished { line += ", ETA \(Int((1 - share) * Double(total) / rate)) s" }
        }
        line += "  \(Int(rate)) \(update.unit)/s"
        if update.finished { line += "\n" }
        console.err(line)
    }
}
