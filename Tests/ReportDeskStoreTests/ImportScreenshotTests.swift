import Foundation
import Testing
import ReportDeskCore
import ReportDeskStore
import ReportDeskTesting

/// R11 through import: a screenshot path in a row is copied into the store's blobs after its bytes
/// are checked; relative paths stay inside the file's folder and never follow a link; URLs stay
/// references.
@Suite("Import: screenshots are evidence")
struct ImportScreenshotTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR-png".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("jpeg-body".utf8)
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x10, 0, 0, 0] + Array("WEBPVP8 ".utf8)

    /// A desk whose import folder holds `files`, and a function that imports community rows with
    /// the given screenshot cells.
    private func desk(files: [String: [UInt8]]) throws -> (TestDesk, String) {
        let desk = TestDesk()
        let folder = desk.folder.file("export")
        try FileManager.default.createDirectory(atPath: folder + "/shots", withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return (desk, folder)
    }

    private func importRows(_ desk: TestDesk, folder: String, _ screenshots: [String]) throws -> JSONValue {
        var text = "Category,Issue type,Screenshot,Report time\n"
        for (index, shot) in screenshots.enumerated() {
            text += "community,harassment,\(shot),2026-11-01T10:00:\(String(format: "%02d", index))Z\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/rows.csv"))
        return try desk.run("import \(folder)/rows.csv")
    }

    @Test("PNG, JPEG, GIF and WebP are recognised by their bytes, whatever the file is called")
    func imageKinds() throws {
        let (desk, folder) = try desk(files: ["shots/a.png": Self.png, "shots/b.png": Self.jpeg, "shots/c.bin": Self.gif,
                                              "shots/d.webp": Self.webp])
        let result = try importRows(desk, folder: folder, ["shots/a.png", "shots/b.png", "./shots/c.bin", "\(folder)/shots/d.webp"])
        #expect(result["imported"] == 4 && result["rejectedCount"] == 0, "\(result)")
        let reports = try #require(try desk.run("list --category community")["reports"]?.arrayValue)
        #expect(reports.map { $0["screenshot"]?["mediaType"]?.stringValue } == ["image/png", "image/jpeg", "image/gif", "image/webp"])
        for (report, bytes) in zip(reports, [Self.png, Self.jpeg, Self.gif, Self.webp]) {
            let path = try #require(report["screenshot"]?["path"]?.stringValue)
            #expect(path.hasPrefix(desk.location.blobsDirectory + "/"))
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
            #expect(report["screenshot"]?["bytes"]?.intValue == bytes.count && report["screenshot"]?["sha256"]?.stringValue?.count == 64)
        }
    }

    @Test("deleting the original after the import loses nothing (R11)")
    func copiedNotLinked() throws {
        let (desk, folder) = try desk(files: ["shots/a.png": Self.png])
        _ = try importRows(desk, folder: folder, ["shots/a.png", "shots/a.png"])
        try FileManager.default.removeItem(atPath: folder + "/shots/a.png")
        let reports = try #require(try desk.run("list --category community")["reports"]?.arrayValue)
        #expect(reports.count == 2 && reports[0]["screenshot"]?["path"] == reports[1]["screenshot"]?["path"], "one blob for one image")
        #expect(FileManager.default.fileExists(atPath: reports[0]["screenshot"]?["path"]?.stringValue ?? ""))
        #expect(try desk.run("verify")["ok"] == true)
    }

    @Test("a URL is kept as a reference; nothing is fetched")
    func url() throws {
        let (desk, folder) = try desk(files: [:])
        _ = try importRows(desk, folder: folder, ["https://cdn.example.com/x.png"])
        let report = try desk.run("show 1")
        #expect(report["screenshot"]?["url"] == "https://cdn.example.com/x.png" && report["screenshot"]?["sha256"] == .null)
    }

    @Test("not an image, too large, outside the folder, through a link or missing: the row is rejected naming the screenshot")
    func refused() throws {
        let (desk, folder) = try desk(files: ["shots/text.png": Array("hello".utf8), "shots/ok.png": Self.png])
        let big = folder + "/shots/big.png"
        try Data(Self.png).write(to: URL(fileURLWithPath: big))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 10 * 1024 * 1024 + 1)
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: folder + "/shots/link.png", withDestinationPath: folder + "/shots/ok.png")
        let outside = desk.folder.file("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data(Self.png).write(to: URL(fileURLWithPath: outside + "/secret.png"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: outside)
        let result = try importRows(desk, folder: folder, ["shots/text.png", "shots/big.png", "../outside/secret.png",
                                                           "shots/link.png", "linked/secret.png", "shots/none.png", "shots/ok.png"])
        #expect(result["imported"] == 1 && result["rejectedCount"] == 6)
        let rejected = try #require(result["rejected"]?.arrayValue)
        #expect(rejected.allSatisfy { $0["field"] == "screenshot" }, "\(rejected)")
        let reasons = rejected.compactMap { $0["reason"]?.stringValue }
        #expect(reasons[0].contains("not a PNG, JPEG, WebP or GIF"))
        #expect(reasons[1].contains("10485760") && reasons[1].contains("10 MiB"))
        #expect(reasons[2].contains("leaves the import file's folder"))
        #expect(reasons[3].contains("symbolic link") && reasons[4].contains("symbolic link"))
        #expect(reasons[5].contains("does not exist"))
        let blobs = FileManager.default.enumerator(atPath: desk.location.blobsDirectory)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(blobs.filter { $0.hasSuffix(".png") }.count == 1, "only the good image was copied: \(blobs)")
    }
}
