import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

@Suite("One declaration per command")
struct RegistryTests {
    let registry = AllCommands.registry

    @Test("the registry's declarations are consistent: unique names, summaries, examples, schemas, camelCase parameters")
    func selfTest() {
        #expect(registry.problems().isEmpty, "\(registry.problems())")
    }

    @Test("every command of the contract exists as a method", arguments: [
        "taxonomy", "submit", "list", "search", "show", "note", "resolve", "dismiss", "appeal.open", "appeal.decide",
        "history", "undo", "info", "stats", "reopen", "config.get", "config.set", "diff", "help",
    ])
    func contract(method: String) {
        #expect(registry.command(method: method) != nil)
    }

    @Test("rpc.discover lists every method with a JSON Schema of its parameters made from the declaration")
    func discover() throws {
        let document = OpenRPCDocument.make(registry, version: "test")
        let methods = try #require(document["methods"]?.arrayValue)
        #expect(methods.count == registry.commands.count)
        for (method, spec) in zip(methods, registry.specs) {
            #expect(method["name"] == .string(spec.method))
            let params = try #require(method["params"]?.arrayValue)
            #expect(Set(params.compactMap { $0["name"]?.stringValue }) == Set(spec.parameters.map(\.name)))
            for param in params {
                #expect(param["schema"]?["type"] != nil, "\(spec.method).\(param["name"] ?? .null)")
            }
            #expect(method["result"]?["schema"] != nil)
        }
        let resolve = try #require(methods.first { $0["name"] == "resolve" })
        let ifVersion = try #require(resolve["params"]?.arrayValue?.first { $0["name"] == "ifVersion" })
        #expect(ifVersion["schema"]?["type"] == "integer")
    }

    @Test("the command-line flag is derived from the one parameter name")
    func flags() throws {
        let submit = try #require(registry.command(method: "submit")).spec
        #expect(submit.parameters.map(\.flag).contains("--open-id"))
        #expect(submit.parameters.map(\.flag).contains("--reported-at"))
    }
}

@Suite("Binding parameters from every front end")
struct BindingTests {
    @Test("by name, by position, --name=value, flags and lists all bind the same values")
    func commandLineForms() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let forms = [
            "note 2 refund sent", "note 2 --text 'refund sent'", "note --id 2 --text='refund sent'", "note 2 -- 'refund sent'",
        ]
        for form in forms {
            try desk.run("note 2 other")
            #expect(try desk.run(form)["note"] == "refund sent", "\(form)")
        }
        #expect(try desk.run("list --past-due=false --status pending,resolved --limit 2")["reports"]?.arrayValue?.count == 2)
        #expect(try desk.run("list --status pending --status resolved")["total"] == 3)
    }

    @Test("usage errors name the field and what is accepted", arguments: [
        ("list --colour red", "colour", "unknown option --colour"),
        ("list --limit many", "limit", "an integer"),
        ("list --limit 100000", "limit", "an integer from 1 to 1000"),
        ("list --status open", "status", "pending, resolved, dismissed"),
        ("show", "id", "missing required parameter id"),
        ("show 1 2", "arguments", "unexpected argument"),
        ("list --due-within soon", "dueWithin", "a duration"),
        ("list --since someday", "since", "RFC 3339"),
        ("note 1", "text", "missing the note text"),
        ("resolve", "id", "nothing means all reports"),
        ("resolve 1 --ids 2", "ids", "not both"),
        ("list --limit", "limit", "needs a value"),
        ("list --json", "json", "global options go before the command"),
        ("appeal decide 1 --outcome maybe --note n", "outcome", "upheld, overturned"),
    ])
    func usageErrors(line: String, field: String, message: String) throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let error = try #require(desk.failure(line))
        #expect(error.code == .invalidParams, "\(line): \(error)")
        #expect(error.data?["field"] == .string(field), "\(line): \(error)")
        #expect(error.message.contains(message), "\(line): \(error.message)")
    }

    @Test("JSON params are checked the same way: unknown, missing and mistyped fields are -32602 with data.field", arguments: [
        ("show", JSONValue.object(["id": 1, "colour": "red"]), "colour"),
        ("show", JSONValue.object([:]), "id"),
        ("show", JSONValue.object(["id": true]), "id"),
        ("show", JSONValue.object(["id": 0]), "id"),
        ("list", JSONValue.object(["limit": "10"]), "limit"),
        ("list", JSONValue.object(["limit": .double(1.5)]), "limit"),
        ("list", JSONValue.object(["pastDue": "yes"]), "pastDue"),
        ("list", JSONValue.object(["limit": .number(JSONNumber(lexeme: "1e300"))]), "limit"),
        ("resolve", JSONValue.object(["ids": [1, "x", []]]), "ids"),
        ("note", JSONValue.object(["id": 1, "text": "a\u{0}b"]), "text"),
        ("submit", JSONValue.object(["category": 5, "issueType": "other"]), "category"),
        ("list", JSONValue.string("pending"), "params"),
    ])
    func jsonErrors(method: String, params: JSONValue, field: String) throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        let error = try #require(desk.failure(method, params))
        #expect(error.code == .invalidParams)
        #expect(error.data?["field"] == .string(field), "\(error)")
    }

    @Test("params by position follow the positional parameters' order")
    func positional() throws {
        let desk = TestDesk()
        try desk.submitOneOfEach()
        #expect(try desk.call("note", [1, "by position"])["note"] == "by position")
        #expect(desk.failure("show", [1, 2, 3, 4])?.code == .invalidParams)
    }

    @Test("an id is a key when a number, a Report ID when one matches, else digits are a key")
    func references() throws {
        let desk = TestDesk()
        try desk.run("submit --category experience --issue-type other --report-id 2")
        try desk.run("submit --category experience --issue-type other --report-id R-77")
        #expect(try desk.call("show", ["id": 2])["reportId"] == "R-77", "a JSON number is always a key")
        #expect(try desk.call("show", ["id": "2"])["key"] == 1, "the string 2 is a Report ID here")
        #expect(try desk.call("show", ["id": "1"])["key"] == 1, "digits no Report ID matches are a key")
        #expect(desk.failure("show", ["id": "5"])?.code == .notFound)
        #expect(try desk.run("show '#2'")["key"] == 2)
        #expect(try desk.run("show R-77")["key"] == 2)
        #expect(desk.failure("show R-78")?.code == .notFound)
    }

    @Test("unknown commands suggest the nearest one")
    func unknownCommand() {
        let desk = TestDesk()
        let error = desk.failure("resolv 1")
        #expect(error?.code == .methodNotFound)
        #expect(error?.message.contains("did you mean resolve") == true)
        #expect(desk.failure("appeal")?.message.contains("appeal open") == true)
        #expect(desk.failure("frobnicate", nil)?.code == .methodNotFound)
    }
}

@Suite("Tokenizing command lines like a shell")
struct TokenizerTests {
    @Test("quotes and escapes", arguments: [
        (#"note 17 "it's fixed""#, ["note", "17", "it's fixed"]),
        (#"note 17 'say "hi"'"#, ["note", "17", #"say "hi""#]),
        (#"a\ b c"#, ["a b", "c"]),
        (#"x "a\"b" 'c\d'"#, ["x", #"a"b"#, #"c\d"#]),
        ("  spaced\tout  ", ["spaced", "out"]),
        (#"empty "" ''"#, ["empty", "", ""]),
    ])
    func words(line: String, expected: [String]) throws {
        #expect(try Tokenizer.words(line) == expected)
    }

    @Test("an unterminated quote is a usage error")
    func unterminated() {
        #expect(throws: DeskError.self) { try Tokenizer.words(#"note 1 "open"#) }
    }

    @Test("a trailing backslash continues the line")
    func continuation() {
        #expect(Tokenizer.continues(#"note 17 \"#))
        #expect(!Tokenizer.continues(#"note 17 \\"#))
    }
}
