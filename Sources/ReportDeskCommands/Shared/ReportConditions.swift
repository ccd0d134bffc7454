import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// Which reports a filter keeps, besides their status: `list`, `search` and `export` add a status,
/// and a change by filter implies one (pending for resolve and dismiss, processed for reopen).
struct ReportConditions: ParameterSet {
    let pastDue = Param.flag("pastDue", help: "only pending reports past their 72 h due time (false: all others)")
    let category = Param.texts("category", help: "only this category (id or display name)", completion: .categories)
    let issueType = Param.texts("issueType", help: "only this issue type", completion: .issueTypes)
    let openId = Param.text("openId", help: "only reports by this user's Open ID", maximumLength: FieldLimits.identifier)
    let orderId = Param.text("orderId", help: "only reports about this order", maximumLength: FieldLimits.identifier)
    let since = Param.instant("since", help: "only reports made at or after this time (2026-11-24, yesterday, 7d, …)")
    let until = Param.instant("until", help: "only reports made before this time (2026-11-24, today, 36h, …)")
    let dueWithin = Param.duration("dueWithin", help: "only pending reports not yet past due that fall due within this span (6h, 2d)")
    let appeal = Param.choice("appeal", AppealFilter.self,
                              help: "by appeal: open (oldest appeal first), decided, none, or any (the default)")

    /// The filter the arguments describe; categories and issue types are checked against the
    /// store's taxonomy (R1, R2) and normalised to their ids; the taxonomy is read only then.
    static func filter(from arguments: Arguments<ReportConditions>,
                       taxonomy readTaxonomy: @autoclosure () throws -> Taxonomy) throws -> ReportFilter {
        var filter = ReportFilter()
        let categoryNames = try arguments.value(\.category) ?? []
        let issueTypeNames = try arguments.value(\.issueType) ?? []
        let taxonomy = categoryNames.isEmpty && issueTypeNames.isEmpty ? Taxonomy.builtIn : try readTaxonomy()
        filter.pastDue = try arguments.value(\.pastDue)
        filter.categories = try categoryNames.map { try taxonomy.requireCategory($0).id }
        let categoriesForTypes = filter.categories.isEmpty ? taxonomy.categories : filter.categories.compactMap(taxonomy.category(named:))
        filter.issueTypes = try issueTypeNames.map { name in
            for category in categoriesForTypes {
                if let type = category.issueType(named: name) { return type.id }
            }
            let valid = Array(Set(categoriesForTypes.flatMap { $0.issueTypes.map(\.id) })).sorted()
            throw DeskError.rule("R2", "unknown issue type \(quoted(name)); valid issue types: \(valid.joined(separator: ", "))",
                                 extra: [("field", "issueType"), ("valid", .array(valid.map(JSONValue.string)))])
        }
        filter.openId = try arguments.value(\.openId).nonEmpty
        filter.orderId = try arguments.value(\.orderId).nonEmpty
        filter.since = try arguments.value(\.since)
        filter.until = try arguments.value(\.until)
        filter.dueWithin = try arguments.value(\.dueWithin)
        filter.appeal = try arguments.value(\.appeal)
        return filter
    }
}
