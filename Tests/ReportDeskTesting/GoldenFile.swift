import Foundation
package import ReportDeskCore

/// A reviewed snapshot file in the repository that a test compares generated text with. With
/// `REPORTDESK_REFRESH_GOLDENS=1` in the environment (`Scripts/refresh-goldens`) the test writes the
/// generated text into the file instead, so refreshing every snapshot is one command.
package struct GoldenFile: Sendable {
    /// The path from the repository root, as shown in failure messages.
    package let path: String

    package init(_ path: String) { self.path = path }

    /// The repository's root folder, found from this source file's place in it.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether this run writes snapshots instead of comparing them.
    package static var refreshing: Bool { ProcessInfo.processInfo.environment["REPORTDESK_REFRESH_GOLDENS"] == "1" }

    /// What to run when a snapshot no longer matches.
    package static let refreshHint = "if the change is intended, run Scripts/refresh-goldens and review the diff"

    var url: URL { Self.repositoryRoot.appendingPathComponent(path) }

    /// The file's text, or `nil` when it does not exist.
    package func read() -> String? { try? String(contentsOf: url, encoding: .utf8) }

    /// Compares `actual` with the file (or writes it when refreshing) and returns why they
    /// differ: the first differing line of each, or `nil` when they match.
    package func mismatch(_ actual: String) throws -> String? {
        if Self.refreshing {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return nil
        }
        guard let expected = read() else { return "\(path) is missing; \(Self.refreshHint)" }
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let shown = { (lines: [Substring]) in line < lines.count ? String(lines[line]) : "(end of text)" }
        return """
            \(path) differs at line \(line + 1):
              file:      \(shown(expectedLines))
              generated: \(shown(actualLines))
            \(Self.refreshHint)
            """
    }

    /// The files in a snapshot folder (by name) that `expected` does not name; a refresh removes them.
    package static func strays(in folder: String, expected: Set<String>) throws -> [String] {
        let url = repositoryRoot.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let strays = names.filter { !expected.contains($0) }.sorted()
        if refreshing {
            for name in strays { try FileManager.default.removeItem(at: url.appendingPathComponent(name)) }
            return []
        }
        return strays
    }

    /// A JSON value laid out for review: two-space indents, members in their order, one per line.
    package static func prettyJSON(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (position, element) in elements.enumerated() {
                out += inner
                write(element, indent: inner, into: &out)
                out += position == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            for (position, member) in object.members.enumerated() {
                out += inner + JSONWriter.string(.string(member.key)) + ": "
                write(member.value, indent: inner, into: &out)
                out += position == object.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += JSONWriter.string(value)
        }
    }
}
