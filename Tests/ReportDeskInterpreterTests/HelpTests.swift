import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

/// A command declared only for these tests, in two versions: the second adds one parameter to the
/// declaration, and help and completion must show it without any other change.
enum ProbeSeverity: String, CaseIterable, Sendable {
    case low, high
}

enum ProbeCommand: Command {
    struct Parameters: ParameterSet {
        let id = Param.report(help: "the report to probe", required: true)
    }

    static let spec = CommandSpec(Self.self, "probe", topic: .session, summary: "Probe one report (a test command)",
                                  examples: ["probe 17"], mutates: false)
    static let result = ObjectShape<String>([.field("probed", .string) { $0 }]).shape

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> String {
        try arguments.required(\.id).description
    }
}

enum ProbeCommandWithSeverity: Command {
    struct Parameters: ParameterSet {
        let probe = ProbeCommand.Parameters()
        let severity = Param.choice("severity", ProbeSeverity.self, help: "how hard to probe", default: .low)
    }

    static let spec = CommandSpec(Self.self, "probe", topic: .session, summary: "Probe one report (a test command)",
                                  examples: ["probe 17 --severity high"], mutates: false)
    static let result = ObjectShape<(probed: String, severity: ProbeSeverity)>([
        .field("probed", .string) { $0.probed },
        .field("severity", .oneOf) { $0.severity },
    ]).shape

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> (probed: String, severity: ProbeSeverity) {
        (try arguments.group(\.probe).required(\.id).description, try arguments.required(\.severity))
    }
}

@Suite("Help is written from the declarations")
struct HelpTests {
    @Test("a parameter added to a declaration shows in help CMD, its usage and the overview, with nothing else changed")
    func addedParameter() throws {
        let before = HelpText.command(ProbeCommand.spec)
        #expect(!before.contains("--severity"))
        let after = HelpText.command(ProbeCommandWithSeverity.spec)
        #expect(after.contains("Usage: probe ID [--severity CHOICE]"))
        #expect(after.contains("""
              --severity CHOICE
                  how hard to probe
                  choice · optional · default low · allowed: low, high · e.g. low · param severity
            """))
        #expect(after.contains("  probe 17 --severity high"))

        let desk = TestDesk(registry: CommandRegistry(AllCommands.registry.commands + [ProbeCommandWithSeverity.self]))
        let shown = try #require(desk.run("help probe")["text"]?.stringValue)
        #expect(shown == after, "the help command prints the same text")
        let overview = try #require(desk.run("help")["text"]?.stringValue)
        #expect(overview.contains("  probe") && overview.contains("Probe one report (a test command)"))
        #expect(try desk.run("probe 3 --severity high")["severity"] == "high", "and the parser accepts it")
    }

    @Test("help lists every command once, under its topic, with its one-line summary")
    func overview() throws {
        let registry = AllCommands.registry
        let text = HelpText.overview(registry)
        let lines = text.split(separator: "\n").map(String.init)
        var lastTopic = -1
        for topic in CommandSpec.Topic.allCases where registry.specs.contains(where: { $0.topic == topic }) {
            let at = try #require(lines.firstIndex(of: topic.rawValue), "\(topic)")
            #expect(at > lastTopic, "topics in order")
            lastTopic = at
        }
        for spec in registry.specs {
            let matching = lines.filter { $0.hasPrefix("  \(spec.name) ") && $0.hasSuffix(spec.summary) }
            #expect(matching.count == 1, "\(spec.name)")
            let topicLine = try #require(lines.firstIndex(of: spec.topic.rawValue))
            let line = try #require(lines.firstIndex(of: matching.first ?? ""))
            #expect(line > topicLine && !lines[topicLine..<line].contains(where: { !$0.hasPrefix("  ") && $0 != spec.topic.rawValue }),
                    "\(spec.name) is listed under \(spec.topic.rawValue)")
        }
        #expect(text.contains("Tab completes") && text.contains("Ctrl-R") && text.contains("quit or Ctrl-D"))
    }

    @Test("help resolve: usage, every parameter with its type, default, allowed values and an example")
    func resolve() throws {
        let spec = try #require(AllCommands.registry.command(method: "resolve")).spec
        let text = HelpText.command(spec)
        #expect(text.hasPrefix("resolve — Mark pending reports resolved\n\nUsage: \(spec.usage)\n"))
        for parameter in spec.parameters {
            #expect(text.contains(parameter.flag), "\(parameter.name)")
            #expect(text.contains(parameter.help), "\(parameter.name)")
            #expect(text.contains("param \(parameter.name)"), "\(parameter.name)")
        }
        #expect(text.contains("  ID, --id REPORT\n"))
        #expect(text.contains("  --ids LIST-OF-REPORT\n"))
        #expect(text.contains("list, comma-separated or repeated, of a report key (17) or a platform Report ID · optional · e.g. 17,18"))
        #expect(text.contains("an integer from 0 to 2147483647"))
        for example in spec.examples { #expect(text.contains("  " + example)) }
        #expect(text.hasSuffix("JSON-RPC: method resolve, params id, ids, pastDue, category, issueType, openId, orderId, since, until, dueWithin, appeal, matching, dryRun, expectCount, yes, note, ifVersion; changes the store (one new version)"))
    }

    @Test("defaults, allowed values and examples come from the value types", arguments: [
        ("list", "--limit INTEGER", "default 50"),
        ("list", "--status LIST-OF-CHOICE", "allowed: pending, resolved, dismissed · e.g. pending,resolved"),
        ("list", "--sort CHOICE", "allowed: reportedAt, dueAt, status, category, issueType"),
        ("list", "--due-within DURATION", "a duration such as 90m, 6h or 3d · optional"),
        ("list", "--since INSTANT", "a date (2026-11-24: midnight in the display zone), today, yesterday"),
        ("list", "--past-due", "flag (true when given; --name=false also works)"),
        ("submit", "--category TEXT", "required · allowed: the store's categories (taxonomy lists them) · e.g. payment"),
        ("submit", "--issue-type TEXT", "allowed: the issue types of the category (taxonomy lists them)"),
        ("submit", "--screenshot PATH", "e.g. ./evidence.png"),
        ("appeal.decide", "--outcome CHOICE", "required · allowed: upheld, overturned"),
        ("note", "TEXT…, --text TEXT", "text, at most 100000 characters"),
    ])
    func facts(method: String, option: String, fact: String) throws {
        let lines = HelpText.command(try #require(AllCommands.registry.command(method: method)).spec).split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0 == "  " + option || $0.hasPrefix("  " + option + " ") }, "\(method) \(option)")
        let block = lines[at...min(at + 2, lines.count - 1)].joined(separator: "\n")
        #expect(block.contains(fact), "\(block)")
    }

    @Test("help of a group lists its commands")
    func group() throws {
        let desk = TestDesk()
        let text = try #require(desk.run("help appeal")["text"]?.stringValue)
        #expect(text.contains("appeal open") && text.contains("appeal decide"))
        #expect(desk.failure("help nothing")?.code == .methodNotFound)
    }
}
