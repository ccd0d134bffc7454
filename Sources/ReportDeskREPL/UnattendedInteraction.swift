package import ReportDeskInterpreter

/// One-shot commands: never ask (a cron job has no one to answer; its parameters say everything),
/// but show an import's progress when a person is watching stderr.
package final class UnattendedInteraction: Interaction {
    private let progressLine: ProgressLine

    package init(console: Console = .standard) { progressLine = ProgressLine(console: console) }

    package func confirm(_ question: String, details: [String]) -> Bool { true }

    package func progress(_ update: ProgressUpdate) { progressLine.draw(update) }
}
