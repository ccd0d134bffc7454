import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `taxonomy`: categories with display names, issue types and field rules (R1, R2).
enum TaxonomyCommand: Command {
    static let spec = CommandSpec(
        Self.self, "taxonomy", topic: .store,
        summary: "List categories, their issue types and which fields each allows",
        examples: ["taxonomy"],
        view: TaxonomyText(), mutates: false)

    /// Each category as the taxonomy writes it (`ReportCategory.json`, also how additions are kept).
    static let result = ObjectShape<Taxonomy>([
        .field("categories", .array(of: ValueShape.json(Schemas.anyObject).from(\ReportCategory.json)), \.categories),
    ]).shape

    static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> Taxonomy {
        try context.store().taxonomy()
    }
}

/// `taxonomy add`: extends the taxonomy with a category or issue types (R1: categories are data).
enum TaxonomyAddCommand: Command {
    struct Parameters: ParameterSet {
        let category = Param.text("category", help: "the category id (new, or existing to add issue types)", positional: true,
                                  required: true, maximumLength: 60, completion: .categories)
        let displayName = Param.text("displayName", help: "how the console names the category (new categories)", maximumLength: 100)
        let issueTypes = Param.texts("issueTypes", help: "issue types to add, as id or id=Display name", maximumLength: 160)
        let fields = Param.choices("fields", ReportField.self, help: "optional fields the new category allows")
        let appealable = Param.flag("appealable", help: "whether users may appeal processed reports of the new category")
    }

    static let spec = CommandSpec(
        Self.self, "taxonomy add", topic: .store,
        summary: "Add a category or issue types to this store's taxonomy",
        discussion: "New categories need a display name and say which optional fields they allow. Built-in categories cannot be changed, only extended with issue types.",
        examples: ["taxonomy add ads --display-name Advertisements --issue-types misleading_ad,too_many_ads --fields details",
                   "taxonomy add payment --issue-types \"gift_card=Gift card problem\""],
        view: TaxonomyText(), mutates: true)
    static let result = TaxonomyCommand.result

    static func run(_ arguments: Arguments<Parameters>, in context: CommandContext) throws -> Taxonomy {
        let id = try arguments.required(\.category)
        let types = try (arguments.value(\.issueTypes) ?? []).map { item -> IssueType in
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard let given = parts.first, !given.isEmpty else {
                throw DeskError.invalidParams(field: "issueTypes", "an issue type is id or id=Display name")
            }
            if parts.count > 1 {
                try requireSnakeCase(given, field: "issueTypes", what: "an issue type id")
                return IssueType(given, parts[1])
            }
            // A display name alone gives its id: "Feature request" → feature_request.
            if isSnakeCase(given) { return IssueType(given, given) }
            guard let derived = snakeCase(given) else {
                throw DeskError.invalidParams(field: "issueTypes",
                    "cannot make an issue type id from \(quoted(given)); give it as id=Display name, the id in snake_case (lowercase letters, digits and _)")
            }
            return IssueType(derived, given)
        }
        _ = try context.write { transaction in
            let taxonomy = try transaction.taxonomy()
            var additions = try transaction.setting("taxonomyAdditions")?.arrayValue ?? []
            if let existing = taxonomy.category(named: id) {
                let fresh = types.filter { type in existing.issueType(named: type.id) == nil }
                guard !fresh.isEmpty else {
                    throw DeskError.invalidParams(field: "issueTypes", "\(existing.id) already has every issue type given; give new ones")
                }
                additions.append(ReportCategory(id: existing.id, displayName: existing.displayName, issueTypes: fresh,
                                                fields: existing.fields, appealable: existing.appealable).json)
            } else {
                try requireSnakeCase(id, field: "category", what: "a category id")
                guard let name = try arguments.value(\.displayName), !name.isEmpty else {
                    throw DeskError.invalidParams(field: "displayName", "a new category needs --display-name")
                }
                guard !types.isEmpty else {
                    throw DeskError.invalidParams(field: "issueTypes", "a new category needs at least one issue type")
                }
                additions.append(ReportCategory(id: id, displayName: name, issueTypes: types,
                                                fields: Set(try arguments.value(\.fields) ?? []),
                                                appealable: try arguments.value(\.appealable) ?? false).json)
            }
            try transaction.setSetting("taxonomyAdditions", to: .array(additions))
            transaction.summary = "taxonomy add \(id)"
        }
        return try context.store().taxonomy()
    }

    /// Ids are snake_case like the built-in ones: a lowercase letter, then lowercase letters,
    /// digits and single underscores.
    static func isSnakeCase(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), !id.hasSuffix("_"), !id.contains("__") else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `Feature request` → `feature_request`; nil when nothing of the name is ASCII letters or digits.
    static func snakeCase(_ name: String) -> String? {
        var words: [String] = []
        var word = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let id = words.joined(separator: "_")
        return isSnakeCase(id) ? id : nil
    }

    private static func requireSnakeCase(_ id: String, field: String, what: String) throws(DeskError) {
        guard !isSnakeCase(id) else { return }
        let suggestion = snakeCase(id).map { " such as \($0)" } ?? ""
        throw DeskError.invalidParams(field: field,
            "\(what) is snake_case: lowercase letters, digits and _, starting with a letter\(suggestion); got \(quoted(id))")
    }
}
