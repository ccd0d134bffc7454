import Foundation
package import ReportDeskCore

/// A CSV file's header row: which field each column holds (R13: console words or camelCase).
/// Columns the desk does not know are listed in the result, never guessed at.
package struct CSVHeader {
    package let columns: [ImportField?]
    package let unknown: [String]

    /// Reads the header record; refuses a header that repeats a field or lacks a required one,
    /// since every row would then be rejected for the same reason.
    package init(_ record: ImportRecord, names: ImportNames = .standard) throws(DeskError) {
        var columns: [ImportField?] = []
        var unknown: [String] = []
        var seen: [ImportField: String] = [:]
        for index in record.cells.indices {
            guard let name = record.text(ofCell: index)?.trimmingCharacters(in: .whitespaces) else {
                throw DeskError.invalidParams(field: "path", "the CSV header holds invalid UTF-8 in column \(index + 1)")
            }
            let field = names.field(named: name)
            if let field, field != .derived {
                if let earlier = seen[field] {
                    throw DeskError.invalidParams(field: "path",
                        "the CSV header names \(field.label) twice (\(quoted(earlier)) and \(quoted(name))); nothing was imported")
                }
                seen[field] = name
            } else if field == nil, !name.isEmpty {
                unknown.append(name)
            }
            columns.append(field)
        }
        for required in [ImportField.category, .issueType, .reportedAt] where seen[required] == nil {
            throw DeskError.invalidParams(field: "path",
                "the CSV header has no \(required.consoleName) (\(required.name)) column; the first row must name the columns, e.g. \(CSVHeader.example); nothing was imported")
        }
        self.columns = columns
        self.unknown = unknown
    }

    static let example = "Report ID,Category,Issue type,Open ID,Report details,Report time,Order ID,Screenshot,Status"

    /// The row a record holds under this header.
    package func row(_ record: ImportRecord) -> Result<ImportRow, ImportRejection> {
        if let malformation = record.malformation {
            return .failure(ImportRejection(field: nil, "the row is not valid CSV: \(malformation)"))
        }
        if record.cells.count > columns.count {
            return .failure(ImportRejection(field: nil, "the row has \(record.cells.count) cells but the header names \(columns.count) columns"))
        }
        var row = ImportRow()
        for index in record.cells.indices {
            guard let field = columns[index], field != .derived else { continue }
            let cell = record.cells[index]
            if cell.start == cell.end { continue }
            guard let text = record.text(ofCell: index) else {
                return .failure(ImportRejection(field, "holds bytes that are not UTF-8"))
            }
            row[field] = .text(CSVCellText.restored(text))
        }
        return .success(row)
    }
}
