import Foundation
import ReportDeskCore
import ReportDeskStore

/// Answers dynamic completion sources (categories, issue types, report keys, …).
package protocol CompletionProvider: Sendable {
    func values(for source: CompletionSource, prefix: String, lineWords: [String]) -> [String]
}

/// Tab completion from the declarations (issue on the REPL): command and group names, option names
/// of the command being typed, option values and report keys. Front-end agnostic; the REPL asks it.
package struct Completer: Sendable {
    package let registry: CommandRegistry
    package let provider: any CompletionProvider
    /// Words the REPL accepts besides commands.
    package let extraFirstWords: [String]

    package init(registry: CommandRegistry, provider: any CompletionProvider, extraFirstWords: [String] = []) {
        self.registry = registry
        self.provider = provider
        self.extraFirstWords = extraFirstWords
    }

    /// Candidates replacing the word being typed at the end of `line`, sorted, each complete.
    package func candidates(for line: String) -> (partial: String, candidates: [String]) {
        let (words, partial) = Self.split(line)
        return (partial, complete(words: words, partial: partial))
    }

    private func complete(words: [String], partial: String) -> [String] {
        if words.isEmpty {
            return filter(registry.firstWords + extraFirstWords, partial)
        }
        if words.count == 1, !registry.subcommands(of: words[0]).isEmpty, registry.command(method: words[0]) == nil {
            return filter(registry.subcommands(of: words[0]), partial)
        }
        guard let (command, arguments) = registry.match(words) else { return [] }
        let spec = command.spec
        if partial.hasPrefix("--") {
            if let equals = partial.firstIndex(of: "=") {
                let flag = String(partial[..<equals])
                let valuePrefix = String(partial[partial.index(after: equals)...])
                guard let parameter = spec.parameters.first(where: { $0.flag == flag }) else { return [] }
                return values(for: parameter, prefix: valuePrefix, words: words).map { flag + "=" + $0 }
            }
            let given = Set(arguments.filter { $0.hasPrefix("--") }.map { String($0.split(separator: "=")[0]) })
            let flags = spec.parameters.filter { !given.contains($0.flag) || $0.type.element != nil }.map(\.flag)
            return filter(flags, partial)
        }
        if let last = arguments.last, last.hasPrefix("--"), !last.contains("="),
           let parameter = spec.parameters.first(where: { $0.flag == last }), !parameter.type.isFlag {
            return values(for: parameter, prefix: partial, words: words)
        }
        let positionalCount = positionalWords(arguments, spec: spec)
        let positional = spec.positionalParameters
        if positionalCount < positional.count {
            let parameter = positional[positionalCount]
            let found = values(for: parameter, prefix: partial, words: words)
            if !found.isEmpty || !partial.isEmpty { return found }
        } else if let last = positional.last, last.takesRest, positionalCount > 0 {
            return []
        }
        return partial.isEmpty ? spec.parameters.filter { !$0.isPositional }.map(\.flag) : []
    }

    private func positionalWords(_ arguments: [String], spec: CommandSpec) -> Int {
        var count = 0
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("--") {
                if !word.contains("="), let parameter = spec.parameters.first(where: { $0.flag == word }), !parameter.type.isFlag {
                    index += 1
                }
            } else {
                count += 1
            }
            index += 1
        }
        return count
    }

    private func values(for parameter: ParameterSpec, prefix: String, words: [String]) -> [String] {
        switch parameter.type.completion {
        case .none: return []
        case .values(let values): return filter(values, prefix)
        case .commands: return filter(registry.specs.map(\.name).filter { !$0.contains(" ") } + registry.firstWords, prefix)
        case let source: return provider.values(for: source, prefix: prefix, lineWords: words)
        }
    }

    private func filter(_ candidates: [String], _ prefix: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }

    /// Splits a line leniently (an open quote is fine) into complete words and the word being typed.
    package static func split(_ line: String) -> (words: [String], partial: String) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping { current.append(character); escaping = false; continue }
            if character == "\\", quote != "'" { escaping = true; continue }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "'" || character == "\"" { quote = character; continue }
            if character.isWhitespace {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        return (words, current)
    }
}

/// Completion values from the session's store and the file system.
package struct SessionCompletionProvider: CompletionProvider {
    package let session: Session

    package init(session: Session) { self.session = session }

    package func values(for source: CompletionSource, prefix: String, lineWords: [String]) -> [String] {
        switch source {
        case .categories:
            let taxonomy = (try? session.store().taxonomy()) ?? .builtIn
            return taxonomy.categoryIDs.filter { $0.hasPrefix(prefix) }
        case .issueTypes:
            let taxonomy = (try? session.store().taxonomy()) ?? .builtIn
            let chosen = Self.value(of: "--category", in: lineWords).flatMap(taxonomy.category(named:))
            let categories = chosen.map { [$0] } ?? taxonomy.categories
            var seen = Set<String>()
            return categories.flatMap(\.issueTypes).map(\.id).filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
        case .reports:
            return (try? session.store().completionCandidates(prefix: prefix.hasPrefix("#") ? String(prefix.dropFirst()) : prefix,
                                                              limit: 50)) ?? []
        case .settings:
            return ["contactEmail", "timeZone"].filter { $0.hasPrefix(prefix) }
        case .snapshots:
            let folder = session.settings.location.snapshotsDirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(7)) }.filter { $0.hasPrefix(prefix) }.sorted()
        case .files:
            return Self.files(prefix)
        case .none, .values, .commands:
            return []
        }
    }

    private static func value(of flag: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == flag, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(flag + "=") { return String(word.dropFirst(flag.count + 1)) }
        }
        return nil
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
            _ = FileManager.default.fileExists(atPath: folder + name, isDirectory: &isDirectory)
            return shownFolder + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
