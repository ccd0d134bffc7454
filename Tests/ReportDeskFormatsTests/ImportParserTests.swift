import Foundation
import Testing
import ReportDeskCore
import ReportDeskFormats
import ReportDeskTesting

/// R13: the readers split every shape of file into the right rows, on bytes, with the right line
/// numbers and the rows' exact bytes for the rejects file.
@Suite("Import parsing: CSV, JSON Lines and JSON arrays on raw bytes")
struct ImportParserTests {
    struct Parsed: Equatable, CustomStringConvertible {
        var line: Int
        var cells: [String]
        var raw: String
        var malformed: Bool
        var description: String { "\(line): \(cells) raw=\(raw.debugDescription)\(malformed ? " malformed" : "")" }
    }

    static func parse(_ bytes: [UInt8]) throws -> (ImportFormat, [Parsed]) {
        try parse(ImportInput.bytes(bytes))
    }

    static func parse(_ input: ImportInput) throws -> (ImportFormat, [Parsed]) {
        let (format, start) = try ImportFormat.detect(input)
        var rows: [Parsed] = []
        try ImportRecords.forEach(input, format: format, start: start) { record in
            let cells = record.cells.indices.map { record.text(ofCell: $0) ?? "<invalid>" }
            rows.append(Parsed(line: record.line, cells: cells, raw: String(decoding: record.raw, as: UTF8.self),
                               malformed: record.malformation != nil))
        }
        return (format, rows)
    }

    static func parse(_ text: String) throws -> (ImportFormat, [Parsed]) { try parse(Array(text.utf8)) }

    @Test("CSV: a byte order mark, CRLF, quoted commas, doubled quotes and line breaks inside cells")
    func awkwardCSV() throws {
        let text = "\u{FEFF}Report ID,Issue type,Report details\r\n"
            + "R-1,crash_or_freeze,\"froze, then \"\"crashed\"\"\"\r\n"
            + "R-2,other,\"two\r\nlines\"\r\n"
            + "\r\n"
            + "R-3,other,plain \"quoted\" word\r\n"
            + "R-4,other,last without line end"
        let (format, rows) = try Self.parse(text)
        #expect(format == .csv)
        #expect(rows.map(\.cells) == [
            ["Report ID", "Issue type", "Report details"],
            ["R-1", "crash_or_freeze", "froze, then \"crashed\""],
            ["R-2", "other", "two\r\nlines"],
            ["R-3", "other", "plain \"quoted\" word"],
            ["R-4", "other", "last without line end"],
        ])
        #expect(rows.map(\.line) == [1, 2, 3, 6, 7], "an embedded line break and a blank line both count as lines")
        #expect(rows[2].raw == "R-2,other,\"two\r\nlines\"\r\n", "the raw row is byte for byte the file's, line ending included")
        #expect(rows.allSatisfy { !$0.malformed })
    }

    @Test("CSV: LF endings, empty cells and a trailing comma keep their positions")
    func emptyCells() throws {
        let (_, rows) = try Self.parse("a,b,c\n1,,3\n,,\n4,5,\n")
        #expect(rows.map(\.cells) == [["a", "b", "c"], ["1", "", "3"], ["", "", ""], ["4", "5", ""]])
        #expect(rows.map(\.line) == [1, 2, 3, 4])
    }

    @Test("CSV: text after a closing quote and an unclosed quote make the row malformed, not guessed")
    func malformedCSV() throws {
        let (_, rows) = try Self.parse("a,b\n\"x\"y,2\n3,4\n5,\"never closed\n6,7\n")
        #expect(rows.map(\.malformed) == [false, true, false, true])
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows[3].raw == "5,\"never closed\n6,7\n", "an unclosed quote runs to the end of the file, kept whole")
    }

    @Test("CSV records that cross the 1 MiB read chunks come out the same as from memory")
    func chunkBoundaries() throws {
        let folder = TemporaryFolder()
        var text = "Report ID,Report details\r\n"
        var expected: [[String]] = [["Report ID", "Report details"]]
        var index = 0
        while text.utf8.count < 3 * 1024 * 1024 {
            let details = String(repeating: "line \(index) \"q\", more\n", count: 1 + index % 700)
            text += "ID-\(index),\"\(details.replacingOccurrences(of: "\"", with: "\"\""))\"\r\n"
            expected.append(["ID-\(index)", details])
            index += 1
        }
        let path = folder.file("big.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (_, fromFile) = try Self.parse(try ImportInput.open(path: path))
        let (_, fromMemory) = try Self.parse(text)
        #expect(fromFile.map(\.cells) == expected)
        #expect(fromFile == fromMemory)
    }

    @Test("JSON Lines: BOM, CRLF and blank lines; each line's number is its own")
    func jsonLines() throws {
        let (format, rows) = try Self.parse("\u{FEFF}{\"a\":1}\r\n\r\n  \n{\"b\":\"x\\ny\"}\r\n{\"c\":3}")
        #expect(format == .jsonLines)
        #expect(rows.map(\.line) == [1, 4, 5])
        #expect(rows.map(\.raw) == ["{\"a\":1}\r\n", "{\"b\":\"x\\ny\"}\r\n", "{\"c\":3}"])
    }

    @Test("JSON array: elements over several lines, brackets and quotes inside strings, line of each element")
    func jsonArray() throws {
        let text = "[\n  {\"details\": \"a ] b } c \\\" d\",\n   \"x\": [1, {\"y\": 2}]},\n  {\"n\": 2},\n\n  {\"n\": 3}\n]\n"
        let (format, rows) = try Self.parse(text)
        #expect(format == .jsonArray)
        #expect(rows.map(\.line) == [2, 4, 6])
        #expect(rows[0].raw == "{\"details\": \"a ] b } c \\\" d\",\n   \"x\": [1, {\"y\": 2}]}")
        #expect(rows[2].raw == "{\"n\": 3}")
    }

    @Test("a JSON array that is broken between elements stops the import with its line")
    func brokenArray() throws {
        for text in ["[{\"a\":1} {\"b\":2}]", "[{\"a\":1},\n{\"b\":2}", "[{\"a\":1}] trailing"] {
            #expect(throws: DeskError.self, "\(text)") { try Self.parse(text) }
        }
        let error = try #require(catchDesk { _ = try Self.parse("[{\"a\":1},\n{\"b\":2} {\"c\":3}]") })
        #expect(error.code == .invalidParams && error.message.contains("line 2"), "\(error.message)")
    }

    @Test("UTF-16 files are refused with what to do instead")
    func utf16() throws {
        let error = try #require(catchDesk { _ = try Self.parse([0xFF, 0xFE, 0x61, 0x00]) })
        #expect(error.message.contains("UTF-16") && error.message.contains("UTF-8"))
    }

    @Test("field names: camelCase, the console's words, any case and punctuation", arguments: [
        ("Report ID", ImportField.reportId), ("reportId", .reportId), ("report_id", .reportId), ("Open ID", .openId),
        ("Issue type", .issueType), ("Report details", .details), ("Report time", .reportedAt), ("reportedAt", .reportedAt),
        ("Order ID", .orderId), ("Screenshot", .screenshot), ("Status", .status), ("Category", .category),
        ("processedAt", .processedAt), ("Processed time", .processedAt), ("NOTE", .note), ("Appeal status", .appealStatus),
        ("dueAt", .derived), ("Due time", .derived),
    ])
    func fieldNames(name: String, field: ImportField) {
        #expect(ImportField.named(name) == field)
    }

    @Test("an unknown field name is not mistaken for one the desk knows")
    func unknownField() {
        #expect(ImportField.named("Region") == nil)
        #expect(ImportField.named("More options") == nil)
    }

    @Test("formula neutralisation round-trips", arguments: [
        "=HYPERLINK(\"x\")", "+1", "-2 stars", "@SUM(A1)", "\tindent", "\rcr", "'quoted", "''twice", "plain", "", "'=already",
    ])
    func neutralisation(text: String) {
        let written = CSVCellText.neutralised(text)
        if let first = text.unicodeScalars.first, "=+-@\t\r'".unicodeScalars.contains(first) {
            #expect(written == "'" + text)
        } else {
            #expect(written == text)
        }
        #expect(CSVCellText.restored(written) == text)
    }
}

/// The DeskError a throwing body fails with, or nil.
func catchDesk(_ body: () throws -> Void) -> DeskError? {
    do {
        try body()
        return nil
    } catch let error as DeskError {
        return error
    } catch {
        return nil
    }
}
