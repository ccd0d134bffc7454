package import ReportDeskCore

/// Applies the desk's rules to an import row (R1–R3, R5, R10, R13): the same validation `submit`
/// uses, plus what only imports have (status, processed time, note and appeal of a migrated desk).
/// Every failure is an `ImportRejection` whose reason names the field.
package struct ImportRowDecoder {
    let taxonomy: Taxonomy
    /// The zone report times without an offset are read in (`import --tz`, else the display zone).
    let zone: ZoneRules
    /// Report times later than this are refused: a report cannot be filed in the future.
    let latestReportTime: Instant
    private var categoryIDs: [String: String] = [:]
    private var issueTypeIDs: [String: String] = [:]

    package init(taxonomy: Taxonomy, zone: ZoneRules, now: Instant) {
        self.taxonomy = taxonomy
        self.zone = zone
        latestReportTime = now.adding(.minutes(5))
    }

    package mutating func submission(from row: ImportRow) -> Result<ReportSubmission, ImportRejection> {
        do {
            return .success(try decode(row))
        } catch let rejection as ImportRejection {
            return .failure(rejection)
        } catch let error as DeskError {
            return .failure(ImportRejection(field: error.data?["field"]?.stringValue, error.message))
        } catch {
            return .failure(ImportRejection(field: nil, "the row could not be read"))
        }
    }

    private mutating func decode(_ row: ImportRow) throws -> ReportSubmission {
        guard let categoryText = row.text(.category) else { throw ImportRejection(.category, "is missing") }
        guard let issueTypeText = row.text(.issueType) else { throw ImportRejection(.issueType, "is missing") }
        guard let reportedText = row.text(.reportedAt) else {
            throw ImportRejection(.reportedAt, "is missing: every row needs its report time (a default would make a re-import add the row again)")
        }
        let reportedAt = try instant(reportedText, .reportedAt)
        if reportedAt > latestReportTime {
            throw ImportRejection(.reportedAt, "\(quoted(reportedText)) is in the future; a report time is when the user submitted it")
        }
        let (category, issueType) = try canonical(category: categoryText, issueType: issueTypeText)
        var submission = ReportSubmission(
            category: category, issueType: issueType, openId: row.text(.openId), details: row.text(.details),
            orderId: row.text(.orderId), screenshot: try screenshot(row[.screenshot]), reportedAt: reportedAt,
            reportId: row.text(.reportId))
        if let statusText = row.text(.status) {
            guard let status = ReportStatus(rawValue: statusText.lowercased()) else {
                throw ImportRejection(.status, "\(quoted(statusText)) is not one of pending, resolved, dismissed")
            }
            submission.status = status
        }
        if let processedText = row.text(.processedAt) {
            let processedAt = try instant(processedText, .processedAt)
            if processedAt < reportedAt { throw ImportRejection(.processedAt, "is before the report time") }
            submission.processedAt = processedAt
        }
        // One rule for every format, the mirror of "a pending report has no processed time": a
        // resolved or dismissed row says when it was processed, or it is rejected (R6 needs it).
        if submission.status.isProcessed, submission.processedAt == nil {
            throw ImportRejection(.processedAt, "is missing; a \(submission.status.rawValue) report needs the time it was processed")
        }
        submission.note = row.text(.note) ?? ""
        submission.appeal = try appeal(row)
        return try submission.validated(against: taxonomy)
    }

    private func instant(_ text: String, _ field: ImportField) throws(ImportRejection) -> Instant {
        guard let instant = zone.parseInstant(text) else {
            throw ImportRejection(field, "\(quoted(text)) is not a time; write it as RFC 3339 such as 2026-11-24T09:30:00Z (without an offset it is read in \(zone.identifier))")
        }
        guard instant.milliseconds >= 0 else { throw ImportRejection(field, "\(quoted(text)) is before 1970") }
        return instant
    }

    /// Category and issue type as ids, looked up by id or display name once per distinct spelling.
    private mutating func canonical(category: String, issueType: String) throws(DeskError) -> (String, String) {
        let categoryID: String
        if let known = categoryIDs[category] {
            categoryID = known
        } else {
            categoryID = try taxonomy.requireCategory(category).id
            if categoryIDs.count < 1000 { categoryIDs[category] = categoryID }
        }
        let typeKey = categoryID + "\u{1F}" + issueType
        if let known = issueTypeIDs[typeKey] { return (categoryID, known) }
        let typeID = try taxonomy.requireIssueType(issueType, in: taxonomy.category(named: categoryID)!).id
        if issueTypeIDs.count < 1000 { issueTypeIDs[typeKey] = typeID }
        return (categoryID, typeID)
    }

    /// A URL, a file path, `sha256:…` of a stored image, or an export's screenshot object (R11).
    private func screenshot(_ value: ImportRow.Value?) throws(ImportRejection) -> ScreenshotSource? {
        switch value {
        case nil:
            return nil
        case .text(let text)?:
            if text.hasPrefix("sha256:") {
                let hash = String(text.dropFirst(7)).lowercased()
                guard Self.isSHA256(hash) else { throw ImportRejection(.screenshot, "\(quoted(text)) is not sha256: and 64 hex digits") }
                return .stored(Screenshot(sha256: hash))
            }
            return ScreenshotSource(text: text)
        case .json(let object)?:
            if let hash = object["sha256"]?.stringValue?.lowercased() {
                guard Self.isSHA256(hash) else { throw ImportRejection(.screenshot, "sha256 is not 64 hex digits") }
                return .stored(Screenshot(sha256: hash, bytes: object["bytes"]?.intValue, mediaType: object["mediaType"]?.stringValue,
                                          path: object["path"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }))
            }
            if let url = object["url"]?.stringValue, !url.isEmpty { return .url(url) }
            if let path = object["path"]?.stringValue, !path.isEmpty { return .file(path) }
            throw ImportRejection(.screenshot, "has none of url, path or sha256")
        }
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// An appeal as one JSON object (JSON rows, or JSON text in a CSV cell) or as the CSV columns
    /// Appeal status, Appeal message, Appeal opened, Appeal decided and Appeal note (R10).
    private func appeal(_ row: ImportRow) throws -> Appeal? {
        var object: JSONValue?
        switch row[.appeal] {
        case .json(let value)?: object = value
        case .text(let text)?:
            guard let parsed = try? JSONParser.parse(text), parsed.objectValue != nil else {
                throw ImportRejection(.appeal, "must be a JSON object with status, message and openedAt")
            }
            object = parsed
        case nil:
            guard let status = row.text(.appealStatus) else {
                for field in [ImportField.appealMessage, .appealOpenedAt, .appealDecidedAt, .appealNote] where row[field] != nil {
                    throw ImportRejection(.appealStatus, "is missing while \(field.label) is given")
                }
                return nil
            }
            object = .object(JSONObject([
                ("status", .string(status.lowercased())), ("message", .string(row.text(.appealMessage) ?? "")),
                ("openedAt", .string(try row.text(.appealOpenedAt).map { RFC3339.format(try instant($0, .appealOpenedAt)) } ?? "")),
                ("decidedAt", try row.text(.appealDecidedAt).map { .string(RFC3339.format(try instant($0, .appealDecidedAt))) } ?? .null),
                ("note", .string(row.text(.appealNote) ?? "")),
            ]))
        }
        guard let object else { return nil }
        guard let appeal = Appeal(json: object), appeal.openedAt.milliseconds >= 0, (appeal.decidedAt?.milliseconds ?? 0) >= 0 else {
            throw ImportRejection(.appeal, "needs status (open, upheld or overturned), message and openedAt (an RFC 3339 time after 1970)")
        }
        return appeal
    }
}
