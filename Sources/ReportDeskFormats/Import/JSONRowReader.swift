package import ReportDeskCore

/// Turns a JSON object (a JSON Lines line or an array element) into an import row. Keys are
/// looked up once per distinct spelling; keys the desk does not know are collected for the result.
package struct JSONRowReader {
    private var keys: [String: ImportField?] = [:]
    /// Keys that named no field, in the order first seen.
    package private(set) var unknown: [String] = []

    private let names: ImportNames

    package init(names: ImportNames = .standard) { self.names = names }

    package mutating func row(_ record: ImportRecord) -> Result<ImportRow, ImportRejection> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(record.content))
        } catch {
            return .failure(ImportRejection(field: nil, "the row is not valid JSON: \(error.description)"))
        }
        guard case .object(let object) = value else {
            return .failure(ImportRejection(field: nil, "the row is a JSON \(value.typeName), not an object of report fields"))
        }
        var row = ImportRow()
        for (key, member) in object {
            guard let field = field(for: key), field != .derived else { continue }
            switch member {
            case .null:
                continue
            case .string(let text):
                if !text.isEmpty { row[field] = .text(text) }
            case .number(let number):
                // Ids written as numbers keep their digits exactly.
                row[field] = .text(number.text)
            case .object where field == .screenshot || field == .appeal:
                row[field] = .json(member)
            case .bool, .array, .object:
                return .failure(ImportRejection(field, "must be text, not a JSON \(member.typeName)"))
            }
        }
        return .success(row)
    }

    private mutating func field(for key: String) -> ImportField? {
        if let known = keys[key] { return known }
        let field = names.field(named: key)
        if keys.count < 1000 { keys[key] = field }
        if field == nil, unknown.count < 50, !unknown.contains(key) { unknown.append(key) }
        return field
    }
}
