import Testing
@testable import ReportDeskCore

private let reportTime = RFC3339.parse("2026-11-24T09:30:00Z")!

private func submission(_ category: String, _ issueType: String) -> ReportSubmission {
    ReportSubmission(category: category, issueType: issueType, reportedAt: reportTime)
}

private func report(_ category: String = "payment", status: ReportStatus = .pending) -> Report {
    Report(key: 7, category: category, issueType: "other", reportedAt: reportTime, status: status,
           processedAt: status == .pending ? nil : reportTime.adding(.hours(1)))
}

@Suite("R1 and R2: categories and issue types are data")
struct TaxonomyRuleTests {
    @Test("the three built-in categories carry the console's display names")
    func builtIn() {
        let names = Taxonomy.builtIn.categories.map { "\($0.id)=\($0.displayName)" }
        #expect(names == ["experience=Experience and usage", "payment=Payment and orders", "community=Community Guidelines violation"])
    }

    @Test("an unknown category is an R1 error listing the valid ones")
    func unknownCategory() throws {
        let error = try #require(catching(submission("ads", "other")))
        #expect(error.code == .ruleViolated)
        #expect(error.data?["rule"] == "R1")
        #expect(error.data?["valid"] == ["experience", "payment", "community"])
    }

    @Test("an issue type outside the category's list is an R2 error naming the valid ones")
    func wrongIssueType() throws {
        let error = try #require(catching(submission("community", "refund_request")))
        #expect(error.data?["rule"] == "R2")
        #expect(error.data?["valid"]?.arrayValue?.contains("harassment") == true)
        #expect(error.message.contains("harassment"))
    }

    @Test("display names are accepted and normalised to ids")
    func displayNames() throws {
        let valid = try submission("Payment and orders", "Refund request").validated(against: .builtIn)
        #expect(valid.category == "payment" && valid.issueType == "refund_request")
    }

    @Test("a store can add categories and issue types")
    func extend() throws {
        var taxonomy = Taxonomy.builtIn
        taxonomy.merge(ReportCategory(id: "ads", displayName: "Advertisements", issueTypes: [IssueType("misleading", "Misleading ad")],
                                      fields: [.details], appealable: false))
        taxonomy.merge(ReportCategory(id: "payment", displayName: "x", issueTypes: [IssueType("gift_card", "Gift card")], fields: [], appealable: false))
        var ad = submission("ads", "misleading")
        ad.details = "too loud"
        #expect(try ad.validated(against: taxonomy).category == "ads")
        #expect(try submission("payment", "gift_card").validated(against: taxonomy).issueType == "gift_card")
        #expect(taxonomy.category(named: "payment")?.fields == [.details, .orderId], "merging issue types keeps the field rules")
    }
}

@Suite("R3: fields allowed per category")
struct FieldRuleTests {
    static let forbidden: [(String, ReportField)] = Taxonomy.builtIn.categories.flatMap { category in
        ReportField.allCases.filter { !category.fields.contains($0) }.map { (category.id, $0) }
    }

    @Test("every field a category does not allow is refused, naming field and category", arguments: forbidden)
    func refused(category: String, field: ReportField) throws {
        var draft = submission(category, "other")
        switch field {
        case .reportId: draft.reportId = "RPT-1"
        case .details: draft.details = "text"
        case .orderId: draft.orderId = "ORD-1"
        case .screenshot: draft.screenshot = .url("https://example.com/a.png")
        }
        let error = try #require(catching(draft))
        #expect(error.code == .ruleViolated)
        #expect(error.data?["rule"] == "R3")
        #expect(error.data?["field"] == .string(field.rawValue))
        #expect(error.data?["category"] == .string(category))
        #expect(error.message.contains(field.rawValue) && error.message.contains(category))
    }

    @Test("the combinations cover 12 fields minus the 5 allowed ones")
    func coverage() { #expect(Self.forbidden.count == 7) }

    @Test("fields a category allows are kept", arguments: [
        ("experience", ReportField.reportId), ("experience", .details), ("payment", .details), ("payment", .orderId), ("community", .screenshot),
    ])
    func allowed(category: String, field: ReportField) throws {
        var draft = submission(category, "other")
        draft.reportId = field == .reportId ? "RPT-1" : nil
        draft.details = field == .details ? "text" : nil
        draft.orderId = field == .orderId ? "ORD-1" : nil
        draft.screenshot = field == .screenshot ? .url("https://example.com/a.png") : nil
        let valid = try draft.validated(against: .builtIn)
        #expect(valid.category == category)
        #expect(valid.reportId == (field == .reportId ? "RPT-1" : nil))
        #expect(valid.details == (field == .details ? "text" : nil))
        #expect(valid.orderId == (field == .orderId ? "ORD-1" : nil))
        #expect(valid.screenshot == (field == .screenshot ? .url("https://example.com/a.png") : nil))
    }

    @Test("empty optional fields count as absent, and an empty Open ID means not logged in")
    func empties() throws {
        var draft = submission("community", "harassment")
        draft.details = ""
        draft.orderId = ""
        draft.openId = ""
        let valid = try draft.validated(against: .builtIn)
        #expect(valid.details == nil && valid.orderId == nil && valid.openId == nil)
    }

    @Test("text over the documented limits and NUL characters are refused")
    func limits() {
        var long = submission("payment", "other")
        long.details = String(repeating: "x", count: FieldLimits.details + 1)
        #expect(catching(long)?.data?["field"] == "details")
        var nul = submission("payment", "other")
        nul.orderId = "a\u{0}b"
        #expect(catching(nul)?.code == .invalidParams)
    }
}

@Suite("R5: status transitions")
struct TransitionTests {
    @Test("pending reports can be resolved or dismissed", arguments: [ReportStatus.resolved, .dismissed])
    func process(outcome: ReportStatus) throws {
        var pending = report()
        try pending.process(as: outcome, at: reportTime.adding(.hours(2)), note: "done")
        #expect(pending.status == outcome && pending.processedAt == reportTime.adding(.hours(2)) && pending.note == "done")
    }

    @Test("processing a report that is not pending says what its status is", arguments: [
        (ReportStatus.resolved, ReportStatus.resolved), (.resolved, .dismissed), (.dismissed, .resolved), (.dismissed, .dismissed),
    ])
    func forbiddenProcessing(current: ReportStatus, outcome: ReportStatus) {
        var processed = report(status: current)
        let before = processed
        #expect(throws: DeskError.self) { try processed.process(as: outcome, at: reportTime, note: nil) }
        do { try processed.process(as: outcome, at: reportTime, note: nil) } catch {
            #expect(error.data?["rule"] == "R5")
            #expect(error.data?["status"] == .string(current.rawValue))
            #expect(error.message.contains("already \(current.rawValue)"))
        }
        #expect(processed == before, "a refused transition changes nothing")
    }

    @Test("reopening a pending report is refused")
    func reopenPending() {
        var pending = report()
        #expect(throws: DeskError.self) { try pending.reopen(note: nil) }
    }

    @Test("going back is explicit: reopen makes a processed report pending and clears its processing time", arguments: [ReportStatus.resolved, .dismissed])
    func reopen(from status: ReportStatus) throws {
        var processed = report(status: status)
        try processed.reopen(note: "user wrote again")
        #expect(processed.status == .pending && processed.processedAt == nil && processed.note == "user wrote again")
    }

    @Test("a report with an open appeal is decided, not reopened")
    func reopenWithOpenAppeal() throws {
        var processed = report(status: .resolved)
        try processed.openAppeal(message: "no refund", at: reportTime.adding(.hours(3)), category: Taxonomy.builtIn.category(named: "payment")!)
        #expect(throws: DeskError.self) { try processed.reopen(note: nil) }
    }

    @Test("notes are editable at any status (R7)", arguments: ReportStatus.allCases)
    func notes(status: ReportStatus) {
        var any = report(status: status)
        any.replaceNote("first")
        any.appendNote("second")
        #expect(any.note == "first\nsecond" && any.status == status)
    }
}

@Suite("R6: 72 hours, at the exact boundary")
struct DeadlineTests {
    @Test("due time is report time plus 72 h")
    func due() { #expect(RFC3339.format(report().dueAt) == "2026-11-27T09:30:00Z") }

    @Test("pending: not past due at the due instant, past due one millisecond later")
    func pastDue() {
        let pending = report()
        #expect(!pending.isPastDue(at: pending.dueAt.subtracting(DeskDuration(milliseconds: 1))))
        #expect(!pending.isPastDue(at: pending.dueAt))
        #expect(pending.isPastDue(at: pending.dueAt.adding(DeskDuration(milliseconds: 1))))
    }

    @Test("processed reports are never past due; processed late only after the due instant")
    func processedLate() throws {
        var inTime = report()
        try inTime.process(as: .resolved, at: inTime.dueAt, note: nil)
        #expect(!inTime.wasProcessedLate && !inTime.isPastDue(at: inTime.dueAt.adding(.hours(100))))
        var late = report()
        try late.process(as: .dismissed, at: late.dueAt.adding(DeskDuration(milliseconds: 1)), note: nil)
        #expect(late.wasProcessedLate)
        try late.reopen(note: nil)
        #expect(!late.wasProcessedLate && late.isPastDue(at: late.dueAt.adding(.hours(1))), "derived facts follow the state")
    }
}

@Suite("R10: appeals")
struct AppealTests {
    let payment = Taxonomy.builtIn.category(named: "payment")!
    let opened = reportTime.adding(.hours(5))

    @Test("only payment-like categories can be appealed", arguments: ["experience", "community"])
    func category(id: String) {
        var processed = report(id, status: .resolved)
        #expect(throws: DeskError.self) { try processed.openAppeal(message: "m", at: opened, category: Taxonomy.builtIn.category(named: id)!) }
    }

    @Test("only processed reports can be appealed")
    func pending() {
        var pending = report()
        #expect(throws: DeskError.self) { try pending.openAppeal(message: "m", at: opened, category: payment) }
    }

    @Test("overturning changes the status; upholding keeps it", arguments: [
        (ReportStatus.dismissed, AppealOutcome.overturned, ReportStatus.resolved),
        (.resolved, .overturned, .pending),
        (.resolved, .upheld, .resolved),
        (.dismissed, .upheld, .dismissed),
    ])
    func decide(start: ReportStatus, outcome: AppealOutcome, end: ReportStatus) throws {
        var appealed = report(status: start)
        try appealed.openAppeal(message: "please", at: opened, category: payment)
        try appealed.decideAppeal(outcome, note: "checked", at: opened.adding(.hours(1)))
        #expect(appealed.status == end)
        #expect(appealed.appeal?.status.rawValue == outcome.rawValue && appealed.appeal?.note == "checked")
        #expect(appealed.appeal?.decidedAt == opened.adding(.hours(1)))
    }

    @Test("a second appeal needs the report to have been processed again after the decision")
    func secondAppeal() throws {
        var appealed = report(status: .resolved)
        try appealed.openAppeal(message: "one", at: opened, category: payment)
        #expect(throws: DeskError.self) { try appealed.openAppeal(message: "two", at: opened, category: payment) }
        try appealed.decideAppeal(.upheld, note: "stands", at: opened.adding(.hours(1)))
        #expect(throws: DeskError.self) { try appealed.openAppeal(message: "again", at: opened.adding(.hours(2)), category: payment) }

        var overturned = report(status: .resolved)
        try overturned.openAppeal(message: "one", at: opened, category: payment)
        try overturned.decideAppeal(.overturned, note: "redo", at: opened.adding(.hours(1)))
        try overturned.process(as: .resolved, at: opened.adding(.hours(2)), note: nil)
        try overturned.openAppeal(message: "still wrong", at: opened.adding(.hours(3)), category: payment)
        #expect(overturned.appeal?.status == .open)
    }

    @Test("deciding without an open appeal is refused")
    func noAppeal() {
        var processed = report(status: .resolved)
        #expect(throws: DeskError.self) { try processed.decideAppeal(.upheld, note: "n", at: opened) }
    }
}

private func catching(_ draft: ReportSubmission) -> DeskError? {
    do {
        _ = try draft.validated(against: .builtIn)
        return nil
    } catch {
        return error
    }
}
