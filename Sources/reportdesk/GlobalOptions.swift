import Foundation
import ReportDeskCommands
import ReportDeskCore

/// The options before the command (README, Modes): `--store`, `--json`, `--tz`, `--actor`, plus
/// `--keep-going` for script mode. Everything after the first other word belongs to the command.
struct GlobalOptions {
    var store: String?
    var json = false
    var zoneName: String?
    var actor: String?
    var keepGoing = false
    var showVersion = false
    /// `--help`: the usage of the program itself before the list of commands.
    var showUsage = false
    var commandWords: [String] = []

    static let usage = """
        usage: reportdesk [--store PATH] [--json] [--tz ZONE] [--actor NAME] [--keep-going] [COMMAND [ARGS…] | rpc]

          no command, stdin a terminal      interactive REPL
          no command, stdin not a terminal  script mode: one command per line
          COMMAND [ARGS…]                   run one command and exit (help lists them)
          rpc                               JSON-RPC 2.0 server on stdin/stdout
        """

    /// The global options with the help Tab shows for them; `takesValue` for those followed by one.
    static let flags: [(flag: String, takesValue: Bool, help: String)] = [
        ("--store", true, "the store folder (else $REPORTDESK_STORE, else the default)"),
        ("--json", false, "one JSON value per command"),
        ("--tz", true, "the display time zone (IANA name or offset)"),
        ("--actor", true, "who is recorded in every version"),
        ("--keep-going", false, "script mode: run on after a failure"),
        ("--version", false, "print the version and exit"),
        ("--help", false, "list the commands"),
    ]

    static func parse(_ arguments: [String]) throws(DeskError) -> GlobalOptions {
        var options = GlobalOptions()
        var index = 0
        func value(for flag: String, inline: String?) throws(DeskError) -> String {
            if let inline { return inline }
            guard index < arguments.count else {
                throw DeskError.invalidParams(field: flag, "option --\(flag) needs a value\n\(usage)")
            }
            index += 1
            return arguments[index - 1]
        }
        while index < arguments.count {
            let word = arguments[index]
            guard word.hasPrefix("-"), word != "-" else { break }
            index += 1
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let inline = parts.count > 1 ? parts[1] : nil
            switch parts[0] {
            case "--store": options.store = try value(for: "store", inline: inline)
            case "--json": options.json = true
            case "--tz": options.zoneName = try value(for: "tz", inline: inline)
            case "--actor": options.actor = try value(for: "actor", inline: inline)
            case "--keep-going": options.keepGoing = true
            case "--version": options.showVersion = true
            case "--help", "-h": options.showUsage = true; options.commandWords = ["help"]; return options
            case "--": options.commandWords = Array(arguments[index...]); return options
            default:
                throw DeskError.invalidParams(field: String(parts[0].drop(while: { $0 == "-" })),
                                              "unknown global option \(parts[0])\n\(usage)")
            }
        }
        options.commandWords = Array(arguments[index...])
        return options
    }

    /// The session settings these options and the environment give.
    func sessionSettings(environment: [String: String]) throws(DeskError) -> SessionSettings {
        var zone = ZoneRules.device
        if let zoneName {
            guard let named = ZoneRules(named: zoneName) else {
                throw DeskError.invalidParams(field: "tz", "unknown time zone \(quoted(zoneName)); use an IANA name such as Asia/Tokyo, UTC, or an offset such as +09:00")
            }
            zone = named
        }
        var clock = DeskClock.system
        // A fixed clock for reproducible demos and tests of the 72 h rule (documented in the README).
        if let fixed = environment["REPORTDESK_CLOCK"], !fixed.isEmpty {
            guard let instant = RFC3339.parse(fixed) else {
                throw DeskError.invalidParams(field: "REPORTDESK_CLOCK", "REPORTDESK_CLOCK must be an RFC 3339 time")
            }
            clock = .fixed(instant)
        }
        return SessionSettings(store: store, environment: environment, actor: resolvedActor(environment: environment),
                               clock: clock, zone: zone)
    }

    private func resolvedActor(environment: [String: String]) -> String {
        if let actor, !actor.isEmpty { return String(actor.prefix(100)) }
        if let fromEnvironment = environment["REPORTDESK_ACTOR"], !fromEnvironment.isEmpty { return String(fromEnvironment.prefix(100)) }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "unknown"
    }
}
