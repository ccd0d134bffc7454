import Foundation
package import ReportDeskCommands
import ReportDeskCore

/// The REPL's history of one store, kept in the store's folder so each desk remembers its own
/// commands. Owner-only (lines name users and orders), de-duplicated (a repeated command moves to
/// the end), bounded, and merged with what other sessions on the same store added meanwhile. A line
/// typed with a leading space is not kept, as in bash and fish. Its lines name users, so it is one
/// of the files `erase` walks (`personalDataFile`).
package struct CommandHistory {
    /// The history file: `history` in the store's folder.
    package let path: String
    /// How many entries are kept; older ones fall off.
    package let limit: Int
    /// Oldest first, each at most once.
    package private(set) var entries: [String]
    /// Whether the operator has been told that the file cannot be written; a save that works again
    /// lets the next failure be told too.
    private var toldOfFailure = false
    /// What the operator is to be told, once, about a save that failed.
    private var notice: String?

    /// Enough for weeks of an operator's work; the file stays well under 100 KB.
    package static let defaultLimit = 1000

    /// The file's name in the store's folder.
    package static let fileName = "history"

    /// The history file of the store whose folder is `directory`.
    package static func path(inStore directory: String) -> String { directory + "/" + fileName }

    /// The history among the files `erase` walks: the lines that name the erased user are removed.
    package static let personalDataFile = PersonalDataFile(name: fileName) { text, path in forget(text, in: path) }

    package init(path: String, limit: Int = CommandHistory.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
        entries = Array(Self.load(path).suffix(self.limit))
    }

    /// Adds an entered line; returns whether it was kept.
    @discardableResult
    package mutating func add(_ line: String) -> Bool {
        var kept = line
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        guard !kept.isEmpty, kept.first?.isWhitespace == false else { return false }
        // The file wins over this session's copy, even when empty: `erase` may have removed lines.
        var merged = FileManager.default.fileExists(atPath: path) ? Self.load(path) : entries
        merged.removeAll { $0 == kept }
        merged.append(kept)
        entries = Array(merged.suffix(limit))
        if let failure = save() {
            if !toldOfFailure {
                notice = "The command history could not be saved in \(path): \(failure). "
                    + "Up arrow still recalls this session's lines; lines typed until it can be saved again are not kept after it."
                toldOfFailure = true
            }
        } else {
            toldOfFailure = false
        }
        return true
    }

    /// Once after saving started to fail: what to tell the operator (the lines stay in memory).
    package mutating func takeSaveNotice() -> String? {
        defer { notice = nil }
        return notice
    }

    /// Removes from the history file every entry that mentions `text` (an erased user's Open ID);
    /// returns how many were removed.
    @discardableResult
    package static func forget(_ text: String, in path: String) -> Int {
        guard !text.isEmpty, FileManager.default.fileExists(atPath: path) else { return 0 }
        var history = CommandHistory(path: path, limit: Int.max)
        let before = history.entries.count
        history.entries.removeAll { $0.contains(text) }
        guard history.entries.count < before, history.save() == nil else { return 0 }
        return before - history.entries.count
    }

    /// Writes the whole file next to itself and renames it into place, so a crash or a second
    /// session never leaves half a file; returns why it could not (the file is then as it was).
    private func save() -> String? {
        let temporary = path + ".\(getpid()).tmp"
        let text = entries.map(Self.encode).joined(separator: "\n") + "\n"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return Self.reason(errno) }
        fchmod(descriptor, 0o600)
        var failure = DescriptorWriter.writeAll(Array(text.utf8), to: descriptor)
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        guard let failure else { return nil }
        unlink(temporary)
        return Self.reason(failure)
    }

    private static func reason(_ error: Int32) -> String {
        DescriptorWriter.isDiskFull(error) ? "the disk is full" : String(cString: strerror(error))
    }

    private static func load(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { decode(String($0)) }
    }

    /// One entry per line: backslashes, line feeds and carriage returns are escaped.
    static func encode(_ line: String) -> String {
        var encoded = ""
        for character in line.unicodeScalars {
            switch character {
            case "\\": encoded += "\\\\"
            case "\n": encoded += "\\n"
            case "\r": encoded += "\\r"
            default: encoded.unicodeScalars.append(character)
            }
        }
        return encoded
    }

    static func decode(_ line: String) -> String {
        var decoded = ""
        var escaping = false
        for character in line.unicodeScalars {
            if escaping {
                switch character {
                case "n": decoded += "\n"
                case "r": decoded += "\r"
                default: decoded.unicodeScalars.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                decoded.unicodeScalars.append(character)
            }
        }
        return decoded
    }
}
