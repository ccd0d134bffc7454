import GRDB
package import ReportDeskCore

/// Settings rows (`contactEmail`, the taxonomy's additions, …), each a JSON value.
enum SettingsStore {
    /// The setting that holds categories and issue types added to the built-in taxonomy (R1).
    static let taxonomyAdditions = "taxonomyAdditions"

    static func value(_ db: Database, name: String) throws -> JSONValue? {
        guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE name = ?"),
                                             arguments: [name]) else { return nil }
        return try JSONParser.parse(text)
    }

    static func all(_ db: Database) throws -> [(String, JSONValue)] {
        try Row.fetchAll(db, sql: "SELECT name, value FROM setting ORDER BY name").compactMap { row in
            let name: String = row[0]
            let text: String = row[1]
            return (name, try JSONParser.parse(text))
        }
    }

    /// The built-in taxonomy with this store's additions merged in.
    static func taxonomy(_ db: Database) throws -> Taxonomy {
        var taxonomy = Taxonomy.builtIn
        guard let additions = try value(db, name: taxonomyAdditions)?.arrayValue else { return taxonomy }
        for addition in additions {
            if let category = ReportCategory(json: addition) { taxonomy.merge(category) }
        }
        return taxonomy
    }
}

extension ReportCategory {
    /// The JSON a store keeps for an added category (and the `taxonomy` command returns).
    package var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("displayName", .string(displayName)),
            ("issueTypes", .array(issueTypes.map { .object(JSONObject([("id", .string($0.id)), ("displayName", .string($0.displayName))])) })),
            ("fields", .array(ReportField.allCases.filter(fields.contains).map { .string($0.rawValue) })),
            ("appealable", .bool(appealable)),
        ]))
    }

    package init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let displayName = json["displayName"]?.stringValue else { return nil }
        let types = (json["issueTypes"]?.arrayValue ?? []).compactMap { item -> IssueType? in
            guard let typeID = item["id"]?.stringValue else { return nil }
            return IssueType(typeID, item["displayName"]?.stringValue ?? typeID)
        }
        let fields = Set((json["fields"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(ReportField.init(rawValue:)) })
        self.init(id: id, displayName: displayName, issueTypes: types, fields: fields,
                  appealable: json["appealable"]?.boolValue ?? false)
    }
}
