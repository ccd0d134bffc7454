import Foundation
import Synchronization

/// SIGTERM and SIGINT while a command streams events: handlers that only set a flag, installed
/// without SA_RESTART so a wait returns at once; the command then ends as if it had finished.
/// Installed only when a command first waits on a stream, so every other command keeps the
/// default handling of both signals.
package enum TerminationSignals {
    private static let raised = Atomic<Bool>(false)
    private static let installed = Mutex(false)

    package static func install() {
        installed.withLock { done in
            guard !done else { return }
            done = true
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in TerminationSignals.raised.store(true, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(SIGTERM, &action, nil)
            sigaction(SIGINT, &action, nil)
        }
    }

    package static var wasRaised: Bool { raised.load(ordering: .relaxed) }
}
