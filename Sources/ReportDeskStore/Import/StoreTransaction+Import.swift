import ReportDeskCore

extension StoreTransaction {
    /// Imports every row of `input` as part of this one transaction, so the whole import is one
    /// version and a crash or a cancellation leaves the store as it was (R12, R13). Rows are
    /// streamed: one record at a time is held, whatever the file's size.
    package func importReports(from input: ImportInput, settings: ImportSettings) throws -> ImportOutcome {
        let (format, start) = try ImportFormat.detect(input)
        var outcome = ImportOutcome(format: format)
        let taxonomy = try self.taxonomy()
        var decoder = ImportRowDecoder(taxonomy: taxonomy, zone: settings.zone, now: settings.now)
        var screenshots = ImportScreenshots(blobs: blobs, folder: input.folder)
        let inserter = try ImportInserter(self)
        var header: CSVHeader?
        var jsonRows = JSONRowReader()
        var rejects: RejectsFile?
        let generatesID = Set(taxonomy.categories.filter(\.hasPlatformReportID).map(\.id))

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
                let submission = try row.flatMap { decoder.submission(from: $0) }.get()
                let screenshot = try screenshots.resolve(submission.screenshot)
                try inserter.insert(submission, screenshot: screenshot, generatesReportID: generatesID.contains(submission.category))
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
            try inserter.finish()
            outcome.imported = inserter.inserted
            outcome.duplicates = inserter.duplicates
            if format != .csv { outcome.ignoredFields = jsonRows.unknown }
            try rejects?.finish()
        } catch {
            rejects?.discard()
            throw error
        }
        if let rejects, rejects.isCreated { outcome.rejectsFile = rejects.path }
        settings.progress(outcome.rows, input.offset(of: input.end), input.totalBytes)
        summary = "import \(input.name): \(outcome.imported) added, \(outcome.duplicates) duplicates, \(outcome.rejectedCount) rejected"
        return outcome
    }
}
