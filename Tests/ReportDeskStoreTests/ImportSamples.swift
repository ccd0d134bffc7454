import Foundation
import ReportDeskCore
import ReportDeskTesting

/// The sample exports in `Samples/import` and what importing each must give (their README lists
/// the same rows): every awkward row is at a known line.
enum ImportSamples {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/import").path

    static func path(_ name: String) -> String { folder + "/" + name }

    struct Expectation {
        let file: String
        let options: String
        let rows: Int
        let imported: Int
        let duplicates: Int
        /// Line and field of every rejected row, in file order.
        let rejected: [(Int, String?)]
        let ignoredFields: [String]
    }

    static let csv = Expectation(
        file: "console-export.csv", options: "--tz Asia/Tokyo", rows: 295, imported: 284, duplicates: 2,
        rejected: [(46, "category"), (68, "orderId"), (89, "details"), (111, "reportedAt"), (133, "reportedAt"),
                   (176, "issueType"), (197, "status"), (240, "screenshot"), (261, "reportedAt")],
        ignoredFields: [])

    static let jsonLines = Expectation(
        file: "reports.jsonl", options: "", rows: 292, imported: 283, duplicates: 1,
        rejected: [(27, "appeal"), (48, nil), (69, nil), (90, "openId"), (132, "screenshot"), (153, "screenshot"),
                   (216, "processedAt"), (237, "reportedAt")],
        ignoredFields: ["source"])

    static let jsonArray = Expectation(
        file: "reports.json", options: "", rows: 287, imported: 282, duplicates: 1,
        rejected: [(399, "reportId"), (932, "details"), (1198, nil), (1732, "reportedAt")],
        ignoredFields: [])

    static let all = [csv, jsonLines, jsonArray]

    /// Imports one sample into `desk`, returning the result.
    @discardableResult
    static func importInto(_ desk: TestDesk, _ sample: Expectation) throws -> JSONValue {
        try desk.run("import '\(path(sample.file))' \(sample.options)")
    }

    /// A file's lines split on LF, each with its line ending, so line N is `lines[N - 1]`.
    static func lines(of path: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var lines: [String] = []
        var current = ""
        for character in text.unicodeScalars {
            current.unicodeScalars.append(character)
            if character == "\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
