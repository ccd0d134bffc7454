import Foundation
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskREPL
import ReportDeskRPC

/// The version of this build, reported by `--version`, `initialize` and `rpc.discover`.
let reportDeskVersion = ReportDeskVersion.current

// A closed pipe must end a write with EPIPE, not kill the process mid-commit; a file size limit
// must fail the write (-32004), not kill the process.
signal(SIGPIPE, SIG_IGN)
signal(SIGXFSZ, SIG_IGN)
// Store files are private whatever the caller's umask (they hold user ids and an email).
umask(0o077)

/// The variables ReportDesk reads, looked up one by one: building the whole environment as a
/// dictionary is a measurable part of a one-shot command's start-up.
let environment: [String: String] = {
    let names = ["REPORTDESK_STORE", "REPORTDESK_ACTOR", "REPORTDESK_CLOCK", "REPORTDESK_LOCK_TIMEOUT",
                 "REPORTDESK_CHECKPOINT_BYTES", "XDG_DATA_HOME", "HOME", "USER", "NO_COLOR", "TERM", "COLUMNS",
                 "EDITOR", "VISUAL", "LC_ALL", "LC_CTYPE", "LANG"]
    var found: [String: String] = [:]
    for name in names {
        if let value = getenv(name) { found[name] = String(cString: value) }
    }
    return found
}()

/// Arguments as the kernel gave them: one that is not UTF-8 is a usage error, not silently repaired.
func validatedArguments() throws(DeskError) -> [String] {
    try (1..<Int(CommandLine.argc)).map { index throws(DeskError) in
        guard let pointer = CommandLine.unsafeArgv[index], let argument = String(validatingCString: pointer) else {
            throw DeskError.invalidParams(field: "arguments", "argument \(index) is not valid UTF-8")
        }
        return argument
    }
}

let console = Console.standard
// The completion scripts' hidden entry (`completion`): not a command, so in no help or method list.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "__complete" {
    let words = (try? validatedArguments().dropFirst()).map(Array.init) ?? []
    console.out(ShellCompletion.lines(ShellCompletion(environment: environment).candidates(words)))
    exit(0)
}
let options: GlobalOptions
let settings: SessionSettings
do {
    options = try GlobalOptions.parse(try validatedArguments())
    var resolved = try options.sessionSettings(environment: environment)
    // The REPL's history names users too: `erase` run from any mode removes those lines.
    resolved.personalData.register(CommandHistory.personalDataFile)
    settings = resolved
} catch {
    if CommandLine.arguments.contains("--json") {
        console.out(JSONWriter.string(.object(JSONObject([("error", error.json)]))) + "\n")
    } else {
        console.err("error: \(error.message)\n")
    }
    exit(2)
}
if options.showVersion {
    console.out("reportdesk \(reportDeskVersion)\n")
    exit(0)
}

func outputStyle(for descriptor: Int32) -> TerminalStyle {
    TerminalStyle(width: TerminalStyle.width(fileDescriptor: descriptor, environment: environment),
                  colour: TerminalStyle.colourAllowed(fileDescriptor: descriptor, environment: environment),
                  zone: settings.zone, now: settings.clock.now,
                  unicode: TerminalStyle.unicodeAllowed(environment: environment), terminal: isatty(descriptor) == 1)
}

let words = options.commandWords
if words == ["rpc"] {
    let server = RPCServer(settings: settings, registry: AllCommands.registry, serverVersion: reportDeskVersion)
    exit(server.run())
}

if words.isEmpty && isatty(STDIN_FILENO) == 1 {
    let repl = REPL(settings: settings, registry: AllCommands.registry, json: options.json, environment: environment)
    exit(repl.run())
}

let formatter = OutputFormatter(json: options.json, style: outputStyle(for: STDOUT_FILENO), errorStyle: outputStyle(for: STDERR_FILENO))
/// `watch`'s events go out as they happen; it ends on SIGTERM, SIGINT or a reader gone.
let events = ConsoleEventStream(console: console, json: options.json, watchedOutput: STDOUT_FILENO, endsOnSignals: true)

if words.isEmpty {
    let script = ScriptInput()
    let session = Session(environment: Desk(settings: settings), registry: AllCommands.registry,
                          streams: StandardStreams(input: script, outputIsFree: true, events: events))
    exit(ScriptRunner(interpreter: Interpreter(session: session), formatter: formatter, keepGoing: options.keepGoing,
                      console: console)
        .run(lines: script))
}

// A person at a terminal is asked before a bulk change; `--json` and pipes never ask.
let interaction: any Interaction = !options.json && isatty(STDIN_FILENO) == 1
    ? TerminalInteraction(environment: environment, console: console) : UnattendedInteraction(console: console)
let session = Session(environment: Desk(settings: settings), registry: AllCommands.registry, interaction: interaction,
                      streams: StandardStreams(input: UnreadStandardInput(), outputIsFree: true, events: events))
let interpreter = Interpreter(session: session)
let execution = interpreter.execute(words: words)
let output = formatter.format(execution)
if options.showUsage && !options.json { console.out(GlobalOptions.usage + "\n\n") }
console.out(output.standardOutput)
console.err(output.standardError)
exit(OutputFormatter.exitStatus(execution))
