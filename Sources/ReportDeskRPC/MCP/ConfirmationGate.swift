import ReportDeskCore
package import ReportDeskInterpreter
import Synchronization

/// The RPC session's interaction: JSON-RPC callers pass explicit parameters and are never asked,
/// while an MCP tool call runs behind this gate so a command's confirmation (a bulk change, see
/// `ReportChange.confirmBulk`) reaches the person through the client instead of going ahead.
package final class ConfirmationGate: Interaction {
    enum Mode: Sendable {
        /// Every question is answered yes (JSON-RPC).
        case allow
        /// The question is recorded and answered no, so nothing changes.
        case ask
        /// The person accepted this question; any other one is recorded and answered no.
        case accepted(String)
    }

    /// A question a command asked and the lines it showed with it.
    struct Question: Sendable, Equatable {
        let text: String
        let details: [String]
    }

    private struct State {
        var mode = Mode.allow
        var asked: Question?
    }

    private let state = Mutex(State())

    package init() {}

    package func confirm(_ question: String, details: [String]) -> Bool {
        state.withLock { state in
            switch state.mode {
            case .allow:
                return true
            case .accepted(let text) where text == question:
                return true
            case .ask, .accepted:
                state.asked = Question(text: question, details: details)
                return false
            }
        }
    }

    package func progress(_ update: ProgressUpdate) {}

    /// Runs `body` in `mode`; the question it asked and was refused, if any.
    func run<Value>(_ mode: Mode, _ body: () -> Value) -> (value: Value, refused: Question?) {
        state.withLock { $0 = State(mode: mode, asked: nil) }
        let value = body()
        let refused = state.withLock { state in
            defer { state = State() }
            return state.asked
        }
        return (value, refused)
    }
}
