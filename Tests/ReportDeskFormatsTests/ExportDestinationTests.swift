import Foundation
import Testing
import ReportDeskCore
import ReportDeskFormats

@Suite("Export destinations")
struct ExportDestinationTests {
    @Test("a full disk is the store-unavailable error in the store's words, not a parameter error",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func diskFull() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let destination = ExportDestination.descriptor(fd)
        #expect(throws: DeskError.diskFull) {
            try destination.write(Array(repeating: UInt8(ascii: "x"), count: 100))
            try destination.finish()
        }
        #expect(DeskError.diskFull.code == .storeUnavailable)
    }
}
