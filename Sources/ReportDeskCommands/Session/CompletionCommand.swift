import ReportDeskCore
import ReportDeskInterpreter

/// `completion bash|zsh|fish`: the shell's completion script. The script hands every Tab to the
/// binary's hidden `__complete` entry, which answers from the declarations and this store with the
/// REPL's completer, so the shell and the REPL offer the same commands, options, values and keys.
enum CompletionCommand: Command {
    struct Parameters: ParameterSet {
        let shell = Param.choice("shell", ShellCompletionScript.Shell.self, help: "the shell to complete in", required: true,
                                 positional: true)
    }

    static let spec = CommandSpec(
        Self.self, "completion", topic: .session,
        summary: "Print the Tab completion script for bash, zsh or fish",
        discussion: """
            bash: reportdesk completion bash > ~/.local/share/bash-completion/completions/reportdesk (or source <(reportdesk \
            completion bash) in ~/.bashrc). zsh: reportdesk completion zsh > ~/.zfunc/_reportdesk with ~/.zfunc in fpath before \
            compinit (or source <(reportdesk completion zsh) after compinit). fish: reportdesk completion fish > \
            ~/.config/fish/completions/reportdesk.fish. Completion asks the binary on PATH at each Tab, so the script stays \
            right when commands change; report keys come from the store --store, REPORTDESK_STORE or the default names.
            """,
        examples: ["completion bash", "completion zsh", "completion fish"],
        view: VerbatimTextView(), mutates: false)

    static let result = ObjectShape<Script>([
        .field("shell", .oneOf, \.shell),
        .field("text", .string, \.text),
    ]).shape

    struct Script {
        let shell: ShellCompletionScript.Shell
        let text: String
    }

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Script {
        let shell = try arguments.required(\.shell)
        return Script(shell: shell, text: ShellCompletionScript.script(for: shell))
    }
}
