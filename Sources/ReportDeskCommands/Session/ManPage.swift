import ReportDeskCore
import ReportDeskInterpreter

/// `reportdesk(1)` in roff (`man(7)` macros), written from the declarations like `help`: every
/// command with its usage and parameters. The sections around them (modes, environment, the
/// store's files, exit status) say what the README's Modes, Environment and The store say.
enum ManPage {
    static func render(_ registry: CommandRegistry) -> String {
        var page: [String] = [
            #".TH REPORTDESK 1 "" "reportdesk \#(ReportDeskVersion.current)" "User Commands""#,
            ".SH NAME",
            #"reportdesk \- handle the user reports of TikTok Minis mini apps"#,
            ".SH SYNOPSIS",
        ]
        page += synopsis
        page += [".SH DESCRIPTION"] + description
        page += [".SH OPTIONS", "Global options go before the command."] + globalOptions.flatMap { item($0.0, $0.1) }
        page += [".SH COMMANDS"] + commandsIntroduction
        for topic in CommandSpec.Topic.allCases {
            let specs = registry.specs.filter { $0.topic == topic }
            guard !specs.isEmpty else { continue }
            page.append(".SS \(escape(topic.rawValue))")
            for spec in specs { page += command(spec) }
        }
        page += [".SH ENVIRONMENT"] + environment.flatMap { item(bold($0.0), $0.1) }
        page += [".SH FILES"] + files.flatMap { item(italic($0.0), $0.1) }
        page += [".SH EXIT STATUS"] + exitStatus.flatMap { item(bold($0.0), $0.1) }
        page += [".SH EXAMPLES"] + examples(registry)
        page += [".SH SEE ALSO", #"\fBsqlite3\fR(1), \fBjq\fR(1); \fBreportdesk help\fR \fICOMMAND\fR"#]
        return page.joined(separator: "\n")
    }

    // MARK: Sections

    private static let synopsis = [
        #".B reportdesk"#,
        #"[\fB\-\-store\fR \fIPATH\fR] [\fB\-\-json\fR] [\fB\-\-tz\fR \fIZONE\fR] [\fB\-\-actor\fR \fINAME\fR] [\fB\-\-keep\-going\fR]"#,
        #"[\fICOMMAND\fR [\fIARGS\fR...]]"#,
        ".br",
        #".B reportdesk"#,
        #"[\fIOPTIONS\fR] \fBrpc\fR"#,
        ".br",
        #".B reportdesk"#,
        #"\fBcompletion\fR \fBbash\fR|\fBzsh\fR|\fBfish\fR"#,
    ]

    private static let description: [String] = [
        "ReportDesk keeps the user reports a mini app receives in one versioned store:",
        "every change is a numbered version that can be inspected, compared and undone.",
        "The same commands run in four modes:",
    ] + [
        (#"\fBreportdesk\fR on a terminal"#, "an interactive REPL with Tab completion and a history."),
        (#"\fBreportdesk\fR < \fIcommands.txt\fR"#,
         #"script mode: one command per line, \fB#\fR comments, a trailing backslash continues; stops at the first failure unless \fB\-\-keep\-going\fR."#),
        (#"\fBreportdesk\fR \fICOMMAND\fR [\fIARGS\fR...]"#, "one-shot: one command, then exit."),
        (#"\fBreportdesk rpc\fR"#,
         #"a JSON-RPC 2.0 server on standard input and output (also the Model Context Protocol); every command is a method of the same name, its options the parameters by name (\fB\-\-open\-id\fR is \fBopenId\fR)."#),
    ].flatMap { item($0.0, $0.1) }

    private static let globalOptions: [(String, String)] = [
        (#"\fB\-\-store\fR \fIPATH\fR"#,
         #"The store folder; else \fB$REPORTDESK_STORE\fR, else \fB$XDG_DATA_HOME/reportdesk\fR or \fB~/.local/share/reportdesk\fR."#),
        (#"\fB\-\-json\fR"#,
         #"One JSON value per command, the value the JSON-RPC method returns; errors as \fB{"error":{code,message,data}}\fR."#),
        (#"\fB\-\-tz\fR \fIZONE\fR"#, #"The zone times are shown and read in (an IANA name or an offset); else \fB$TZ\fR."#),
        (#"\fB\-\-actor\fR \fINAME\fR"#, #"Who is recorded in every version; else \fB$REPORTDESK_ACTOR\fR, else the login name."#),
        (#"\fB\-\-keep\-going\fR"#, "In script mode, run on after a failing command."),
        (#"\fB\-\-version\fR"#, "Print the version and exit."),
    ]

    private static let commandsIntroduction = [
        "Positional parameters may also be given as options;",
        #"a flag takes \fB\-\-name=false\fR too; a list is comma-separated or the option repeated."#,
        #"An \fIID\fR is a report's local key (\fB17\fR or \fB#17\fR) or its platform Report ID."#,
        #"\fB\-\-if\-version\fR \fIN\fR makes a change fail with a conflict when the report changed after version \fIN\fR."#,
    ]

    private static let environment: [(String, String)] = [
        ("REPORTDESK_STORE", #"The store folder when \fB\-\-store\fR is not given."#),
        ("REPORTDESK_ACTOR", #"Who acts when \fB\-\-actor\fR is not given."#),
        ("REPORTDESK_LOCK_TIMEOUT", "Seconds a write waits for another process's write (default 10)."),
        ("REPORTDESK_CHECKPOINT_BYTES", "WAL size after which a write checkpoints and truncates the WAL (default 1 MiB; 0: every write)."),
        ("REPORTDESK_CLOCK",
         #"A fixed \(lqnow\(rq (RFC 3339) for demos and tests of the 72-hour rule; \fBwatch\fR starts its clock there and lets it run on."#),
        ("TZ", #"The display time zone when \fB\-\-tz\fR is not given."#),
        ("NO_COLOR", "No colours, even on a terminal."),
        ("EDITOR, VISUAL", #"The editor for \fBnote\fR \fIID\fR \fB\-\-edit\fR."#),
    ]

    private static let files: [(String, String)] = [
        ("STORE/", "The store folder (mode 0700; its files 0600)."),
        ("STORE/reports.sqlite", "The reports, their versions and settings (SQLite in WAL mode)."),
        ("STORE/store.lock", "The lock every write and checkpoint holds, so several processes can share the store."),
        ("STORE/blobs/", "Screenshots, by content."),
        ("STORE/snapshots/", #"Copies saved by \fBsnapshot save\fR."#),
        ("STORE/rejects/", #"The rows an \fBimport\fR refused, with the reasons."#),
        ("STORE/history", #"The REPL's command history (\fBerase\fR removes the lines that name the erased user)."#),
    ]

    private static let exitStatus: [(String, String)] = [
        ("0", "Success."),
        ("1", "A command failed."),
        ("2", "A usage error: an unknown command or option, a parameter of the wrong kind."),
    ]

    /// The examples of a few commands, as shell lines, then a piped use.
    private static func examples(_ registry: CommandRegistry) -> [String] {
        var lines: [String] = []
        for method in ["list", "resolve", "watch"] {
            guard let spec = registry.command(method: method)?.spec else { continue }
            for example in spec.examples.prefix(2) { lines += [".PP", ".nf", escape("reportdesk " + example), ".fi"] }
        }
        lines += [".PP", "What falls due in the next 6 hours, as JSON for the next tool:", ".nf",
                  escape(#"reportdesk --json list --due-within 6h --sort dueAt | jq -r '.reports[] | "\(.key)\t\(.dueAt)"'"#),
                  ".fi",
                  ".PP", "Tab completion for bash (zsh and fish in the same way):", ".nf",
                  escape("reportdesk completion bash > ~/.local/share/bash-completion/completions/reportdesk"), ".fi"]
        return lines
    }

    // MARK: One command

    /// The usage line as a tag, the summary and discussion, then each parameter as an indented item.
    private static func command(_ spec: CommandSpec) -> [String] {
        var lines = [".TP", usage(spec), escape(spec.summary) + "."]
        if !spec.discussion.isEmpty { lines += [".IP", escape(spec.discussion)] }
        guard !spec.parameters.isEmpty else { return lines }
        lines.append(".RS")
        for parameter in spec.parameters {
            var text = escape(parameter.help)
            if let allowed = parameter.type.allowedValues, !parameter.type.isFlag {
                text += "; one of " + allowed.map(bold).joined(separator: ", ")
            }
            if let value = parameter.defaultValue, !parameter.type.isFlag {
                text += "; default " + bold(value.stringValue ?? JSONWriter.string(value))
            }
            if parameter.isRequired { text += " (required)" }
            lines += item(names(parameter), text + ".")
        }
        lines.append(".RE")
        return lines
    }

    /// `\fBresolve\fR [\fIID\fR] [\fB\-\-note\fR \fITEXT\fR]…`
    private static func usage(_ spec: CommandSpec) -> String {
        // A group's command stays one unit when lines are filled (`taxonomy\ add`).
        var parts = [#"\fB"# + spec.path.map(escape).joined(separator: #"\ "#) + #"\fR"#]
        for parameter in spec.positionalParameters {
            let word = italic(placeholder(parameter)) + (parameter.takesRest ? "..." : "")
            parts.append(parameter.isRequired ? word : "[\(word)]")
        }
        for parameter in spec.parameters where !parameter.isPositional {
            let option = bold(parameter.flag) + (parameter.type.isFlag ? "" : " " + italic(value(parameter.type)))
            parts.append(parameter.isRequired ? option : "[\(option)]")
        }
        return parts.joined(separator: " ")
    }

    private static func names(_ parameter: ParameterSpec) -> String {
        var option = bold(parameter.flag)
        if !parameter.type.isFlag { option += " " + italic(value(parameter.type)) }
        guard parameter.isPositional else { return option }
        return italic(placeholder(parameter)) + ", " + option
    }

    private static func placeholder(_ parameter: ParameterSpec) -> String {
        ParameterSpec.kebab(parameter.name).uppercased()
    }

    private static func value(_ type: ValueType) -> String {
        type.name.uppercased().split(separator: " ").joined(separator: "-")
    }

    // MARK: roff

    /// A tagged paragraph: the tag on its own line, the text indented under it.
    private static func item(_ tag: String, _ text: String) -> [String] { [".TP", tag, text] }

    private static func bold(_ text: String) -> String { #"\fB"# + escape(text) + #"\fR"# }
    private static func italic(_ text: String) -> String { #"\fI"# + escape(text) + #"\fR"# }

    /// Text from a declaration made safe for roff: backslashes and hyphens escaped, a line that
    /// would start with a control character guarded, and no line breaks inside it.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += #"\e"#
            case "-": escaped += #"\-"#
            case "\n": escaped += " "
            // troff reads bytes: anything past ASCII goes as a named glyph (`…` as \[u2026]).
            case _ where !scalar.isASCII: escaped += #"\[u"# + hex(scalar.value) + "]"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = #"\&"# + escaped }
        return escaped
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
