import Foundation
import Testing
import ReportDeskCommands
import ReportDeskTesting

/// `erase` looks for a user's data in snapshots a chunk at a time; a match must not slip between chunks.
@Suite("Finding a text in a file a chunk at a time")
struct FileNeedleTests {
    @Test("a text is found wherever it lies: inside one chunk, across two, at the very end; never when absent")
    func everyPosition() throws {
        let folder = TemporaryFolder()
        let needle = "OPEN-X-77"
        let filler = [UInt8](repeating: UInt8(ascii: "."), count: 100)
        for offset in [0, 10, 28, 29, 31, 32, 33, 63, 64, 91] {
            var bytes = filler
            bytes.replaceSubrange(offset..<(offset + needle.utf8.count), with: Array(needle.utf8))
            let path = folder.file("at-\(offset)")
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(FileNeedle(needle, chunkSize: 32).isFound(in: path), "offset \(offset)")
            #expect(FileNeedle(needle).isFound(in: path), "offset \(offset), one chunk")
        }
        var cut = filler
        cut.replaceSubrange(28..<36, with: Array("OPEN-X-7".utf8))
        let almost = folder.file("almost")
        #expect(FileManager.default.createFile(atPath: almost, contents: Data(cut)))
        #expect(!FileNeedle(needle, chunkSize: 32).isFound(in: almost))
        #expect(!FileNeedle(needle).isFound(in: folder.file("missing")))
    }
}
