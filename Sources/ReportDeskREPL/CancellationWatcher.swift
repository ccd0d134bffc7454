import Foundation
import ReportDeskInterpreter
import Synchronization

/// Turns Ctrl-C during a running command into a cancellation the command sees at its next check
/// (`CommandContext.checkCancelled`); a write in progress then rolls back.
final class CancellationWatcher: Sendable {
    private let running = Mutex(true)

    init(session: Session) {
        InterruptSignal.reset()
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                if InterruptSignal.wasRaised { session.requestCancel() }
                usleep(50_000)
            }
        }
        thread.start()
    }

    func stop() { running.withLock { $0 = false } }
}
