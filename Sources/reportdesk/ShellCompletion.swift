import Foundation
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskREPL

/// The hidden `__complete WORDS…` entry the scripts of `completion` call on every Tab: WORDS are
/// the words after the program as typed, the last one being completed (empty after a space).
/// Global options and their values are completed here; from the command on, the REPL's
/// `Completer` answers over the same declarations and the store the options name, so the shell
/// and the REPL agree. Prints one `value<TAB>hint` per line; never creates a store.
struct ShellCompletion {
    let environment: [String: String]

    /// Words a shell accepts first besides commands.
    static let modeWords = [CompletionCandidate("rpc", hint: "JSON-RPC 2.0 server on standard input and output")]

    func candidates(_ words: [String]) -> [CompletionCandidate] {
        let typed = words.last ?? ""
        let before = Array(words.dropLast())
        var options = GlobalOptions()
        var index = 0
        var awaitingValue: String?
        while index < before.count, before[index].hasPrefix("-"), before[index] != "-", before[index] != "--" {
            let parts = before[index].split(separator: "=", maxSplits: 1).map(String.init)
            let flag = GlobalOptions.flags.first { $0.flag == parts[0] }
            index += 1
            guard let flag, flag.takesValue else { continue }
            let value: String
            if parts.count > 1 {
                value = parts[1]
            } else if index < before.count {
                value = before[index]
                index += 1
            } else {
                awaitingValue = flag.flag
                break
            }
            switch flag.flag {
            case "--store": options.store = Self.unquoted(value)
            case "--tz": options.zoneName = Self.unquoted(value)
            default: break
            }
        }
        if index < before.count, before[index] == "--" { index += 1 }
        let settings = (try? options.sessionSettings(environment: environment))
            ?? { () -> SessionSettings? in
                options.zoneName = nil
                return try? options.sessionSettings(environment: environment)
            }()
        guard let settings else { return [] }
        let desk = Desk(settings: settings)
        let provider = desk.completionProvider(registry: AllCommands.registry, createsStore: false)
        if let awaitingValue {
            return awaitingValue == "--store" ? provider.candidates(for: .files, prefix: typed, lineWords: []) : []
        }
        let commandWords = before[index...]
        if commandWords.isEmpty && typed.hasPrefix("-") {
            return GlobalOptions.flags.filter { $0.flag.hasPrefix(typed) }.map { CompletionCandidate($0.flag, hint: $0.help) }
        }
        let completer = Completer(registry: AllCommands.registry, provider: provider,
                                  extraFirstWords: commandWords.isEmpty ? Self.modeWords : [])
        return completer.complete((commandWords + [typed]).joined(separator: " ")).candidates
    }

    /// A word as typed (`"./my desk"`) as the command line will read it.
    private static func unquoted(_ word: String) -> String {
        let scanned = Tokenizer.scan(word)
        return scanned.words.first ?? scanned.current
    }

    /// The lines a script reads: values with a tab or line break in them cannot be offered.
    static func lines(_ candidates: [CompletionCandidate]) -> String {
        candidates.filter { !$0.value.contains(where: \.isNewline) && !$0.value.contains("\t") }.map { candidate in
            let hint = candidate.hint.replacingOccurrences(of: "\t", with: " ")
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            return hint.isEmpty ? candidate.value + "\n" : candidate.value + "\t" + hint + "\n"
        }.joined()
    }
}
