import Foundation
import Testing
import ReportDeskCommands
import ReportDeskInterpreter

@Suite("The README's command table comes from the declarations")
struct ReadmeTests {
    @Test("README.md holds exactly the table the registry generates")
    func commandTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = CommandTable.markdown(AllCommands.registry)
        #expect(readme.contains("<!-- commands:begin -->\n" + table + "\n<!-- commands:end -->"),
                "regenerate the README table between the commands markers:\n\(table)")
    }
}
