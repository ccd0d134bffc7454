import Foundation
import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

/// The manual page shipped as `Samples/man/reportdesk.1` is what `help --man` writes from the
/// declarations (Scripts/refresh-goldens rewrites it).
@Suite("the shipped manual page matches the declarations")
struct ManPageGoldenTests {
    @Test("Samples/man/reportdesk.1 is help --man")
    func shippedPage() throws {
        let page = try #require(TestDesk().run("help --man")["text"]?.stringValue)
        let mismatch = try GoldenFile("Samples/man/reportdesk.1").mismatch(page + "\n")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("every command has its entry, with every option it declares")
    func everyCommand() throws {
        let page = try #require(TestDesk().run("help --man")["text"]?.stringValue)
        for spec in AllCommands.registry.specs {
            #expect(page.contains(".TP\n\\fB" + spec.path.joined(separator: "\\ ") + "\\fR"), "\(spec.name) has no entry")
            for parameter in spec.parameters {
                #expect(page.contains("\\fB" + parameter.flag.replacingOccurrences(of: "-", with: "\\-") + "\\fR"),
                        "\(spec.name) \(parameter.flag)")
            }
        }
    }

    @Test("help --man takes no command")
    func noCommand() {
        #expect(TestDesk().failure("help resolve --man")?.code == .invalidParams)
    }
}
