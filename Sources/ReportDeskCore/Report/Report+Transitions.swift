/// The status and appeal transitions (R5, R7, R10). Each either applies completely or throws a
/// rule error that says what the report's state is; nothing goes back as a side effect.
extension Report {
    package var label: String { "#\(key)" }

    /// Resolves or dismisses a pending report (R5); `note`, if given, is added to the note.
    package mutating func process(as outcome: ReportStatus, at now: Instant, note addition: String?) throws(DeskError) {
        precondition(outcome.isProcessed, "process(as:) takes resolved or dismissed")
        guard status == .pending else {
            let verb = outcome == .resolved ? "resolve" : "dismiss"
            throw DeskError.rule("R5", "cannot \(verb) report \(label): it is already \(status.rawValue); reopen it first",
                                 extra: [("key", .int(key)), ("status", .string(status.rawValue))])
        }
        status = outcome
        processedAt = now
        appendNote(addition)
    }

    /// Makes a processed report pending again, an explicit recorded act (R5).
    package mutating func reopen(note addition: String?) throws(DeskError) {
        guard status.isProcessed else {
            throw DeskError.rule("R5", "cannot reopen report \(label): it is pending, not processed",
                                 extra: [("key", .int(key)), ("status", .string(status.rawValue))])
        }
        if appeal?.status == .open {
            throw DeskError.rule("R10", "cannot reopen report \(label) while its appeal is open; decide the appeal instead",
                                 extra: [("key", .int(key)), ("appeal", "open")])
        }
        status = .pending
        processedAt = nil
        appendNote(addition)
    }

    /// Replaces the note text; allowed at any status (R7).
    package mutating func replaceNote(_ text: String) {
        note = text
    }

    /// Adds a paragraph to the note, keeping what was written before.
    package mutating func appendNote(_ addition: String?) {
        guard let addition, !addition.isEmpty else { return }
        note = note.isEmpty ? addition : note + "\n" + addition
    }

    /// Records a user's appeal (R10): payment-like categories only, after processing, once per decision.
    package mutating func openAppeal(message: String, at now: Instant, category: ReportCategory) throws(DeskError) {
        guard category.appealable else {
            throw DeskError.rule("R10", "appeals are only for payment reports; report \(label) is \(Wording.article(for: category.id)) \(category.id) report",
                                 extra: [("key", .int(key)), ("category", .string(category.id))])
        }
        guard status.isProcessed, let processedAt else {
            throw DeskError.rule("R10", "report \(label) is pending; a user can appeal only after it was processed",
                                 extra: [("key", .int(key)), ("status", .string(status.rawValue))])
        }
        if let appeal {
            if appeal.status == .open {
                throw DeskError.rule("R10", "report \(label) already has an open appeal",
                                     extra: [("key", .int(key)), ("appeal", "open")])
            }
            if let decidedAt = appeal.decidedAt, processedAt <= decidedAt {
                throw DeskError.rule("R10", "the appeal on report \(label) was already decided (\(appeal.status.rawValue)); the user may contact the developer by email",
                                     extra: [("key", .int(key)), ("appeal", .string(appeal.status.rawValue))])
            }
        }
        appeal = Appeal(status: .open, message: message, openedAt: now)
    }

    /// Decides an open appeal (R10): `upheld` keeps the status; `overturned`
    /// turns dismissed into resolved and resolved into pending.
    package mutating func decideAppeal(_ outcome: AppealOutcome, note: String, at now: Instant) throws(DeskError) {
        guard var current = appeal, current.status == .open else {
            throw DeskError.rule("R10", "report \(label) has no open appeal to decide",
                                 extra: [("key", .int(key)), ("appeal", .optional(appeal?.status.rawValue))])
        }
        current.status = outcome == .upheld ? .upheld : .overturned
        current.decidedAt = now
        current.note = note
        appeal = current
        guard outcome == .overturned else { return }
        switch status {
        case .dismissed:
            status = .resolved
            processedAt = now
        case .resolved:
            status = .pending
            processedAt = nil
        case .pending:
            break
        }
    }
}
