import Foundation

/// The categories a store knows: the built-in defaults plus what the store added (R1: data, not code).
public struct Taxonomy: Sendable, Equatable {
    public private(set) var categories: [ReportCategory]

    package init(categories: [ReportCategory]) { self.categories = categories }

    package var categoryIDs: [String] { categories.map(\.id) }

    /// Finds a category by id or, case-insensitively, by display name ("Payment and orders").
    package func category(named name: String) -> ReportCategory? {
        categories.first { $0.id == name }
            ?? categories.first { $0.displayName.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The category, or an R1 error listing the valid ones.
    package func requireCategory(_ name: String) throws(DeskError) -> ReportCategory {
        guard let category = category(named: name) else {
            throw DeskError.rule("R1", "unknown category \(quoted(name)); valid categories: \(categoryIDs.joined(separator: ", "))",
                                 extra: [("field", "category"), ("valid", .array(categoryIDs.map(JSONValue.string)))])
        }
        return category
    }

    /// The issue type of a category, or an R2 error naming the valid ones.
    package func requireIssueType(_ name: String, in category: ReportCategory) throws(DeskError) -> IssueType {
        guard let issueType = category.issueType(named: name) else {
            let valid = category.issueTypes.map(\.id)
            throw DeskError.rule("R2", "issue type \(quoted(name)) is not in the \(category.id) list; valid issue types: \(valid.joined(separator: ", "))",
                                 extra: [("field", "issueType"), ("category", .string(category.id)),
                                         ("valid", .array(valid.map(JSONValue.string)))])
        }
        return issueType
    }

    /// Adds a category or, if it exists, the issue types it does not have yet.
    package mutating func merge(_ addition: ReportCategory) {
        if let index = categories.firstIndex(where: { $0.id == addition.id }) {
            let existing = categories[index]
            let newTypes = addition.issueTypes.filter { type in !existing.issueTypes.contains { $0.id == type.id } }
            categories[index] = ReportCategory(id: existing.id, displayName: existing.displayName,
                                               issueTypes: existing.issueTypes + newTypes,
                                               fields: existing.fields, appealable: existing.appealable)
        } else {
            categories.append(addition)
        }
    }
}

package func quoted(_ text: String) -> String {
    "\"" + (text.count > 80 ? String(text.prefix(80)) + "…" : text) + "\""
}
