import Foundation

/// Waits in tests that poll for something another thread or process does, always with a deadline,
/// so a test that would hang fails instead, saying what it waited for.
package enum Polling {
    /// Thrown when the deadline passes first; its description says what never happened.
    package struct TimedOut: Error, CustomStringConvertible {
        package let what: String
        package let seconds: Double
        package var description: String { "timed out after \(seconds) s waiting for \(what)" }
    }

    /// Returns once `condition` holds; checks every `interval` seconds and throws after `timeout`.
    package static func wait(for what: String, timeout: Double = 30, interval: Double = 0.005,
                             until condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { throw TimedOut(what: what, seconds: timeout) }
            usleep(UInt32(interval * 1_000_000))
        }
    }
}
