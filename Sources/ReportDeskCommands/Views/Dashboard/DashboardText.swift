import ReportDeskCore
import ReportDeskInterpreter

/// How `stats` shows itself to people: the dashboard, in ASCII when asked (`--ascii`) or when the
/// terminal's locale cannot show the block characters.
struct DashboardView: ResultView {
    func render(_ value: JSONValue, style: TerminalStyle) -> String {
        render(value, arguments: nil, style: style)
    }

    func render(_ value: JSONValue, arguments: BoundArguments?, style: TerminalStyle) -> String {
        let asked = arguments?.values["ascii"]?.boolValue == true
        return DashboardText(style: style, ascii: asked || !style.unicode).render(value)
    }
}

/// `stats` for people: a dashboard fitted to the terminal's width, drawn from the result alone.
/// Every line stays within `style.usableWidth`; user-written names pass through `SafeText`.
struct DashboardText: Sendable {

    let style: TerminalStyle
    let ascii: Bool
    private var chart: TerminalChart { TerminalChart(ascii: ascii) }
    private var width: Int { max(style.usableWidth, 40) }

    init(style: TerminalStyle, ascii: Bool) {
        self.style = style
        self.ascii = ascii
    }

    func render(_ value: JSONValue) -> String {
        var lines: [String] = []
        lines += header(value)
        lines += headline(value)
        lines += received(value)
        lines += weeklyShare(value)
        lines += bars(title: "Time to process (reports processed in the period)", value["timeToProcess"]?.arrayValue ?? [],
                      colour: "36")
        lines += bars(title: "Past due now, by how long past due", value["pastDueBy"]?.arrayValue ?? [], colour: "31")
        lines += topIssueTypes(value)
        if let path = value["html"]?.stringValue { lines += ["", "Page for the team written to " + SafeText.line(path)] }
        // A safety net: nothing above should overflow, but a line that would loses its colour, not the edge.
        return lines.map { DisplayWidth.of(plain($0)) > width ? DisplayWidth.truncate(plain($0), to: width) : $0 }
            .joined(separator: "\n")
    }

    // MARK: Sections

    private func header(_ value: JSONValue) -> [String] {
        let period = value["period"]
        let span = (period?["isDefault"]?.boolValue == true ? "last 30 days: " : "")
            + Self.span(from: instant(period?["since"]), to: instant(period?["until"]), style: style, dash: dash)
        var facts = [span, "times in \(SafeText.line(period?["zone"]?.stringValue ?? style.zoneLabel))",
                     "version \(value["version"]?.intValue ?? 0)"]
        if let at = period?["atVersion"]?.intValue {
            facts = ["as the desk stood after version \(at) (\(local(instant(period?["now"]))))"] + facts.dropLast()
        }
        let categories = period?["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !categories.isEmpty { facts.append("categories: " + categories.map(SafeText.line).joined(separator: ", ")) }
        return [style.paint("Desk at a glance", "1")] + flow(facts, separator: " \(dot) ")
    }

    private func headline(_ value: JSONValue) -> [String] {
        let headline = value["headline"]
        let count = { (key: String) in headline?[key]?.intValue ?? 0 }
        let pastDue = count("pastDue")
        let now = flow([
            "Pending " + number(count("pending")),
            "Past due now " + number(pastDue, colour: pastDue > 0 ? "1;31" : nil),
            "Due in the next 24 h " + number(count("dueWithin24h"), colour: count("dueWithin24h") > 0 ? "1;33" : nil),
            "Open appeals " + number(count("openAppeals")),
        ], separator: "   ")
        let share = headline?["shareProcessedWithin72h"]?.doubleValue.map { percent($0) } ?? "\(dash)"
        let median = headline?["medianTimeToProcessSeconds"]?.intValue.map { Self.daysAndHours(seconds: $0) } ?? "\(dash)"
        let period = flow([
            "Received " + number(count("received")),
            "Processed " + number(count("processed")),
            "Within 72 h " + style.paint(share, "1"),
            "Median time to process " + style.paint(median, "1"),
        ], separator: "   ")
        let appeals = value["appeals"]
        let appealCount = { (key: String) in appeals?[key]?.intValue ?? 0 }
        let desk = flow([
            "Appeals opened " + number(appealCount("opened")),
            "Upheld " + number(appealCount("upheld")),
            "Overturned " + number(appealCount("overturned")),
            "Still open " + number(appealCount("open")),
        ], separator: "   ")
        return [""] + (now + period + desk).map { "  " + $0 }
    }

    /// Received reports: one column chart of the totals, then a line per category on the same
    /// columns, so a day reads straight down; names sit in the chart's left margin.
    private func received(_ value: JSONValue) -> [String] {
        let buckets = value["received"]?.arrayValue ?? []
        guard !buckets.isEmpty else { return [] }
        let by = value["period"]?["by"]?.stringValue ?? "day"
        let counts = buckets.map { $0["count"]?.intValue ?? 0 }
        let categories = value["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let perCategory = categories.count > 1
        let names = categories.map { DisplayWidth.truncate(SafeText.line($0), to: 18) }
        let totals = categories.map { category in buckets.reduce(0) { $0 + ($1["byCategory"]?[category]?.intValue ?? 0) } }
        let axisWidth = max(String(counts.max() ?? 0).count, 1)
        let totalWidth = perCategory ? String(totals.max() ?? 0).count + 1 : 0
        // Bars start at `margin` on every line: after the axis label and rule, or after a category's name.
        let margin = max(axisWidth + 2, perCategory ? (names.map(DisplayWidth.of).max() ?? 0) + 3 : 0)
        let room = width - margin - totalWidth
        let (merged, group) = TerminalChart.merge(counts, into: room)
        // Few buckets get wider columns (up to 6 cells, with a gap), so a week or month chart reads as bars.
        let cell = min(max(room / max(merged.count, 1), 1), 6)
        var lines = ["", style.paint("Reports received per \(by)", "1")
                     + (group > 1 ? " (each column \(group) \(by)s)" : "")]
        let mergedPeak = merged.max() ?? 0
        let rows = chart.columns(merged, maximum: mergedPeak, height: 6)
        for (index, row) in rows.enumerated() {
            let label = index == 0 ? String(mergedPeak) : ""
            lines.append(DisplayWidth.padLeft(label, to: margin - 2) + " " + vertical + style.paint(widen(row, cell), "36"))
        }
        lines.append(DisplayWidth.padLeft("0", to: margin - 2) + " " + corner + String(repeating: horizontal, count: merged.count * cell))
        lines.append(String(repeating: " ", count: margin)
                     + axisLabels(buckets, by: by, columns: merged.count * cell, group: group, cell: cell))
        guard perCategory else { return lines }

        lines.append("By category (own scale per line; period totals)")
        let colours = ["36", "32", "33", "35", "34", "31"]
        for (index, category) in categories.enumerated() {
            let series = buckets.map { $0["byCategory"]?[category]?.intValue ?? 0 }
            let line = widen(chart.sparkline(TerminalChart.merge(series, groupsOf: group)), cell)
            lines.append("  " + DisplayWidth.pad(names[index], to: margin - 2) + style.paint(line, colours[index % colours.count])
                         + String(repeating: " ", count: max(room - DisplayWidth.of(line), 0))
                         + DisplayWidth.padLeft(String(totals[index]), to: totalWidth))
        }
        return lines
    }

    private func weeklyShare(_ value: JSONValue) -> [String] {
        let weeks = value["weeklyShare"]?.arrayValue ?? []
        guard !weeks.isEmpty else { return [] }
        let shown = weeks.suffix(12)
        var lines = ["", style.paint("Processed within 72 h, per week", "1")
                     + (shown.count < weeks.count ? " (last \(shown.count) of \(weeks.count))" : "")]
        let labels = shown.map { "from " + date(instant($0["start"]), by: "day") }
        let labelWidth = labels.map(DisplayWidth.of).max() ?? 0
        let suffixes = shown.map { week -> String in
            let processed = week["processed"]?.intValue ?? 0
            guard processed > 0 else { return "none processed" }
            return percent(week["share"]?.doubleValue ?? 0) + " of \(processed)"
        }
        let suffixWidth = suffixes.map(DisplayWidth.of).max() ?? 0
        let room = max(width - labelWidth - suffixWidth - 5, 4)
        for (index, week) in shown.enumerated() {
            let processed = week["processed"]?.intValue ?? 0
            let inTime = week["processedWithin72h"]?.intValue ?? 0
            let bar = chart.bar(inTime, maximum: processed, width: room)
            lines.append("  " + DisplayWidth.pad(labels[index], to: labelWidth) + " " + style.paint(bar, "32")
                         + String(repeating: " ", count: room - DisplayWidth.of(bar)) + " " + suffixes[index])
        }
        return lines
    }

    private func bars(title: String, _ bins: [JSONValue], colour: String) -> [String] {
        guard !bins.isEmpty else { return [] }
        let items = bins.map { (asciiSafe($0["label"]?.stringValue ?? ""), $0["count"]?.intValue ?? 0) }
        return ["", style.paint(title, "1")] + barLines(items, colour: colour)
    }

    private func topIssueTypes(_ value: JSONValue) -> [String] {
        let types = (value["topIssueTypes"]?.arrayValue ?? []).prefix(8)
        guard !types.isEmpty else { return [] }
        let items = types.map { type in
            (SafeText.line(type["category"]?.stringValue ?? "") + " / " + SafeText.line(type["issueType"]?.stringValue ?? ""),
             type["count"]?.intValue ?? 0)
        }
        return ["", style.paint("Top issue types (received in the period)", "1")] + barLines(items, colour: "35")
    }

    private func barLines(_ items: [(String, Int)], colour: String) -> [String] {
        let labelWidth = min(items.map { DisplayWidth.of($0.0) }.max() ?? 0, max(width / 3, 12))
        let peak = items.map(\.1).max() ?? 0
        let countWidth = String(peak).count
        let room = max(width - labelWidth - countWidth - 5, 4)
        return items.map { label, count in
            let bar = chart.bar(count, maximum: peak, width: room)
            return "  " + DisplayWidth.pad(DisplayWidth.truncate(label, to: labelWidth), to: labelWidth) + " "
                + style.paint(bar, colour) + String(repeating: " ", count: room - DisplayWidth.of(bar)) + " "
                + DisplayWidth.padLeft(String(count), to: countWidth)
        }
    }

    // MARK: Pieces

    private var dash: String { ascii ? "-" : "—" }
    private var dot: String { ascii ? "|" : "·" }
    private var vertical: String { ascii ? "|" : "│" }
    private var corner: String { ascii ? "+" : "└" }
    private var horizontal: String { ascii ? "-" : "─" }

    private func asciiSafe(_ text: String) -> String {
        ascii ? String(text.map { $0 == "–" ? "-" : $0 }) : text
    }

    private func number(_ value: Int, colour: String? = "1") -> String {
        style.paint(String(value), colour ?? "1")
    }

    private func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded() / 10
        return (tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)) + " %"
    }

    /// `1 d 20 h`, `5 h`, `<1 h`: the median in days and hours.
    static func daysAndHours(seconds: Int) -> String {
        let hours = seconds / 3600
        if hours < 1 { return "<1 h" }
        return hours < 24 ? "\(hours) h" : "\(hours / 24) d \(hours % 24) h"
    }

    /// A period as people say it: whole days as inclusive dates (`2026-10-26 – 2026-11-24`), else times.
    static func span(from since: Instant?, to until: Instant?, style: TerminalStyle, dash: String) -> String {
        guard let since, let until else { return "?" }
        let start = style.zone.civil(since)
        let end = style.zone.civil(until)
        let midnight = { (civil: CivilTime) in civil.hour == 0 && civil.minute == 0 && civil.second == 0 && civil.millisecond == 0 }
        guard midnight(start), midnight(end) else { return "\(style.localTime(since)) \(dash) \(style.localTime(until))" }
        let last = style.zone.civil(until.subtracting(.hours(12)))
        let date = { (civil: CivilTime) in "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))-\(RFC3339.pad(civil.day, 2))" }
        return date(start) == date(last) ? date(start) : "\(date(start)) \(dash) \(date(last))"
    }

    private func instant(_ value: JSONValue?) -> Instant? {
        value?.stringValue.flatMap(RFC3339.parse)
    }

    private func local(_ instant: Instant?) -> String {
        instant.map(style.localTime) ?? "?"
    }

    /// A bucket's start as an axis shows it: `11-24` for days and weeks, `2026-11` for months.
    private func date(_ instant: Instant?, by: String) -> String {
        guard let instant else { return "?" }
        let civil = style.zone.civil(instant)
        return by == "month" ? "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))"
            : "\(RFC3339.pad(civil.month, 2))-\(RFC3339.pad(civil.day, 2))"
    }

    /// Each column `cell` cells wide: the bar fills all but a gap of one when there is room for one.
    private func widen(_ row: String, _ cell: Int) -> String {
        guard cell > 1 else { return row }
        return row.map { String(repeating: $0, count: cell - (cell > 2 ? 1 : 0)) + (cell > 2 ? " " : "") }.joined()
    }

    /// The first and last bucket's dates under the chart, and the middle one when there is room.
    private func axisLabels(_ buckets: [JSONValue], by: String, columns: Int, group: Int, cell: Int) -> String {
        let first = date(instant(buckets.first?["start"]), by: by)
        let lastColumn = (columns - 1) / cell
        let last = date(instant(buckets[min(lastColumn * group, buckets.count - 1)]["start"]), by: by)
        guard columns > first.count + last.count + 1 else { return first }
        var line = Array(repeating: Character(" "), count: columns)
        let middleColumn = columns / 2
        let middle = date(instant(buckets[min(middleColumn / cell * group, buckets.count - 1)]["start"]), by: by)
        func place(_ text: String, at column: Int) {
            for (offset, character) in text.enumerated() where column + offset < line.count { line[column + offset] = character }
        }
        place(first, at: 0)
        if middleColumn - middle.count / 2 > first.count + 1, middleColumn + middle.count < columns - last.count - 1 {
            place(middle, at: middleColumn)
        }
        place(last, at: max(lastColumn * cell + cell / 2 - last.count / 2, 0) < columns - last.count
              ? max(lastColumn * cell, first.count + 1) : columns - last.count)
        return String(line)
    }

    /// Items on lines of at most the usable width, joined by `separator`.
    private func flow(_ items: [String], separator: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            let candidate = current.isEmpty ? item : current + separator + item
            if !current.isEmpty, DisplayWidth.of(plain(candidate)) > width - 2 {
                lines.append(current)
                current = item
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Text without colour escapes, for measuring.
    private func plain(_ text: String) -> String {
        guard style.colour else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if character == "\u{1B}" { escaping = true; continue }
            if escaping { if character == "m" { escaping = false }; continue }
            result.append(character)
        }
        return result
    }
}
