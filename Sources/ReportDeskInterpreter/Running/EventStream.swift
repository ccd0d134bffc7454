package import ReportDeskCore

/// Where a command that runs on (`watch`) sends what happens, one event at a time, as the front
/// end receives standard input for `import -`: the front end writes each event as one line (its
/// JSON with `--json`, else its text) and tells the command when to end.
package protocol EventStream: Sendable {
    /// Writes one event now.
    func send(_ event: StreamedEvent)
    /// Waits up to `milliseconds` without using the processor; returns why the stream ended when
    /// it did (a signal, the reader gone), else `nil` once the time is up.
    func pause(milliseconds: Int) -> StreamEnd?
}

/// One event in both of its forms; the front end writes the one its output mode asks for.
package struct StreamedEvent: Sendable {
    package let json: JSONValue
    /// The line for people; `nil` when the command was asked for JSON lines whatever the mode.
    package let text: String?

    package init(json: JSONValue, text: String?) {
        self.json = json
        self.text = text
    }
}

/// Why an event stream ended.
package enum StreamEnd: String, Sendable, CaseIterable {
    /// SIGTERM or SIGINT (Ctrl-C).
    case signal
    /// Nobody reads the output any more (the other end of a pipe closed).
    case readerGone
}
