import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// Something `watch` tells about: a commit by anyone, a report coming due or going past due (R6),
/// an appeal opened. Each is one JSON object with an `event` member, or one line of text.
enum WatchEvent: Equatable {
    case changed(VersionEntry)
    case dueSoon(DueReport)
    case pastDue(DueReport)
    case appealOpened(key: Int, version: Int)

    var json: JSONValue {
        switch self {
        case .changed(let entry):
            .object(JSONObject([
                ("event", "changed"), ("version", .int(entry.number)), ("actor", .string(entry.actor)),
                ("command", .string(entry.command)), ("keys", .array(entry.keys.map(JSONValue.int))),
                ("summary", .string(entry.summary)),
            ]))
        case .dueSoon(let report):
            .object(JSONObject([("event", "dueSoon"), ("key", .int(report.key)), ("dueAt", .string(RFC3339.format(report.dueAt)))]))
        case .pastDue(let report):
            .object(JSONObject([("event", "pastDue"), ("key", .int(report.key)), ("dueAt", .string(RFC3339.format(report.dueAt)))]))
        case .appealOpened(let key, let version):
            .object(JSONObject([("event", "appealOpened"), ("key", .int(key)), ("version", .int(version))]))
        }
    }

    /// One line for people, times in the display zone; what users or other tools wrote (actor,
    /// summary) is neutralised like any report text.
    func text(style: TerminalStyle) -> String {
        switch self {
        case .changed(let entry):
            let keys = entry.keys.prefix(10).map { "#\($0)" }.joined(separator: " ") + (entry.keys.count > 10 ? " …" : "")
            let parts = ["version \(entry.number)", entry.actor, entry.command, keys, entry.summary].filter { !$0.isEmpty }
            return SafeText.line(parts.joined(separator: " · "))
        case .dueSoon(let report):
            return "due soon: #\(report.key) at \(style.localTime(report.dueAt)) (\(style.dueHint(report.dueAt, pending: true)))"
        case .pastDue(let report):
            return "past due: #\(report.key) (was due \(style.localTime(report.dueAt)))"
        case .appealOpened(let key, let version):
            return "appeal opened: #\(key) (version \(version))"
        }
    }
}
