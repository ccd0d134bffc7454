import GRDB
package import ReportDeskCore

extension Store {
    /// The dashboard's figures from the live tables, in one read. Counts come from the kept tallies
    /// (`v7-day-tallies`), with partial days counted from index ranges; only the listed reports are loaded.
    package func dashboard(_ request: DashboardRequest) throws(DeskError) -> DashboardFigures {
        let blobs = self.blobs
        return try read { db in
            try DashboardSQL(db: db, request: request).figures(blobs: blobs)
        }
    }

    /// The instant version `version` was made, or `nil` for version 0; fails for a version the store
    /// has not reached.
    package func versionTime(_ version: Int) throws(DeskError) -> Instant? {
        try read { db in
            let latest = try VersionLog.latest(db)
            guard version >= 0, version <= latest else {
                throw DeskError.notFound("no version \(version); the store is at version \(latest)",
                                         data: ["version": .int(version), "latest": .int(latest)])
            }
            return try Int64.fetchOne(db, sql: "SELECT at FROM version WHERE number = ?", arguments: [version])
                .map(Instant.init(milliseconds:))
        }
    }

    /// The dashboard as the desk stood right after `version`, rebuilt from the version log: every
    /// report's last state at or before it is read, so this costs a pass over the log up to there.
    package func dashboard(_ request: DashboardRequest, atVersion version: Int) throws(DeskError) -> DashboardFigures {
        let latest = try read { db in try VersionLog.latest(db) }
        guard version >= 0, version <= latest else {
            throw DeskError.notFound("no version \(version); the store is at version \(latest)",
                                     data: ["version": .int(version), "latest": .int(latest)])
        }
        let blobs = self.blobs
        return try read { db in
            var tally = DashboardTally(request: request, version: version)
            let source = VersionLogReports(db: db, version: version)
            var after = 0
            while true {
                let (reports, lastKey) = try source.batch(after: after, limit: 5000)
                for var report in reports {
                    if var screenshot = report.screenshot, let sha = screenshot.sha256 {
                        screenshot.path = blobs.path(sha256: sha, mediaType: screenshot.mediaType)
                        report.screenshot = screenshot
                    }
                    tally.add(report)
                }
                guard let lastKey else { break }
                after = lastKey
            }
            return tally.figures()
        }
    }
}

/// The live figures, from the kept tallies and short index ranges.
private struct DashboardSQL {
    let db: Database
    let request: DashboardRequest
    /// `AND category IN (…)` when the request names categories.
    let categoryCondition: String

    init(db: Database, request: DashboardRequest) {
        self.db = db
        self.request = request
        categoryCondition = request.categories.isEmpty ? ""
            : " AND category IN (" + request.categories.map { _ in "?" }.joined(separator: ", ") + ")"
    }

    private func arguments(_ values: [any DatabaseValueConvertible]) -> StatementArguments {
        StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? } + request.categories.map { $0 as (any DatabaseValueConvertible)? })
    }

    func figures(blobs: BlobStore) throws -> DashboardFigures {
        let now = request.now.milliseconds
        let window = Report.processingWindow.milliseconds
        let categories = try categoriesShown()
        let since = request.since.milliseconds
        let until = max(request.until.milliseconds, since)

        // Received reports: whole days of the period from the day tally, partial days row by row.
        let reported = try reportedByDay(from: since, to: until)
        var received: [[Int]] = []
        for index in request.edges.indices.dropLast() {
            let span = DaySpan(from: request.edges[index].milliseconds, to: request.edges[index + 1].milliseconds)
            var counts: [String: Int] = [:]
            for (category, days) in reported.byDay {
                counts[category] = span.days.reduce(0) { $0 + (days[$1] ?? 0) }
            }
            for partial in span.partials {
                for row in try Row.fetchAll(db, sql: """
                    SELECT category, count(*) FROM report WHERE reported_at >= ? AND reported_at < ?\(categoryCondition) GROUP BY category
                    """, arguments: arguments([partial.from, partial.to])) {
                    counts[row[0], default: 0] += row[1] as Int
                }
            }
            received.append(categories.map { counts[$0] ?? 0 })
        }
        let issueTypes = reported.byKind.flatMap { category, types in
            types.filter { $0.value > 0 }.map { DashboardFigures.IssueTypeCount(category: category, issueType: $0.key, count: $0.value) }
        }

        let processing = try processingFigures(from: since, to: until)
        let (byStatus, byCategory, byIssueType) = try Store.breakdown(db)
        let version = try VersionLog.latest(db)
        let statistics = StoreStatistics(version: version, byStatus: byStatus, byCategory: byCategory, byIssueType: byIssueType,
                                         processed: processing.desk.count, processedInTime: processing.desk.inTime,
                                         medianMillisecondsToProcess: processing.deskMedian)

        let pending = try Int.fetchOne(db, sql: "SELECT coalesce(sum(reports), 0) FROM report_tally WHERE status = 'pending'"
                                       + categoryCondition, arguments: StatementArguments(request.categories)) ?? 0
        let pastDue = try count { $0.pastDue = true }
        let dueSoon = try count { $0.dueWithin = .hours(24) }
        // A report is past due by now - due: bin i holds reported_at in [due limit i, due limit i - 1).
        var pastDueAges: [Int] = []
        var upper = now - window
        for limit in DashboardFigures.pastDueLimits {
            let lower = now - window - limit
            pastDueAges.append(try count { filter in
                filter.statuses = [.pending]
                filter.since = Instant(milliseconds: lower)
                filter.until = Instant(milliseconds: upper)
            })
            upper = lower
        }
        pastDueAges.append(try count { filter in
            filter.statuses = [.pending]
            filter.until = Instant(milliseconds: upper)
        })

        // Appeals count the whole desk, like the statistics: no category condition.
        var appeals = DashboardFigures.AppealCounts()
        let appealRows = try Row.fetchAll(db, sql: """
            SELECT appeal, sum(reports) FROM report_status_day_tally WHERE appeal <> '' GROUP BY appeal
            """)
        for row in appealRows {
            if let status = Appeal.Status(rawValue: row[0]) { appeals.add(status, count: row[1]) }
        }
        let openAppeals = try count { $0.appeal = .open }
        let pastDueReports = try Array(ColumnsCursor(reports: db.makeStatement(sql: """
            SELECT \(ReportRecord.columns) FROM report WHERE status = 'pending' AND reported_at < ?\(categoryCondition)
            ORDER BY reported_at, key LIMIT \(request.listLimit)
            """), arguments: arguments([now - window]), blobs: blobs))
        let openAppealReports = try Array(ColumnsCursor(reports: db.makeStatement(sql: """
            SELECT \(ReportRecord.columns) FROM report INDEXED BY report_by_open_appeal
            WHERE appeal_status = 'open'\(categoryCondition) ORDER BY appeal_opened_at, key LIMIT \(request.listLimit)
            """), arguments: StatementArguments(request.categories), blobs: blobs))

        return DashboardFigures(
            version: version, categories: categories, received: received,
            issueTypes: issueTypes.sorted { ($0.count, $1.category, $1.issueType) > ($1.count, $0.category, $0.issueType) },
            weeks: processing.weeks, timeToProcess: processing.timeToProcess, processed: processing.period.count,
            processedInTime: processing.period.inTime, medianMillisecondsToProcess: processing.periodMedian,
            pending: pending, pastDue: pastDue, dueSoon: dueSoon, openAppeals: openAppeals, appeals: appeals, pastDueAges: pastDueAges,
            pastDueReports: pastDueReports, openAppealReports: openAppealReports, statistics: statistics)
    }

    /// Reports matching a filter of the request's categories, from the kept tallies.
    private func count(_ configure: (inout ReportFilter) -> Void) throws -> Int {
        var filter = ReportFilter()
        filter.categories = request.categories
        configure(&filter)
        return try FilterCount.count(db, filter, now: request.now)
    }

    /// Reports made in [from, to): per category per whole day, and per category and issue type in all.
    private func reportedByDay(from: Int64, to: Int64) throws -> (byDay: [String: [Int64: Int]], byKind: [String: [String: Int]]) {
        var byDay: [String: [Int64: Int]] = [:]
        var byKind: [String: [String: Int]] = [:]
        let span = DaySpan(from: from, to: to)
        if !span.days.isEmpty {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT category, issue_type, day, sum(reports) FROM report_day_tally WHERE day >= ? AND day < ?\(categoryCondition)
                GROUP BY category, issue_type, day
                """, arguments: arguments([span.days.lowerBound, span.days.upperBound]))
            while let row = try rows.next() {
                let category: String = row[0]
                let reports: Int = row[3]
                byDay[category, default: [:]][row[2], default: 0] += reports
                byKind[category, default: [:]][row[1], default: 0] += reports
            }
        }
        for partial in span.partials {
            for row in try Row.fetchAll(db, sql: """
                SELECT category, issue_type, count(*) FROM report WHERE reported_at >= ? AND reported_at < ?\(categoryCondition)
                GROUP BY category, issue_type
                """, arguments: arguments([partial.from, partial.to])) {
                byKind[row[0], default: [:]][row[1], default: 0] += row[2] as Int
            }
        }
        return (byDay, byKind)
    }

    /// Processing times: per week of the request, in the period (by time-to-process bin, with the
    /// median) for the request's categories, and over the whole desk. Whole days come from
    /// `processed_day_tally` in six-hour steps of time to process; partial days row by row; each
    /// median is read from the time-to-process index at its rank within its step.
    private func processingFigures(from since: Int64, to until: Int64) throws -> ProcessingFigures {
        var figures = ProcessingFigures(weeks: max(request.weekEdges.count - 1, 0))
        let span = DaySpan(from: since, to: until)
        var byDay: [Int64: (count: Int, inTime: Int)] = [:]
        var periodSteps: [Int64: Int] = [:]
        if !span.days.isEmpty {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT day, steps, sum(reports) FROM processed_day_tally WHERE day >= ? AND day < ?\(categoryCondition)
                GROUP BY day, steps
                """, arguments: arguments([span.days.lowerBound, span.days.upperBound]))
            while let row = try rows.next() {
                let steps: Int64 = row[1]
                let reports: Int = row[2]
                periodSteps[steps, default: 0] += reports
                let inTime = ProcessingFigures.inTime(steps: steps) ? reports : 0
                byDay[row[0], default: (0, 0)].count += reports
                byDay[row[0], default: (0, 0)].inTime += inTime
            }
        }
        for partial in span.partials {
            let durations = try Int64.fetchAll(db, sql: """
                SELECT processed_at - reported_at FROM report WHERE processed_at >= ? AND processed_at < ?\(categoryCondition)
                """, arguments: arguments([partial.from, partial.to]))
            for duration in durations { periodSteps[ProcessingFigures.steps(duration), default: 0] += 1 }
        }
        for week in figures.weeks.indices {
            let weekSpan = DaySpan(from: request.weekEdges[week].milliseconds, to: request.weekEdges[week + 1].milliseconds)
            for day in weekSpan.days {
                figures.weeks[week].processed += byDay[day]?.count ?? 0
                figures.weeks[week].processedInTime += byDay[day]?.inTime ?? 0
            }
            for partial in weekSpan.partials {
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(*), coalesce(sum(processed_at - reported_at <= ?), 0) FROM report
                    WHERE processed_at >= ? AND processed_at < ?\(categoryCondition)
                    """, arguments: arguments([Report.processingWindow.milliseconds, partial.from, partial.to]))!
                figures.weeks[week].processed += row[0] as Int
                figures.weeks[week].processedInTime += row[1] as Int
            }
        }
        for (steps, reports) in periodSteps {
            figures.timeToProcess[DashboardFigures.bin(steps * ProcessingFigures.step, limits: DashboardFigures.timeToProcessLimits)] += reports
        }
        figures.period = ProcessingFigures.Totals(periodSteps)
        figures.periodMedian = try median(periodSteps, from: since, to: until, categories: request.categories)

        var deskSteps: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT steps, sum(reports) FROM processed_day_tally GROUP BY steps") {
            deskSteps[row[0]] = row[1]
        }
        figures.desk = ProcessingFigures.Totals(deskSteps)
        figures.deskMedian = try median(deskSteps, from: nil, to: nil, categories: [])
        return figures
    }

    /// The median time to process of the reports counted in `steps` (processed in [from, to), in
    /// these categories): the mean of the two middle ones for an even count, as `stats` computes it.
    private func median(_ steps: [Int64: Int], from: Int64?, to: Int64?, categories: [String]) throws -> Int64? {
        let total = steps.values.reduce(0, +)
        guard total > 0 else { return nil }
        let ordered = steps.keys.sorted()
        func value(rank: Int) throws -> Int64? {
            var before = 0
            for step in ordered {
                let reports = steps[step]!
                if rank < before + reports {
                    var terms = ["processed_at IS NOT NULL", "processed_at - reported_at > ?", "processed_at - reported_at <= ?"]
                    var values: [(any DatabaseValueConvertible)?] = [(step - 1) * ProcessingFigures.step, step * ProcessingFigures.step]
                    if let from { terms.append("processed_at >= ?"); values.append(from) }
                    if let to { terms.append("processed_at < ?"); values.append(to) }
                    if !categories.isEmpty {
                        terms.append("category IN (\(categories.map { _ in "?" }.joined(separator: ", ")))")
                        values += categories.map { $0 as (any DatabaseValueConvertible)? }
                    }
                    values.append(rank - before)
                    return try Int64.fetchOne(db, sql: """
                        SELECT processed_at - reported_at FROM report INDEXED BY report_by_time_to_process
                        WHERE \(terms.joined(separator: " AND ")) ORDER BY processed_at - reported_at LIMIT 1 OFFSET ?
                        """, arguments: StatementArguments(values))
                }
                before += reports
            }
            return nil
        }
        guard let lower = try value(rank: (total - 1) / 2), let upper = try value(rank: total / 2) else { return nil }
        return (lower + upper) / 2
    }

    /// The requested categories, else every category holding reports.
    private func categoriesShown() throws -> [String] {
        if !request.categories.isEmpty { return request.categories }
        return try String.fetchAll(db, sql: "SELECT category FROM report_tally GROUP BY category HAVING sum(reports) > 0 ORDER BY category")
    }
}

extension VersionLogReports {
    /// The reports after `key`, in key order, a batch at a time, as they stood at the version;
    /// `lastKey` is the last key looked at (it may have held no report then), `nil` at the end.
    func batch(after key: Int, limit: Int) throws -> (reports: [Report], lastKey: Int?) {
        let keys = try Int.fetchAll(db, sql: """
            SELECT DISTINCT key FROM report_change WHERE key > ? AND version <= ? ORDER BY key LIMIT ?
            """, arguments: [key, version, limit])
        let found = try reports(keys: keys)
        return (keys.compactMap { found[$0] }, keys.last)
    }
}
