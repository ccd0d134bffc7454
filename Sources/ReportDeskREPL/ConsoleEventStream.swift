import Foundation
import ReportDeskCore
package import ReportDeskInterpreter

/// A command's events written to the console as they happen, one line each: JSON with `--json`,
/// else text. Waiting between looks is one `poll` on standard output, which sleeps and also
/// notices when the reader of a pipe went away; a signal ends the wait at once.
package struct ConsoleEventStream: EventStream {
    private let console: Console
    private let json: Bool
    /// Standard output when it may be a pipe whose reader can go away; `nil` in the REPL.
    private let watchedOutput: Int32?
    /// Whether SIGTERM and SIGINT end the stream (one-shot and script mode; the REPL turns
    /// Ctrl-C into a cancellation the command sees itself).
    private let endsOnSignals: Bool

    package init(console: Console, json: Bool, watchedOutput: Int32?, endsOnSignals: Bool) {
        self.console = console
        self.json = json
        self.watchedOutput = watchedOutput
        self.endsOnSignals = endsOnSignals
    }

    package func send(_ event: StreamedEvent) {
        guard !json, let text = event.text else {
            console.out(JSONWriter.string(event.json) + "\n")
            return
        }
        console.out(text + "\n")
    }

    package func pause(milliseconds: Int) -> StreamEnd? {
        if endsOnSignals { TerminationSignals.install() }
        if endsOnSignals && TerminationSignals.wasRaised { return .signal }
        // Asking for no events still reports POLLERR on a pipe whose reading end closed; with no
        // descriptor (-1) poll only sleeps.
        var watched = pollfd(fd: watchedOutput ?? -1, events: 0, revents: 0)
        let ready = poll(&watched, 1, Int32(milliseconds))
        if endsOnSignals && TerminationSignals.wasRaised { return .signal }
        if ready > 0 && watched.revents & Int16(POLLERR | POLLHUP) != 0 { return .readerGone }
        return nil
    }
}
