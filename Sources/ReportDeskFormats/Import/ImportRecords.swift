/// Reads an import file's records with the reader its format calls for, streaming (R13).
package enum ImportRecords {
    /// Calls `body` with each record from `start` (as `ImportFormat.detect` found them) in order.
    package static func forEach(_ input: ImportInput, format: ImportFormat, start: Int,
                                _ body: (ImportRecord) throws -> Void) throws {
        switch format {
        case .csv:
            var reader = CSVReader(input: input, start: start)
            try reader.forEachRecord(body)
        case .jsonLines:
            var reader = JSONLinesReader(input: input, start: start)
            try reader.forEachRecord(body)
        case .jsonArray:
            var reader = JSONArrayReader(input: input, start: start)
            try reader.forEachRecord(body)
        }
    }
}

/// Splits an import file into records, in order, without holding more than one record at a time.
protocol ImportRecordReader {
    mutating func forEachRecord(_ body: (ImportRecord) throws -> Void) throws
}
