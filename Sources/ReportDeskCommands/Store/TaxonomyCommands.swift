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
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }), !id.isEmpty else {
            throw DeskError.invalidParams(field: "category", "a category id is letters, digits, _ and - only")
        }
        let types = try (arguments.value(\.issueTypes) ?? []).map { item -> IssueType in
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard let typeID = parts.first, !typeID.isEmpty else {
                throw DeskError.invalidParams(field: "issueTypes", "an issue type is id or id=Display name")
            }
            return IssueType(typeID, parts.count > 1 ? parts[1] : typeID)
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
}
