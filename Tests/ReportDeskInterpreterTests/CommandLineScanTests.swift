import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter

@Suite("One scan of a command line for the binder, completion and more")
struct CommandLineScanTests {
    static func scan(_ line: String) throws -> CommandLineScan {
        let words = line.split(separator: " ").map(String.init)
        let (command, arguments) = try #require(AllCommands.registry.match(words))
        return CommandLineScan(arguments, spec: command.spec)
    }

    /// Each item as text: `name=value` (`@` for inline, `!` when the value is missing), `?name`
    /// for an unknown option, the word for a positional, `--` for the end of options.
    static func shape(_ scan: CommandLineScan) -> [String] {
        scan.items.map { item in
            switch item {
            case .option(let option):
                let value = option.value.map { (option.isInline ? "@" : "=") + $0 } ?? (option.parameter.type.isFlag ? "" : "!")
                return option.parameter.name + value
            case .unknownOption(let name, _): return "?" + name
            case .positional(let word, _): return word
            case .endOfOptions: return "--"
            }
        }
    }

    @Test("words become options, values, positionals and the end of options", arguments: [
        ("list --status pending --past-due", ["status=pending", "pastDue"]),
        ("list --openId u1 --open-id=u2", ["openId=u1", "openId@u2"]),
        ("list --pastDue=false --limit", ["pastDue@false", "limit!"]),
        ("note 2 it --text works", ["2", "it", "text=works"]),
        ("note 2 -- --text works", ["2", "--", "--text", "works"]),
        ("search --open-id --cursor crash", ["openId=--cursor", "crash"]),
        ("list --frobnicate 3", ["?frobnicate", "3"]),
    ])
    func items(line: String, expected: [String]) throws {
        #expect(Self.shape(try Self.scan(line)) == expected)
    }

    @Test("an option's words are recorded, so a rewrite drops exactly them")
    func ranges() throws {
        let scan = try Self.scan("list --status pending --limit=2 --cursor c")
        #expect(scan.options.map(\.range) == [0..<2, 2..<3, 3..<5])
        #expect(scan.options.map(\.spelling) == ["--status", "--limit", "--cursor"])
    }

    @Test("positional words fill the positional parameters not given as options")
    func positionals() throws {
        let scan = try Self.scan("note --text fixed 2")
        #expect(scan.positionals == ["2"])
        #expect(scan.openPositionals.map(\.name) == ["id"])
        #expect(scan.values(of: "text") == ["fixed"])
    }

    @Test("the binder reads --openId and --open-id alike")
    func binderSpellings() throws {
        let spec = try #require(AllCommands.registry.command(method: "list")).spec
        let kebab = try CommandLineBinder.bag(["--open-id", "u1", "--past-due"], spec: spec)
        let camel = try CommandLineBinder.bag(["--openId", "u1", "--pastDue"], spec: spec)
        #expect(kebab == camel)
        #expect(kebab["openId"] == "u1")
    }

    @Test("the binder's errors: a missing value, an unknown option, a surplus word", arguments: [
        (["--limit"], "option --limit needs a value"),
        (["--frobnicate"], "unknown option --frobnicate for list"),
        (["extra"], "unexpected argument"),
    ])
    func binderErrors(words: [String], message: String) throws {
        let spec = try #require(AllCommands.registry.command(method: "list")).spec
        let error = #expect(throws: DeskError.self) { try CommandLineBinder.bag(words, spec: spec) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }
}
