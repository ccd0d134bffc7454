import Foundation

/// Whether this process's standard input or output is free to carry a command's data (`import -`,
/// `export` without `--out`). Front ends use them too: script mode reads its commands from stdin,
/// and `rpc` speaks the protocol on both. So stdin is free only when the process runs the one
/// command `import` (`reportdesk import - < file`), and stdout only outside `rpc`. The words are
/// read from the process's arguments the way the global options are (INTERFACE.md).
enum ImportExportStreams {
    /// The command words after the global options; `nil` when the arguments are not a
    /// `reportdesk` command line (an in-process test runner, say), which frees nothing.
    static func commandWords(_ arguments: [String] = CommandLine.arguments) -> [String]? {
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            guard word.hasPrefix("-"), word != "-" else { break }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            switch name {
            case "--store", "--tz", "--actor": index += word.contains("=") ? 1 : 2
            case "--json", "--keep-going": index += 1
            case "--": return Array(arguments[(index + 1)...])
            default: return nil
            }
        }
        return index <= arguments.count ? Array(arguments[min(index, arguments.count)...]) : nil
    }

    /// `reportdesk [options] import …`: this process exists to run the import, so stdin is its data.
    static func standardInputIsFree(_ arguments: [String] = CommandLine.arguments) -> Bool {
        commandWords(arguments)?.first == "import"
    }

    /// One-shot `export`, script mode and the REPL print to stdout; `rpc` does not.
    static func standardOutputIsFree(_ arguments: [String] = CommandLine.arguments) -> Bool {
        guard let words = commandWords(arguments) else { return false }
        return words.isEmpty || words.first == "export"
    }
}
