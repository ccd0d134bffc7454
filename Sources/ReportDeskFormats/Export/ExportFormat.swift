/// What `export` writes: JSON Lines (the contract's fields, one report a line, re-importable as
/// the same reports) or CSV with the console's column names for spreadsheets.
package enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl
    case csv
}
