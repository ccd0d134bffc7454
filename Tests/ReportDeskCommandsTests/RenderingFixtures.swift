import ReportDeskCore
import ReportDeskInterpreter

/// Reports and styles the rendering tests share, built from the domain types so their JSON is
/// exactly what commands return.
enum RenderingFixtures {
    static let now = RFC3339.parse("2026-11-24T12:00:00Z")!
    static let hostile = "before \u{1B}]0;pwned\u{07} middle \u{1B}[2J after\u{9B}31m \u{202E}gnp.exe"

    static func style(width: Int = 120, colour: Bool = false, zone: String = "UTC", interactive: Bool = false) -> TerminalStyle {
        TerminalStyle(width: width, colour: colour, zone: ZoneRules(named: zone)!, now: now, interactive: interactive)
    }

    static func instant(_ text: String) -> Instant { RFC3339.parse(text)! }

    /// A page of five reports of every kind: past due, due soon, processed late, wide text, long text.
    static var page: JSONValue {
        let reports = [
            Report(key: 1, reportId: "7301882211", category: "experience", issueType: "crash_or_freeze", openId: "_000Wq3LxT1",
                   details: "The game freezes on the loading screen after the last update. iPhone 13, iOS 17.",
                   reportedAt: instant("2026-11-20T03:05:00Z")),
            Report(key: 2, category: "payment", issueType: "refund_request", details: "ボタンが画面の外にはみ出して押せません",
                   orderId: "ORD-7", reportedAt: instant("2026-11-21T14:00:00Z")),
            Report(key: 3, category: "community", issueType: "intellectual_property", screenshot: Screenshot(url: "https://example.com/a.png"),
                   reportedAt: instant("2026-11-23T12:00:00Z"), note: "asked trust and safety to look at it"),
            Report(key: 14, category: "payment", issueType: "charged_twice", details: "two charges", orderId: "ORD-9",
                   reportedAt: instant("2026-11-18T08:00:00Z"), status: .resolved, processedAt: instant("2026-11-22T08:00:00Z")),
            Report(key: 215, category: "experience", issueType: "other", details: String(repeating: "long text ", count: 40),
                   reportedAt: instant("2026-11-24T11:59:30Z")),
        ]
        return .object(JSONObject([
            ("reports", .array(reports.map { $0.json(now: now) })),
            ("nextCursor", "abc123"), ("total", 12), ("version", 40),
        ]))
    }

    /// A processed payment report with an appeal, a note, a kept screenshot and a notice.
    static var fullReport: JSONValue {
        let report = Report(key: 17, reportId: nil, category: "payment", issueType: "refund_request", openId: "user-1",
                            details: "charged twice\nsecond line of details", orderId: "ORD-2026-118990",
                            screenshot: Screenshot(sha256: "0123456789abcdef0123", bytes: 48_213, mediaType: "image/png",
                                                   path: "/desk/blobs/01/0123456789abcdef0123.png"),
                            reportedAt: instant("2026-11-20T16:45:00Z"), status: .dismissed,
                            processedAt: instant("2026-11-24T10:00:00Z"), note: "only one charge in our records",
                            appeal: Appeal(status: .overturned, message: "my bank shows two settled charges",
                                           openedAt: instant("2026-11-24T11:00:00Z"), decidedAt: instant("2026-11-24T11:30:00Z"),
                                           note: "refund confirmed missing"),
                            version: 42)
        guard case .object(var object) = report.json(now: now) else { return .null }
        object["notice"] = "The developer's contact email may be shared with the user who appealed."
        return .object(object)
    }

    /// The same report with hostile text in every field a user or operator fills.
    static var hostileReport: JSONValue {
        let report = Report(key: 9, reportId: "R" + hostile, category: "payment" + hostile, issueType: "other" + hostile,
                            openId: "u" + hostile, details: "d" + hostile + "\nline two " + hostile, orderId: "o" + hostile,
                            screenshot: Screenshot(sha256: "s" + hostile, bytes: 1, mediaType: "m" + hostile, url: "https://x/" + hostile,
                                                   path: "/p/" + hostile),
                            reportedAt: instant("2026-11-20T16:45:00Z"), status: .resolved, processedAt: instant("2026-11-24T10:00:00Z"),
                            note: "n" + hostile, appeal: Appeal(status: .open, message: "m" + hostile, openedAt: instant("2026-11-24T11:00:00Z"),
                                                                note: "a" + hostile))
        guard case .object(var object) = report.json(now: now) else { return .null }
        object["notice"] = .string("notice " + hostile)
        return .object(object)
    }

    /// Text without the desk's own SGR colour codes.
    static func withoutColour(_ text: String) -> String {
        var output = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "\u{1B}", scalars.dropFirst().first == "[",
               let end = scalars.dropFirst(2).firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" }), scalars[end] == "m" {
                scalars = scalars[scalars.index(after: end)...]
                continue
            }
            output.unicodeScalars.append(scalar)
            scalars = scalars.dropFirst()
        }
        return output
    }

    /// Whether text holds any character a terminal would act on (a line break aside).
    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && SafeText.needsNeutralising($0) }
    }
}
