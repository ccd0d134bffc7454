package import ReportDeskCore

/// What a command may ask of the person or program driving it. Script and RPC modes never ask
/// (they pass explicit parameters), so their interaction answers yes and shows no progress.
package protocol Interaction: Sendable {
    /// Asks once before a bulk change; `true` to go ahead.
    func confirm(_ question: String, details: [String]) -> Bool
    /// Reports progress of a long command (import); called at most a few times a second.
    func progress(_ update: ProgressUpdate)
    /// Lets the operator edit text in `$EDITOR`; `nil` when they left it unchanged or gave up.
    func editText(_ text: String, purpose: String) throws(DeskError) -> String?
}

extension Interaction {
    package func editText(_ text: String, purpose: String) throws(DeskError) -> String? {
        throw DeskError.invalidParams(field: "edit", "--edit needs the interactive REPL; give the text instead")
    }
}

package struct ProgressUpdate: Sendable {
    package let done: Int
    /// Total when known, else `nil`.
    package let total: Int?
    package let unit: String
    package let elapsedSeconds: Double
    package let finished: Bool
    /// The pass under way when a command makes several (say, an import's index builds after its
    /// last row); `done`, `total` and `elapsedSeconds` then count within that pass.
    package let phase: String?

    package init(done: Int, total: Int?, unit: String, elapsedSeconds: Double, finished: Bool, phase: String? = nil) {
        self.done = done
        self.total = total
        self.unit = unit
        self.elapsedSeconds = elapsedSeconds
        self.finished = finished
        self.phase = phase
    }
}

/// For script mode, one-shot commands and RPC: never asks, never draws.
package struct SilentInteraction: Interaction {
    package init() {}
    package func confirm(_ question: String, details: [String]) -> Bool { true }
    package func progress(_ update: ProgressUpdate) {}
}
