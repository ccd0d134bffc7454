import Foundation
import Synchronization

/// Ctrl-C in the REPL: a SIGINT handler that only sets a flag, installed without SA_RESTART so a
/// blocking read returns and the line being typed (or the running command) is abandoned.
enum InterruptSignal {
    private static let raised = Atomic<Bool>(false)

    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in InterruptSignal.raised.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    static var wasRaised: Bool { raised.load(ordering: .relaxed) }
    static func reset() { raised.store(false, ordering: .relaxed) }
}
