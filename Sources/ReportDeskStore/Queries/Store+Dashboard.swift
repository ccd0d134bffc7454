import GRDB
package import ReportDeskCore

extension Store {
    /// The dashboard's figures from the live tables, in one read. Counts come from index ranges
    /// (`v4-dashboard-indexes`) and the tally; only the listed reports are loaded.
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

/// The live figures, one index range at a time.
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

    private func count(_ sql: String, _ values: [any DatabaseValueConvertible]) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql + categoryCondition), arguments: arguments(values)) ?? 0
    }

    func figures(blobs: BlobStore) throws -> DashboardFigures {
        let now = request.now.milliseconds
        let window = Report.processingWindow.milliseconds
        let categories = try categoriesShown()

        let receivedSQL = """
            SELECT count(*) FROM report WHERE category = ? AND status IN ('pending', 'resolved', 'dismissed')
            AND reported_at >= ? AND reported_at < ?
            """
        var received: [[Int]] = []
        for index in request.edges.indices.dropLast() {
            let start = request.edges[index].milliseconds
            let end = request.edges[index + 1].milliseconds
            received.append(try categories.map { category in
                try Int.fetchOne(db.cachedStatement(sql: receivedSQL), arguments: [category, start, end]) ?? 0
            })
        }

        var issueTypes: [DashboardFigures.IssueTypeCount] = []
        let kinds = try Row.fetchAll(db, sql: """
            SELECT DISTINCT category, issue_type FROM report_tally WHERE reports > 0\(categoryCondition) ORDER BY category, issue_type
            """, arguments: StatementArguments(request.categories))
        for kind in kinds {
            let count = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM report WHERE category = ? AND issue_type = ? AND reported_at >= ? AND reported_at < ?
                """), arguments: [kind[0] as String, kind[1] as String, request.since.milliseconds, request.until.milliseconds]) ?? 0
            if count > 0 { issueTypes.append(.init(category: kind[0], issueType: kind[1], count: count)) }
        }

        // Processing times: one pass over one index, two integers per processed report (and the
        // category when the request names some), for the period, its weeks and the whole desk.
        // A processed time implies a status other than pending (a CHECK constraint), so the index
        // alone answers what `stats` has always counted as processed.
        var processing = ProcessingCounts(request: request)
        var allDurations: [Int64] = []
        var allInTime = 0
        let wanted = Set(request.categories)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT processed_at, reported_at\(wanted.isEmpty ? "" : ", category") FROM report INDEXED BY report_by_processed
            WHERE processed_at IS NOT NULL
            """)
        while let row = try rows.next() {
            let processedAt = Instant(milliseconds: row[0])
            let duration = processedAt.milliseconds - (row[1] as Int64)
            allDurations.append(duration)
            if duration <= window { allInTime += 1 }
            if !wanted.isEmpty, !wanted.contains(row[2] as String) { continue }
            processing.add(processedAt: processedAt, duration: duration)
        }
        let processedInTime = processing.processedInTime
        let (byStatus, byCategory, byIssueType) = try Store.breakdown(db)
        let version = try VersionLog.latest(db)
        let statistics = StoreStatistics(version: version, byStatus: byStatus, byCategory: byCategory, byIssueType: byIssueType,
                                         processed: allDurations.count, processedInTime: allInTime,
                                         medianMillisecondsToProcess: DashboardFigures.median(&allDurations))

        let pendingSQL = "SELECT count(*) FROM report WHERE status = 'pending' AND reported_at >= ? AND reported_at < ?"
        let pending = try Int.fetchOne(db, sql: "SELECT coalesce(sum(reports), 0) FROM report_tally WHERE status = 'pending'"
                                       + categoryCondition, arguments: StatementArguments(request.categories)) ?? 0
        let pastDue = try count(pendingSQL, [Int64.min, now - window])
        let dueSoon = try count(pendingSQL, [now - window, now + 86_400_000 - window + 1])
        // A report is past due by now - due: bin i holds reported_at in [due limit i, due limit i - 1).
        var pastDueAges: [Int] = []
        var upper = now - window
        for limit in DashboardFigures.pastDueLimits {
            pastDueAges.append(try count(pendingSQL, [now - window - limit, upper]))
            upper = now - window - limit
        }
        pastDueAges.append(try count(pendingSQL, [Int64.min, upper]))

        // Appeals count the whole desk, like the statistics: no category condition.
        var appeals = DashboardFigures.AppealCounts()
        let appealRows = try Row.fetchAll(db, sql: """
            SELECT appeal_status, count(*) FROM report INDEXED BY report_by_appeal WHERE appeal_status IS NOT NULL GROUP BY appeal_status
            """)
        for row in appealRows {
            if let status = Appeal.Status(rawValue: row[0]) { appeals.add(status, count: row[1]) }
        }
        let openAppeals = try count("SELECT count(*) FROM report INDEXED BY report_by_open_appeal WHERE appeal_status = 'open'", [])
        let pastDueReports = try Row.fetchAll(db, sql: """
            SELECT \(ReportRecord.columns) FROM report WHERE status = 'pending' AND reported_at < ?\(categoryCondition)
            ORDER BY reported_at, key LIMIT \(request.listLimit)
            """, arguments: arguments([now - window])).map { ReportRecord.report(from: $0, blobs: blobs) }
        let openAppealReports = try Row.fetchAll(db, sql: """
            SELECT \(ReportRecord.columns) FROM report INDEXED BY report_by_open_appeal
            WHERE appeal_status = 'open'\(categoryCondition) ORDER BY appeal_opened_at, key LIMIT \(request.listLimit)
            """, arguments: StatementArguments(request.categories)).map { ReportRecord.report(from: $0, blobs: blobs) }

        return DashboardFigures(
            version: version, categories: categories, received: received,
            issueTypes: issueTypes.sorted { ($0.count, $1.category, $1.issueType) > ($1.count, $0.category, $0.issueType) },
            weeks: processing.weeks, timeToProcess: processing.timeToProcess, processed: processing.durations.count,
            processedInTime: processedInTime, medianMillisecondsToProcess: DashboardFigures.median(&processing.durations),
            pending: pending, pastDue: pastDue, dueSoon: dueSoon, openAppeals: openAppeals, appeals: appeals, pastDueAges: pastDueAges,
            pastDueReports: pastDueReports, openAppealReports: openAppealReports, statistics: statistics)
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
