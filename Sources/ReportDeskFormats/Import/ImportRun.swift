package import ReportDeskCore

/// Reads an import file row by row and hands each decoded report to the store (R13): every row is
/// added, a duplicate, or rejected with its line and a reason, and kept byte for byte in the
/// rejects file. Rows stream through: one record at a time is held, whatever the file's size.
package enum ImportRun {
    /// Where decoded reports go: `add` takes a validated submission (throwing an `ImportRejection`,
    /// or a rule or parameter `DeskError`, to reject the row); `finish` writes what is queued and
    /// says how many reports were added and how many were already there.
    package struct Target {
        package var add: (ReportSubmission) throws -> Void
        package var finish: () throws -> (added: Int, duplicates: Int)

        package init(add: @escaping (ReportSubmission) throws -> Void,
                     finish: @escaping () throws -> (added: Int, duplicates: Int)) {
            self.add = add
            self.finish = finish
        }
    }

    package static func run(_ input: ImportInput, taxonomy: Taxonomy, settings: ImportSettings,
                            into target: Target) throws -> ImportOutcome {
        let (format, start) = try ImportFormat.detect(input)
        var outcome = ImportOutcome(format: format)
        var decoder = ImportRowDecoder(taxonomy: taxonomy, zone: settings.zone, now: settings.now)
        var header: CSVHeader?
        var jsonRows = JSONRowReader()
        var rejects: RejectsFile?

        func handle(_ record: ImportRecord) throws {
            if format == .csv, header == nil {
                header = try CSVHeader(record)
                outcome.ignoredFields = header!.unknown
                rejects = RejectsFile(directory: settings.rejectsDirectory, inputName: input.name, format: format,
                                      at: settings.now, header: Array(record.raw))
                return
            }
            outcome.rows += 1
            if outcome.rows & 1023 == 0 {
                try settings.checkCancelled()
                settings.progress(outcome.rows, input.offset(of: 0), input.totalBytes)
            }
            let row = format == .csv ? header!.row(record) : jsonRows.row(record)
            do {
                try target.add(try row.flatMap { decoder.submission(from: $0) }.get())
            } catch let rejection as ImportRejection {
                try reject(record, field: rejection.field, reason: rejection.reason)
            } catch let error as DeskError where error.code == .ruleViolated || error.code == .invalidParams || error.code == .notFound {
                try reject(record, field: error.data?["field"]?.stringValue, reason: error.message)
            }
        }

        func reject(_ record: ImportRecord, field: String?, reason: String) throws {
            outcome.rejectedCount += 1
            if outcome.rejected.count < ImportOutcome.listedRejections {
                outcome.rejected.append(.init(line: record.line, field: field, reason: reason))
            }
            if rejects == nil {
                rejects = RejectsFile(directory: settings.rejectsDirectory, inputName: input.name, format: format,
                                      at: settings.now, header: [])
            }
            try rejects!.append(record.raw)
        }

        do {
            try ImportRecords.forEach(input, format: format, start: start, handle)
            (outcome.imported, outcome.duplicates) = try target.finish()
            if format != .csv { outcome.ignoredFields = jsonRows.unknown }
            try rejects?.finish()
        } catch {
            rejects?.discard()
            throw error
        }
        if let rejects, rejects.isCreated { outcome.rejectsFile = rejects.path }
        settings.progress(outcome.rows, input.offset(of: input.end), input.totalBytes)
        return outcome
    }
}
