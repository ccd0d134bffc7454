/// The completion scripts `completion` prints. Each one only reads the line up to the cursor,
/// asks `reportdesk __complete WORDS…` (the words after the program, the last one being typed)
/// and offers what comes back, one `value<TAB>hint` per line, in that order (pending reports
/// first). Values ending in `/` or `=` (a folder, an option written with its value) take no space.
enum ShellCompletionScript {
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish
    }

    /// The name of the hidden entry the scripts call.
    static let entry = "__complete"

    static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: zsh
        case .fish: fish
        }
    }

    private static let bash = #"""
        # bash completion for reportdesk, printed by `reportdesk completion bash`.
        # Install: reportdesk completion bash > ~/.local/share/bash-completion/completions/reportdesk
        # (or add `source <(reportdesk completion bash)` to ~/.bashrc).
        _reportdesk() {
            local line=${COMP_LINE:0:COMP_POINT}
            [[ -n $COMP_LINE ]] || line="${COMP_WORDS[*]:0:COMP_CWORD+1}"
            local cur=${COMP_WORDS[COMP_CWORD]}
            local -a words
            read -r -a words <<< "$line"
            [[ -z $line || $line =~ [[:space:]]$ ]] && words+=("")
            local program=${words[0]}
            [[ $program == "~/"* ]] && program=$HOME/${program:2}
            command -v -- "$program" > /dev/null 2>&1 || program=reportdesk
            # bash splits `--status=d` at `=`: keep only the part of each value it will replace.
            local word=${words[${#words[@]}-1]}
            local keep=$(( ${#word} - ${#cur} ))
            (( keep < 0 )) && keep=0
            COMPREPLY=()
            local value hint nospace=
            while IFS=$'\t' read -r value hint; do
                [[ -n $value ]] || continue
                [[ $value == */ || $value == *= ]] && nospace=1
                value=${value:keep}
                if [[ $value == *[[:space:]\'\"\$\`\\\(\)\&\;\|\<\>]* ]]; then printf -v value %q "$value"; fi
                COMPREPLY+=("$value")
            done < <("$program" \#(entry) "${words[@]:1}" 2> /dev/null)
            [[ -n $nospace ]] && compopt -o nospace 2> /dev/null
            return 0
        }
        complete -o nosort -F _reportdesk reportdesk 2> /dev/null || complete -F _reportdesk reportdesk
        """#

    private static let zsh = #"""
        #compdef reportdesk
        # zsh completion for reportdesk, printed by `reportdesk completion zsh`.
        # Install: reportdesk completion zsh > ~/.zfunc/_reportdesk with fpath=(~/.zfunc $fpath) before
        # compinit in ~/.zshrc (or add `source <(reportdesk completion zsh)` after compinit).
        _reportdesk() {
            local program=${words[1]/#\~/$HOME}
            (( $+commands[$program] )) || [[ -x $program ]] || program=reportdesk
            local -a lines spaced unspaced
            lines=("${(@f)$("$program" \#(entry) "${(@)words[2,CURRENT]}" 2> /dev/null)}")
            local line value hint
            for line in "${lines[@]}"; do
                [[ -n $line ]] || continue
                value=${line%%$'\t'*}
                hint=
                [[ $line == *$'\t'* ]] && hint=${line#*$'\t'}
                value=${value//:/\\:}
                if [[ $value == */ || $value == *= ]]; then
                    unspaced+=("$value${hint:+:$hint}")
                else
                    spaced+=("$value${hint:+:$hint}")
                fi
            done
            local found=1
            (( ${#spaced} )) && _describe -V -t values reportdesk spaced && found=0
            (( ${#unspaced} )) && _describe -V -t paths reportdesk unspaced -S '' && found=0
            return found
        }
        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
            _reportdesk "$@"
        else
            compdef _reportdesk reportdesk
        fi
        """#

    private static let fish = #"""
        # fish completion for reportdesk, printed by `reportdesk completion fish`.
        # Install: reportdesk completion fish > ~/.config/fish/completions/reportdesk.fish
        function __reportdesk_complete
            set -l tokens (commandline -opc)
            set -l program $tokens[1]
            command -q -- $program; or test -x "$program"; or set program reportdesk
            set -l words
            for token in $tokens[2..-1]
                set -a words (string escape -- $token)
            end
            $program \#(entry) $words (commandline -ct) 2>/dev/null
        end
        complete -c reportdesk -f -k -a '(__reportdesk_complete)'
        """#
}
