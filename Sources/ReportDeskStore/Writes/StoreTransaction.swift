import Foundation
import Crypto
import GRDB
package import ReportDeskCore

/// What a write sees: reads and changes inside one IMMEDIATE transaction that becomes exactly one
/// new version (R12). Every change records the before and after state of what it touched.
package final class StoreTransaction {
    let db: Database
    let blobs: BlobStore
    /// The number this write's version will have.
    package let version: Int
    /// When the write happens; the version's time.
    package let at: Instant
    /// One line for `history`; the command sets it. Never holds personal data.
    package var summary = ""
    /// Set by `undo`: the version this one reverts.
    package var reverts: Int?
    private(set) var changedKeys: [Int] = []
    private var changedKeySet: Set<Int> = []
    private(set) var changedSettings: [String] = []
    /// Reports added by an import, counted rather than listed so memory stays flat (R13).
    var bulkInsertions = 0
    /// Reports removed in bulk (an import undone), counted rather than listed for the same reason.
    var bulkRemovals = 0
    /// Set by `erase` when it scrubbed the version log: a change even when no report is left to save
    /// (the user's reports were all removed), or the scrubbed entries would roll back.
    var scrubbedLog = false

    /// `StoreOptions.bulkRows`: how big an import or undo sets the secondary indexes aside.
    let bulkRows: Int

    init(db: Database, blobs: BlobStore, version: Int, at: Instant, bulkRows: Int) {
        self.db = db
        self.blobs = blobs
        self.version = version
        self.at = at
        self.bulkRows = bulkRows
    }

    var hasChanges: Bool { !changedKeys.isEmpty || !changedSettings.isEmpty || bulkInsertions > 0 || bulkRemovals > 0 || scrubbedLog }

    // MARK: Reading inside the write

    package func report(_ reference: ReportReference) throws -> Report {
        try ReportLookup.report(db, reference, blobs: blobs)
    }

    package func report(key: Int) throws -> Report? {
        try ReportLookup.report(db, key: key, blobs: blobs)
    }

    package func taxonomy() throws -> Taxonomy {
        try SettingsStore.taxonomy(db)
    }

    package func setting(_ name: String) throws -> JSONValue? {
        try SettingsStore.value(db, name: name)
    }

    /// Throws -32002 if the report changed after the version the client last saw (R12).
    package func check(_ report: Report, ifVersion: Int?) throws {
        guard let ifVersion, report.version > ifVersion else { return }
        throw DeskError.conflict(
            "report \(report.label) changed at version \(report.version), after version \(ifVersion) that you saw; read it again and retry",
            currentVersion: version - 1, extra: [("key", .int(report.key)), ("reportVersion", .int(report.version))])
    }

    // MARK: Changing

    /// The outcome of adding a report: a new key, or the report it duplicates (R13 idempotency).
    package enum Insertion {
        case inserted(Report)
        case duplicate(key: Int)
    }

    /// Adds a validated submission as a new pending (or, for imports, already processed) report.
    /// `generatedIDSeed` makes an import's generated Report ID the same every time the row is seen.
    package func insert(_ submission: ReportSubmission, screenshot: Screenshot?, deterministicReportID: Bool) throws -> Insertion {
        let generatesID = try taxonomy().category(named: submission.category)?.hasPlatformReportID ?? false
        var report = Report(newFrom: submission, reportId: submission.reportId, screenshot: screenshot, version: version)
        let fingerprint = Fingerprint.assignIdentity(to: &report, generatesReportID: generatesID, deterministic: deterministicReportID)
        let reportId = report.reportId
        // A nil key lets AUTOINCREMENT pick one never used before (R4).
        let arguments = ReportRecord.arguments(of: report, key: nil, fingerprint: fingerprint)
        let statement = try db.cachedStatement(sql: ReportRecord.insertSQL + " ON CONFLICT DO NOTHING")
        try statement.execute(arguments: arguments)
        guard db.changesCount == 1 else {
            let existing = try Int.fetchOne(db, sql: "SELECT key FROM report WHERE report_id = ? OR fingerprint = ?",
                                            arguments: [reportId, fingerprint])
            return .duplicate(key: existing ?? 0)
        }
        report.key = Int(db.lastInsertedRowID)
        try SearchIndex.insert(db, key: report.key)
        try recordChange(key: report.key, before: nil, after: report)
        return .inserted(report)
    }

    /// Writes a changed report, with its search text and version-log entry; `before` is the report
    /// as stored now (only the columns that differ from it are written).
    package func save(_ changed: Report, replacing before: Report) throws -> Report {
        var after = changed
        after.version = version
        let textChanged = before.details != after.details || before.note != after.note || before.appeal != after.appeal
        if textChanged { try SearchIndex.remove(db, key: after.key) }
        try ReportRecord.update(db, from: before, to: after)
        if textChanged { try SearchIndex.insert(db, key: after.key) }
        try recordChange(key: after.key, before: before, after: after)
        return after
    }

    /// Removes a report (undoing its intake). Its key is never handed out again (R4).
    package func remove(_ report: Report) throws {
        try SearchIndex.remove(db, key: report.key)
        try db.execute(sql: "DELETE FROM report WHERE key = ?", arguments: [report.key])
        try recordChange(key: report.key, before: report, after: nil)
    }

    /// Removes the reports under `keys` that are still there (undoing their intake) with a few
    /// statements for the batch, and returns them. In `bulk`, the caller builds the search index
    /// again afterwards, so their entries are left to that, and the keys are counted, not listed.
    func removeAll(keys: [Int], bulk: Bool) throws -> [Report] {
        guard !keys.isEmpty else { return [] }
        let list = keys.map(String.init).joined(separator: ",")
        let reports = try Array(ColumnsCursor(reports: db.makeStatement(sql: "SELECT \(ReportRecord.columns) FROM report WHERE key IN (\(list)) ORDER BY key"),
                                              blobs: blobs))
        if !bulk {
            for report in reports { try SearchIndex.remove(db, key: report.key) }
        }
        try db.execute(sql: "DELETE FROM report WHERE key IN (\(list))")
        for report in reports { try recordChange(key: report.key, before: report, after: nil, listed: !bulk) }
        if bulk { bulkRemovals += reports.count }
        return reports
    }

    /// Puts back a removed report under its old key (undoing an undo of its intake).
    package func reinstate(_ report: Report) throws -> Report {
        var restored = report
        restored.version = version
        let arguments = ReportRecord.arguments(of: restored, key: restored.key,
                                               fingerprint: Fingerprint.isIdentity(of: restored) ? Fingerprint.of(restored) : nil)
        try db.execute(sql: ReportRecord.insertSQL, arguments: arguments)
        try SearchIndex.insert(db, key: restored.key)
        try recordChange(key: restored.key, before: nil, after: restored)
        return restored
    }

    package func setSetting(_ name: String, to value: JSONValue?) throws {
        let before = try SettingsStore.value(db, name: name)
        guard before != value else { return }
        if let value {
            try db.execute(sql: "INSERT INTO setting(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [name, JSONWriter.string(value)])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE name = ?", arguments: [name])
        }
        try db.execute(sql: """
            INSERT INTO setting_change(version, name, before, after) VALUES (?, ?, ?, ?)
            ON CONFLICT(name, version) DO UPDATE SET after = excluded.after
            """, arguments: [version, name, before.map(JSONWriter.string), value.map(JSONWriter.string)])
        if !changedSettings.contains(name) { changedSettings.append(name) }
    }

    private func recordChange(key: Int, before: Report?, after: Report?, listed: Bool = true) throws {
        try db.cachedStatement(sql: """
            INSERT INTO report_change(version, key, before, after) VALUES (?, ?, ?, ?)
            ON CONFLICT(key, version) DO UPDATE SET after = excluded.after
            """).execute(arguments: [version, key, before.map { JSONWriter.string($0.stateJSON) },
                                     after.map { JSONWriter.string($0.stateJSON) }])
        if listed, changedKeySet.insert(key).inserted { changedKeys.append(key) }
    }

    /// Copies a screenshot file into the store's blobs (R11).
    package func ingestScreenshot(path: String, importedFrom folder: String?) throws -> Screenshot {
        try blobs.ingest(path: path, policy: folder.map { .importedFrom(folder: $0) } ?? .operatorPath)
    }
}

/// Identity of reports that carry no platform Report ID (R13): a SHA-256 over the field table's
/// identity fields (the user-written fields and the report time), documented in the README.
enum Fingerprint {
    /// The one fingerprint, for single inserts, imports and reinstated reports alike.
    static func of(_ report: Report) -> String {
        hex(SHA256.hash(data: Array(ReportFieldTable.standard.identityText(of: report).utf8)))
    }

    /// Lower-case hex without a formatter per byte: imports hash every row.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A new report's identity (R13): a platform Report ID when it has one (no fingerprint), else
    /// its fingerprint, returned, plus a generated Report ID for categories that carry one (the
    /// same every time when `deterministic`, so a re-imported row gets the same ID).
    static func assignIdentity(to report: inout Report, generatesReportID: Bool, deterministic: Bool) -> String? {
        guard report.reportId == nil else { return nil }
        let fingerprint = of(report)
        if generatesReportID { report.reportId = deterministic ? generatedReportID(from: fingerprint) : randomReportID() }
        return fingerprint
    }

    /// Reports without a platform-given Report ID are identified by their fingerprint.
    static func isIdentity(of report: Report) -> Bool {
        report.reportId == nil || report.reportId!.hasPrefix(generatedPrefix)
    }

    static let generatedPrefix = "RD-"

    /// A Report ID made from the fingerprint, so re-importing a row yields the same ID.
    static func generatedReportID(from fingerprint: String) -> String {
        generatedPrefix + fingerprint.prefix(20).uppercased()
    }

    static func randomReportID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = (0..<10).map { _ in String(format: "%02X", UInt8.random(in: 0...255, using: &generator)) }.joined()
        return generatedPrefix + value
    }
}

extension Report {
    /// The report a validated submission becomes, before the store gives it a key.
    init(newFrom submission: ReportSubmission, reportId: String?, screenshot: Screenshot?, version: Int) {
        self.init(key: 0, reportId: reportId, category: submission.category, issueType: submission.issueType,
                  openId: submission.openId, details: submission.details, orderId: submission.orderId,
                  screenshot: screenshot, reportedAt: submission.reportedAt, status: submission.status,
                  processedAt: submission.processedAt, note: submission.note, appeal: submission.appeal, version: version)
    }
}
