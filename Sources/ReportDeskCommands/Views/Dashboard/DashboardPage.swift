import Foundation
import ReportDeskCore
import ReportDeskInterpreter

/// `stats --html`: the dashboard as one self-contained page for the team — numbers, charts as
/// inline SVG, the past-due list and open appeals as tables. No scripts and nothing fetched (its
/// content security policy forbids both); light or dark as the reader's system prefers; prints on
/// A4 and Letter. Every string from the store is escaped.
struct DashboardPage: Sendable {
    let style: TerminalStyle

    func render(_ value: JSONValue) -> String {
        let period = value["period"]
        let by = period?["by"]?.stringValue ?? "day"
        var body = header(value)
        body += headline(value["headline"], appeals: value["appeals"])
        body += section("Reports received per \(by), by category", receivedChart(value, by: by))
        body += section("Processed within 72 h, per week", weeklyChart(value["weeklyShare"]?.arrayValue ?? []))
        body += "<div class=\"pair\">"
        body += section("Time to process", barChart(bins(value["timeToProcess"]), colour: 1, narrow: true))
        body += section("Past due now, by how long", barChart(bins(value["pastDueBy"]), colour: 3, narrow: true))
        body += "</div>"
        let types = (value["topIssueTypes"]?.arrayValue ?? []).prefix(10).map { type in
            ((type["category"]?.stringValue ?? "") + " / " + (type["issueType"]?.stringValue ?? ""), type["count"]?.intValue ?? 0)
        }
        body += section("Top issue types (received in the period)", types.isEmpty ? empty("No reports received in the period.")
                        : barChart(Array(types), colour: 2))
        body += section("Past-due reports (\(value["headline"]?["pastDue"]?.intValue ?? 0))",
                        reportTable(value["pastDueReports"]?.arrayValue ?? [], appeals: false))
        body += section("Open appeals (\(value["headline"]?["openAppeals"]?.intValue ?? 0))",
                        reportTable(value["openAppealReports"]?.arrayValue ?? [], appeals: true))
        body += "<footer>Made by reportdesk stats at \(escape(local(period?["now"]))) · times in \(escape(zone(value))) · "
            + "store version \(value["version"]?.intValue ?? 0)</footer>"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>Desk at a glance — ReportDesk</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    // MARK: Sections

    private func header(_ value: JSONValue) -> String {
        let period = value["period"]
        let since = period?["since"]?.stringValue.flatMap(RFC3339.parse)
        let until = period?["until"]?.stringValue.flatMap(RFC3339.parse)
        var facts = [escape(DashboardText.span(from: since, to: until, style: style, dash: "–")), "times in \(escape(zone(value)))"]
        if period?["isDefault"]?.boolValue == true { facts[0] = "last 30 days: " + facts[0] }
        if let at = period?["atVersion"]?.intValue { facts.append("as the desk stood after version \(at)") }
        let categories = period?["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !categories.isEmpty { facts.append("categories: " + categories.map(escape).joined(separator: ", ")) }
        return "<header><h1>Desk at a glance</h1><p class=\"period\">" + facts.joined(separator: " · ") + "</p></header>\n"
    }

    private func headline(_ headline: JSONValue?, appeals: JSONValue?) -> String {
        let count = { (key: String) in headline?[key]?.intValue ?? 0 }
        let appealCount = { (key: String) in appeals?[key]?.intValue ?? 0 }
        let share = headline?["shareProcessedWithin72h"]?.doubleValue.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
        let median = headline?["medianTimeToProcessSeconds"]?.intValue.map { DashboardText.daysAndHours(seconds: $0) } ?? "—"
        let tiles: [(String, String, String)] = [
            (String(count("pending")), "pending", ""),
            (String(count("pastDue")), "past due now", count("pastDue") > 0 ? " alert" : ""),
            (String(count("dueWithin24h")), "due in the next 24 h", count("dueWithin24h") > 0 ? " warn" : ""),
            (String(count("openAppeals")), "open appeals", ""),
            (String(count("received")), "received in the period", ""),
            (String(count("processed")), "processed in the period", ""),
            (share, "processed within 72 h", ""),
            (median, "median time to process", ""),
            (String(appealCount("opened")), "appeals opened", ""),
            (String(appealCount("upheld")), "appeals upheld", ""),
            (String(appealCount("overturned")), "appeals overturned", ""),
            (String(appealCount("open")), "appeals still open", ""),
        ]
        return "<section class=\"tiles\">" + tiles.map { number, label, kind in
            "<div class=\"tile\(kind)\"><span class=\"n\">\(escape(number))</span><span class=\"l\">\(escape(label))</span></div>"
        }.joined() + "</section>\n"
    }

    private func section(_ title: String, _ content: String) -> String {
        "<section><h2>\(escape(title))</h2>\(content)</section>\n"
    }

    private func empty(_ text: String) -> String { "<p class=\"empty\">\(escape(text))</p>" }

    private func bins(_ value: JSONValue?) -> [(String, Int)] {
        (value?.arrayValue ?? []).map { ($0["label"]?.stringValue ?? "", $0["count"]?.intValue ?? 0) }
    }

    // MARK: Charts

    private static let chartWidth = 760.0
    private static let chartHeight = 220.0
    private static let left = 44.0
    private static let bottom = 24.0

    private func receivedChart(_ value: JSONValue, by: String) -> String {
        let buckets = value["received"]?.arrayValue ?? []
        let categories = value["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !buckets.isEmpty else { return empty("No buckets in the period.") }
        let peak = max(buckets.map { $0["count"]?.intValue ?? 0 }.max() ?? 0, 1)
        let plotWidth = Self.chartWidth - Self.left - 6
        let plotHeight = Self.chartHeight - Self.bottom - 8
        let step = plotWidth / Double(buckets.count)
        var svg = axes(peak: peak, suffix: "")
        for (index, bucket) in buckets.enumerated() {
            var y = Self.chartHeight - Self.bottom
            let x = Self.left + Double(index) * step
            let tip = escape(date(bucket["start"], by: by) + ": \(bucket["count"]?.intValue ?? 0) received")
            svg += "<g><title>\(tip)</title>"
            for (position, category) in categories.enumerated() {
                let count = bucket["byCategory"]?[category]?.intValue ?? 0
                guard count > 0 else { continue }
                let height = Double(count) / Double(peak) * plotHeight
                y -= height
                svg += "<rect class=\"c\(position % 6)\" x=\"\(f(x + step * 0.1))\" y=\"\(f(y))\" width=\"\(f(max(step * 0.8, 0.5)))\" height=\"\(f(height))\"/>"
            }
            svg += "</g>"
        }
        svg += xLabels(buckets.map { date($0["start"], by: by) }, step: step)
        let legend = categories.enumerated().map { position, category in
            let total = buckets.reduce(0) { $0 + ($1["byCategory"]?[category]?.intValue ?? 0) }
            return "<li><span class=\"key c\(position % 6)\"></span>\(escape(category)) <b>\(total)</b></li>"
        }.joined()
        return chart(svg, label: "Reports received per \(by)") + "<ul class=\"legend\">\(legend)</ul>"
    }

    private func weeklyChart(_ weeks: [JSONValue]) -> String {
        guard !weeks.isEmpty else { return empty("No weeks in the period.") }
        let plotWidth = Self.chartWidth - Self.left - 6
        let plotHeight = Self.chartHeight - Self.bottom - 8
        let step = plotWidth / Double(weeks.count)
        var svg = axes(peak: 100, suffix: " %")
        for (index, week) in weeks.enumerated() {
            let x = Self.left + Double(index) * step
            let processed = week["processed"]?.intValue ?? 0
            guard processed > 0, let share = week["share"]?.doubleValue else { continue }
            let height = share * plotHeight
            let y = Self.chartHeight - Self.bottom - height
            svg += "<g><title>\(escape("week from \(date(week["start"], by: "day")): \(week["processedWithin72h"]?.intValue ?? 0) of \(processed) within 72 h"))</title>"
            svg += "<rect class=\"c1\" x=\"\(f(x + step * 0.15))\" y=\"\(f(y))\" width=\"\(f(step * 0.7))\" height=\"\(f(height))\"/>"
            if step >= 28 {
                svg += "<text class=\"value\" x=\"\(f(x + step / 2))\" y=\"\(f(max(y - 4, 10)))\" text-anchor=\"middle\">\(Int((share * 100).rounded()))</text>"
            }
            svg += "</g>"
        }
        svg += xLabels(weeks.map { date($0["start"], by: "day") }, step: step)
        return chart(svg, label: "Share processed within 72 hours per week")
    }

    /// Horizontal bars; `narrow` for the charts that share a row (drawn in half the width, so half the units).
    private func barChart(_ items: [(String, Int)], colour: Int, narrow: Bool = false) -> String {
        let rowHeight = 22.0
        let chartWidth = narrow ? Self.chartWidth / 2 : Self.chartWidth
        let labelWidth = narrow ? 90.0 : 220.0
        let height = rowHeight * Double(items.count) + 4
        let peak = max(items.map(\.1).max() ?? 0, 1)
        let room = chartWidth - labelWidth - 50
        var svg = ""
        for (index, item) in items.enumerated() {
            let y = 2 + Double(index) * rowHeight
            let width = Double(item.1) / Double(peak) * room
            svg += "<text class=\"label\" x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 15))\" text-anchor=\"end\">\(escape(clip(item.0)))</text>"
            svg += "<rect class=\"c\(colour)\" x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(width))\" height=\"\(f(rowHeight - 6))\"/>"
            svg += "<text class=\"value\" x=\"\(f(labelWidth + width + 6))\" y=\"\(f(y + 15))\">\(item.1)</text>"
        }
        return "<svg viewBox=\"0 0 \(f(chartWidth)) \(f(height))\" role=\"img\">\(svg)</svg>"
    }

    private func chart(_ content: String, label: String) -> String {
        "<svg viewBox=\"0 0 \(f(Self.chartWidth)) \(f(Self.chartHeight))\" role=\"img\" aria-label=\"\(escape(label))\">\(content)</svg>"
    }

    private func axes(peak: Int, suffix: String) -> String {
        let base = Self.chartHeight - Self.bottom
        let top = 8.0
        var svg = "<line class=\"axis\" x1=\"\(f(Self.left))\" y1=\"\(f(top))\" x2=\"\(f(Self.left))\" y2=\"\(f(base))\"/>"
        svg += "<line class=\"axis\" x1=\"\(f(Self.left))\" y1=\"\(f(base))\" x2=\"\(f(Self.chartWidth - 4))\" y2=\"\(f(base))\"/>"
        for fraction in [0.0, 0.5, 1.0] {
            let y = base - fraction * (base - top)
            let label = fraction == 0.5 && peak % 2 == 1 ? String(format: "%.1f", Double(peak) / 2) : String(Int(Double(peak) * fraction))
            svg += "<line class=\"grid\" x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.chartWidth - 4))\" y2=\"\(f(y))\"/>"
            svg += "<text class=\"label\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(label)\(suffix)</text>"
        }
        return svg
    }

    private func xLabels(_ labels: [String], step: Double) -> String {
        guard let first = labels.first else { return "" }
        let y = Self.chartHeight - 6
        var picks = [(0, first)]
        if labels.count > 2 { picks.append((labels.count / 2, labels[labels.count / 2])) }
        if labels.count > 1 { picks.append((labels.count - 1, labels[labels.count - 1])) }
        return picks.map { index, text in
            // The first label starts at its bar and the last ends at its bar, so neither leaves the chart.
            let anchor = index == 0 ? "start" : index == labels.count - 1 ? "end" : "middle"
            let x = index == 0 ? Self.left : index == labels.count - 1 ? Self.left + Double(index + 1) * step
                : Self.left + (Double(index) + 0.5) * step
            return "<text class=\"label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(escape(text))</text>"
        }.joined()
    }

    // MARK: Tables

    private func reportTable(_ reports: [JSONValue], appeals: Bool) -> String {
        guard !reports.isEmpty else { return empty(appeals ? "No open appeals." : "No report is past due.") }
        let head = appeals ? ["Key", "Category", "Issue type", "Appeal opened", "Appeal message", "Details"]
            : ["Key", "Category", "Issue type", "Reported", "Past due by", "Details"]
        var rows = ""
        for report in reports {
            let middle: [String]
            if appeals {
                middle = [local(report["appeal"]?["openedAt"]), report["appeal"]?["message"]?.stringValue ?? ""]
            } else {
                let due = report["dueAt"]?.stringValue.flatMap(RFC3339.parse)
                middle = [local(report["reportedAt"]), due.map { TerminalStyle.roughSpan(-style.now.duration(until: $0).milliseconds) } ?? ""]
            }
            let cells = ["#\(report["key"]?.intValue ?? 0)", report["category"]?.stringValue ?? "",
                         report["issueType"]?.stringValue ?? ""] + middle + [report["details"]?.stringValue ?? ""]
            rows += "<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        return "<table><thead><tr>" + head.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\(rows)</tbody></table>"
    }

    // MARK: Text

    /// Text made safe to place in HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // Controls other than tab and newline have no business in a page (and some are not valid HTML).
                if (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F...0x9F).contains(scalar.value) {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private func escape(_ text: String) -> String { Self.escape(text) }

    private func clip(_ text: String) -> String {
        text.count > 32 ? String(text.prefix(31)) + "…" : text
    }

    private func f(_ number: Double) -> String { String(format: "%.1f", number) }

    private func local(_ value: JSONValue?) -> String {
        value?.stringValue.flatMap(RFC3339.parse).map(style.localTime) ?? "—"
    }

    private func zone(_ value: JSONValue) -> String {
        value["period"]?["zone"]?.stringValue ?? style.zoneLabel
    }

    private func date(_ value: JSONValue?, by: String) -> String {
        guard let instant = value?.stringValue.flatMap(RFC3339.parse) else { return "" }
        let civil = style.zone.civil(instant)
        return by == "month" ? "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))"
            : "\(RFC3339.pad(civil.year, 4))-\(RFC3339.pad(civil.month, 2))-\(RFC3339.pad(civil.day, 2))"
    }

    private static let css = """
        :root { --bg: #ffffff; --fg: #1d232b; --muted: #5b6572; --rule: #d5dae0; --tile: #f3f5f8;
          --c0: #2a7ab8; --c1: #2f9e6e; --c2: #8b5cc7; --c3: #d1493f; --c4: #d08a1a; --c5: #3aa6b9;
          --alert: #c0392b; --warn: #a86a00; color-scheme: light dark; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #15191e; --fg: #e4e8ee; --muted: #9aa5b1; --rule: #39414b; --tile: #1f252c;
            --c0: #5aa9e6; --c1: #4cc38a; --c2: #b08be8; --c3: #f0776c; --c4: #f0b54a; --c5: #6cd0e0;
            --alert: #ff7b6e; --warn: #f0b54a; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; padding: 24px; max-width: 1000px; background: var(--bg); color: var(--fg);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 16px; margin: 0 0 8px; }
        .period, footer, .empty { color: var(--muted); }
        section { margin: 20px 0; break-inside: avoid; page-break-inside: avoid; }
        .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
        .tile { background: var(--tile); border: 1px solid var(--rule); border-radius: 8px; padding: 10px 12px; }
        .tile .n { display: block; font-size: 22px; font-weight: 700; }
        .tile .l { color: var(--muted); }
        .tile.alert .n { color: var(--alert); }
        .tile.warn .n { color: var(--warn); }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
        svg { width: 100%; height: auto; display: block; }
        svg text { fill: var(--muted); font-size: 12px; }
        svg text.value { fill: var(--fg); }
        .axis { stroke: var(--muted); stroke-width: 1; }
        .grid { stroke: var(--rule); stroke-width: 1; stroke-dasharray: 3 3; }
        .c0 { fill: var(--c0); background: var(--c0); } .c1 { fill: var(--c1); background: var(--c1); }
        .c2 { fill: var(--c2); background: var(--c2); } .c3 { fill: var(--c3); background: var(--c3); }
        .c4 { fill: var(--c4); background: var(--c4); } .c5 { fill: var(--c5); background: var(--c5); }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        .legend .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
        table { width: 100%; border-collapse: collapse; font-size: 13px; }
        th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--rule); }
        td:last-child { overflow-wrap: anywhere; white-space: pre-wrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        footer { margin-top: 28px; font-size: 12px; }
        @page { margin: 14mm; }
        @media print {
          :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --rule: #bbbbbb; --tile: #ffffff; }
          body { padding: 0; max-width: none; font-size: 11pt; }
          .tiles { grid-template-columns: repeat(4, 1fr); }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @media (max-width: 640px) { .tiles { grid-template-columns: repeat(2, 1fr); } .pair { grid-template-columns: 1fr; } }
        """
}
