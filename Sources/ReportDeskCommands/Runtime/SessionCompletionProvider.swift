import Foundation
import ReportDeskCore
package import ReportDeskInterpreter
import ReportDeskStore

/// Completion values from the session's desk (its store and folder) and the file system.
package struct SessionCompletionProvider: CompletionProvider {
    package let desk: Desk
    package let registry: CommandRegistry
    /// Whether completing may create the store; a shell's Tab (`__complete`) only reads one that exists.
    package let createsStore: Bool

    package init(desk: Desk, registry: CommandRegistry, createsStore: Bool = true) {
        self.desk = desk
        self.registry = registry
        self.createsStore = createsStore
    }

    /// The store, unless it does not exist yet and completing must not create it.
    private func store() -> Store? {
        guard createsStore || FileManager.default.fileExists(atPath: desk.settings.location.databasePath) else { return nil }
        return try? desk.store()
    }

    package func values(for source: CompletionSource, prefix: String, lineWords: [String]) -> [String] {
        candidates(for: source, prefix: prefix, lineWords: lineWords).map(\.value)
    }

    package func candidates(for source: CompletionSource, prefix: String, lineWords: [String]) -> [CompletionCandidate] {
        switch source {
        case .categories:
            return taxonomy.categories.filter { $0.id.hasPrefix(prefix) }.map { CompletionCandidate($0.id, hint: $0.displayName) }
        case .issueTypes:
            let taxonomy = self.taxonomy
            let chosen = values(of: "category", in: lineWords).compactMap(taxonomy.category(named:))
            var seen = Set<String>()
            return (chosen.isEmpty ? taxonomy.categories : chosen).flatMap(\.issueTypes)
                .filter { $0.id.hasPrefix(prefix) && seen.insert($0.id).inserted }
                .map { CompletionCandidate($0.id, hint: $0.displayName) }
        case .reports:
            return reports(prefix)
        case .snapshots:
            let folder = desk.settings.location.snapshotsDirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(7)) }.filter { $0.hasPrefix(prefix) }.sorted()
                .map { CompletionCandidate($0) }
        case .files:
            return Self.files(prefix).map { CompletionCandidate($0) }
        case .none, .values, .commands:
            // Fixed sets (statuses, outcomes, setting names) are values in their declarations.
            return []
        }
    }

    /// A field the category on the line does not allow (R3) is not offered: after
    /// `--category payment`, no `--screenshot` nor `--report-id`.
    package func offers(_ parameter: ParameterSpec, lineWords: [String]) -> Bool {
        guard let field = ReportField(rawValue: parameter.name) else { return true }
        let taxonomy = self.taxonomy
        let chosen = values(of: "category", in: lineWords).compactMap(taxonomy.category(named:))
        return chosen.isEmpty || chosen.contains { $0.fields.contains(field) }
    }

    private var taxonomy: Taxonomy { (try? store()?.taxonomy()) ?? .builtIn }

    /// Keys (or Report IDs, for a prefix that starts one) pending first, each with its status,
    /// kind and the start of its text as the hint, all from one query; the hint is neutralised
    /// like any report text.
    private func reports(_ prefix: String) -> [CompletionCandidate] {
        guard let found = try? store()?.completionCandidates(prefix: prefix, limit: 50) else { return [] }
        let now = desk.now
        return found.map { candidate in
            var hint = candidate.status.rawValue
            if candidate.isPastDue(at: now) { hint += ", past due" }
            hint += " · \(candidate.category)/\(candidate.issueType)"
            if !candidate.text.isEmpty { hint += " · " + candidate.text }
            return CompletionCandidate(candidate.value, hint: SafeText.line(hint))
        }
    }

    /// Every value given to the parameter `name` on the line (`--category a,b`, `--category=a`,
    /// repeated), read as the binder reads the line.
    private func values(of name: String, in words: [String]) -> [String] {
        guard let (command, arguments) = registry.match(words) else { return [] }
        return CommandLineScan(arguments, spec: command.spec).values(of: name)
            .flatMap { $0.split(separator: ",").map { String($0).trimmed } }
    }

    private static func files(_ prefix: String) -> [String] {
        let expanded = prefix.hasPrefix("~/") ? NSHomeDirectory() + prefix.dropFirst() : prefix
        let folder: String
        let namePrefix: String
        if let slash = expanded.lastIndex(of: "/") {
            folder = String(expanded[...slash])
            namePrefix = String(expanded[expanded.index(after: slash)...])
        } else {
            folder = ""
            namePrefix = expanded
        }
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        let shownFolder = prefix.hasPrefix("~/") ? "~/" + folder.dropFirst(NSHomeDirectory().count + 1) : folder
        return listing.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().prefix(200).map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (folder.isEmpty ? "" : folder) + name, isDirectory: &isDirectory)
            return shownFolder + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
