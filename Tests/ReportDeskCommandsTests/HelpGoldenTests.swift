import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

/// `help`'s text as reviewed snapshot files: the overview, every group and every command, as the
/// `help` command prints them.
@Suite("help output matches its reviewed snapshots")
struct HelpGoldenTests {
    static let folder = "Tests/ReportDeskCommandsTests/Golden/help"

    /// The `help` arguments to snapshot, each with its file name: none for the overview, then each
    /// group, then each command by its method.
    static var pages: [(arguments: String, file: String)] {
        let registry = AllCommands.registry
        let groups = registry.firstWords.filter { !registry.subcommands(of: $0).isEmpty && registry.command(method: $0) == nil }
        return [("", "overview.txt")]
            + groups.map { ($0, "\($0).txt") }
            + registry.specs.map { ($0.name, "\($0.method).txt") }
    }

    @Test("every help page matches its file, and no file is left for a page that is gone")
    func pages() throws {
        let desk = TestDesk()
        for page in Self.pages {
            let text = try #require(desk.run("help \(page.arguments)")["text"]?.stringValue, "help \(page.arguments)")
            let mismatch = try GoldenFile("\(Self.folder)/\(page.file)").mismatch(text + "\n")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
        let strays = try GoldenFile.strays(in: Self.folder, expected: Set(Self.pages.map(\.file)))
        #expect(strays.isEmpty, "snapshots of no help page: \(strays); \(GoldenFile.refreshHint)")
    }
}
