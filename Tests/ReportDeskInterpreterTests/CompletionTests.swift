import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

@Suite("Completion from the declarations")
struct CompletionTests {
    /// Three reports, #1 resolved and #2, #3 pending, over the real store and provider.
    static func desk() throws -> TestDesk {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        try desk.run("resolve 1")
        return desk
    }

    static func completer(_ desk: TestDesk, registry: CommandRegistry = AllCommands.registry) -> Completer {
        Completer(registry: registry, provider: desk.desk.completionProvider(registry: registry),
                  extraFirstWords: [CompletionCandidate("quit", hint: "leave")])
    }

    @Test("what Tab offers at the end of a line", arguments: [
        ("su", ["submit"]),
        ("re", ["reopen", "resolve"]),
        ("appeal ", ["open", "decide"]),
        ("appeal d", ["decide"]),
        ("q", ["quit"]),
        ("list --s", ["--status", "--since", "--sort"]),
        ("list --status ", ["pending", "resolved", "dismissed"]),
        ("list --status pending,", ["pending,resolved", "pending,dismissed"]),
        ("list --status=d", ["--status=dismissed"]),
        ("list --sort d", ["dueAt"]),
        ("list --past-due --l", ["--limit"]),
        ("appeal decide 2 --outcome ", ["upheld", "overturned"]),
        ("submit --category pa", ["payment"]),
        ("submit --category payment --issue-type ch", ["charged_twice"]),
        ("submit --category=community --issue-type h", ["harassment", "hate_speech"]),
        ("list --category experience,payment --issue-type cr", ["crash_or_freeze"]),
        ("show ", ["3", "2", "1"]),
        ("show #", ["#3", "#2", "#1"]),
        ("resolve --ids 3,", ["3,2", "3,1"]),
        ("show 2 ", ["--at"]),
        ("note 2 ", ["--text", "--edit", "--if-version"]),
        ("note 2 -- ", []),
        ("config set ", ["contactEmail"]),
        ("config get c", ["contactEmail"]),
        ("help appeal ", ["open", "decide"]),
        ("help appeal open ", []),
        ("frobnicate ", []),
    ])
    func offers(line: String, expected: [String]) throws {
        let desk = try Self.desk()
        #expect(Self.completer(desk).complete(line).values == expected, "\(line)")
    }

    @Test("help completes command names, then the subcommands of a group")
    func help() throws {
        let completer = Self.completer(try Self.desk())
        #expect(completer.complete("help ").values == AllCommands.registry.firstWords.sorted())
        #expect(completer.complete("help res").values == ["resolve"])
    }

    @Test("a command that is also a group offers its subcommands and its options")
    func commandAndGroup() throws {
        let desk = try Self.desk()
        let values = Self.completer(desk).complete("taxonomy ").values
        #expect(values.first == "add")
        let registry = AllCommands.registry
        let own = try #require(registry.command(method: "taxonomy")).spec.parameters.map(\.flag)
        #expect(Array(values.dropFirst()) == own)
    }

    @Test("the empty line offers every command and group, sorted, with summaries as hints")
    func firstWords() throws {
        let desk = try Self.desk()
        let completion = Self.completer(desk).complete("")
        #expect(completion.values == (AllCommands.registry.firstWords + ["quit"]).sorted())
        #expect(completion.candidates.first { $0.value == "submit" }?.hint == "File one report as a user would")
        #expect(completion.candidates.first { $0.value == "appeal" }?.hint == "appeal open, appeal decide")
    }

    @Test("report keys come pending first, each with its status, kind and text as the hint")
    func reportHints() throws {
        let desk = try Self.desk()
        try desk.run("note 3 \"evil \u{1B}[2J note\"")
        let candidates = Self.completer(desk).complete("show ").candidates
        #expect(candidates.map(\.hint) == [
            "pending · community/harassment · evil ␛[2J note",
            "pending · payment/refund_request · charged twice",
            "resolved · experience/crash_or_freeze · app freezes on the map",
        ])
        let reportID = try #require(desk.run("show 1")["reportId"]?.stringValue)
        #expect(Self.completer(desk).complete("show \(reportID.prefix(4))").values == [reportID])
    }

    @Test("a pending report past its 72 h says so in its hint; a Report ID gets the same hint as its key")
    func pastDueHint() throws {
        let desk = try Self.desk()
        desk.clock.advance(.hours(73))
        let hints = Self.completer(desk).complete("show ").candidates.map(\.hint)
        #expect(hints.first == "pending, past due · community/harassment")
        #expect(hints.last == "resolved · experience/crash_or_freeze · app freezes on the map")
        let reportID = try #require(desk.run("show 1")["reportId"]?.stringValue)
        #expect(Self.completer(desk).complete("show \(reportID)").candidates.map(\.hint) == [hints.last])
    }

    @Test("the word being typed is read like the tokenizer reads it, open quotes included", arguments: [
        (#"submit --category "pa"#, "pa", Character("\"")),
        (#"submit --category 'pa"#, "pa", Character("'")),
        (#"submit --category p\a"#, "pa", nil),
        (#"note 2 "it's"#, "it's", Character("\"")),
    ])
    func partial(line: String, partial: String, quote: Character?) throws {
        let completion = Self.completer(try Self.desk()).complete(line)
        #expect(completion.partial == partial)
        #expect(completion.openQuote == quote)
    }

    @Test("an option spelled as its JSON key (--openId) completes like its kebab flag, as the binder accepts both", arguments: [
        ("list --openId u1 ", "list --open-id u1 "),
        ("submit --category payment --issueType ", "submit --category payment --issue-type "),
        ("submit --category payment --issueType ch", "submit --category payment --issue-type ch"),
        ("list --category=experience --issueType c", "list --category=experience --issue-type c"),
        ("submit --openId u1 --category ", "submit --open-id u1 --category "),
        ("note 2 --ifVersion 3 ", "note 2 --if-version 3 "),
    ])
    func camelSpelling(camel: String, kebab: String) throws {
        let completer = Self.completer(try Self.desk())
        let expected = completer.complete(kebab).values
        #expect(!expected.isEmpty, "\(kebab) offers something")
        #expect(completer.complete(camel).values == expected, "\(camel)")
    }

    @Test("an inline value keeps the flag as typed", arguments: [
        ("list --issueType=cr", ["--issueType=crash_or_freeze"]),
        ("list --issue-type=cr", ["--issue-type=crash_or_freeze"]),
    ])
    func inlineSpelling(line: String, expected: [String]) throws {
        #expect(Self.completer(try Self.desk()).complete(line).values == expected)
    }

    @Test("what follows an option that takes a value is its value, as the binder reads it")
    func optionValueFirst() throws {
        let completer = Self.completer(try Self.desk())
        #expect(completer.complete("list --open-id u1 ").values.contains("--open-id") == false, "given once already")
        #expect(completer.complete("list --status --").values == [], "--status takes the next word as its value")
    }

    @Test("a parameter added to a declaration is completed, with its values")
    func addedParameter() throws {
        let desk = try Self.desk()
        let before = Self.completer(desk, registry: CommandRegistry([ProbeCommand.self]))
        #expect(before.complete("probe 2 --").values == [])
        #expect(before.complete("probe ").values == ["3", "2", "1"])
        let after = Self.completer(desk, registry: CommandRegistry([ProbeCommandWithSeverity.self]))
        #expect(after.complete("probe 2 --").values == ["--severity"])
        #expect(after.complete("probe 2 ").values == ["--severity"])
        #expect(after.complete("probe 2 --severity ").values == ["low", "high"])
        #expect(after.complete("probe 2 --severity=h").values == ["--severity=high"])
        #expect(after.complete("probe 2 --severity high ").values == [])
        #expect(after.complete("").values == ["probe", "quit"])
    }
}
