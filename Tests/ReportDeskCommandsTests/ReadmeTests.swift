import Foundation
import Testing
import ReportDeskCommands
import ReportDeskInterpreter
import ReportDeskTesting

@Suite("The README's command table comes from the declarations")
struct ReadmeTests {
    static let begin = "<!-- commands:begin -->\n"
    static let end = "\n<!-- commands:end -->"

    @Test("README.md holds exactly the table the registry generates")
    func commandTable() throws {
        let readmeFile = GoldenFile("README.md")
        let readme = try #require(readmeFile.read(), "README.md is readable")
        let table = CommandTable.markdown(AllCommands.registry)
        let start = try #require(readme.range(of: Self.begin), "README.md has the commands:begin marker")
        let stop = try #require(readme.range(of: Self.end, range: start.upperBound..<readme.endIndex), "and the commands:end marker after it")
        let refreshed = String(readme[..<start.upperBound]) + table + String(readme[stop.lowerBound...])
        let mismatch = try readmeFile.mismatch(refreshed)
        #expect(mismatch == nil, "the table between the commands markers: \(mismatch ?? "")")
    }
}
