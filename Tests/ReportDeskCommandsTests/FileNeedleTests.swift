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

    @Test("the registry's search tells its progress in bytes up to the total of every file it reads")
    func searchProgress() throws {
        let folder = TemporaryFolder()
        let snapshots = folder.file("snapshots")
        let rejects = folder.file("rejects")
        try FileManager.default.createDirectory(atPath: snapshots, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: rejects, withIntermediateDirectories: true)
        var big = [UInt8](repeating: UInt8(ascii: "."), count: 3 << 20)
        big.replaceSubrange(big.count - 20..<big.count - 11, with: Array("OPEN-X-77".utf8))
        #expect(FileManager.default.createFile(atPath: snapshots + "/monday", contents: Data(big)))
        #expect(FileManager.default.createFile(atPath: snapshots + "/tuesday", contents: Data(repeating: 0x2E, count: 1000)))
        #expect(FileManager.default.createFile(atPath: rejects + "/import.csv", contents: Data("row,OPEN-X-77\n".utf8)))
        var calls: [(searched: Int, total: Int)] = []
        let found = PersonalDataRegistry.storeFiles.forget("OPEN-X-77", in: folder.path) { calls.append(($0, $1)) }
        #expect(found.snapshots == ["monday"])
        #expect(found.others == ["rejects/import.csv"])
        let total = (3 << 20) + 1000 + "row,OPEN-X-77\n".utf8.count
        #expect(calls.allSatisfy { $0.total == total })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.searched < $1.searched }, "only forward")
        #expect(calls.last?.searched == total, "every byte of every file")
        #expect(calls.count >= 4, "a step per chunk of the big file")
    }
}
