import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// The reports a change acts on (R9: resolve or dismiss one report or many): one `id`, `ids`
/// (keys, Report IDs and ranges such as `3-9`), or the filters of `list` with the status the
/// change implies. Nothing ever means all: a change names its reports or filters them.
struct ChangeSelection: ParameterSet {
    let id = Param.report(help: "the report: its key (17) or platform Report ID")
    let ids = Param.reports(help: "several reports: keys, Report IDs and ranges, comma-separated (3-9,12,#15,RPT0001); all change or none does")
    let conditions = ReportConditions()
    let matching = Param.text("matching", help: "only reports that search finds for these words (details, notes, appeal messages)",
                              maximumLength: 1000)
    let dryRun = Param.flag("dryRun", help: "return the reports that would change, and change nothing")
    let expectCount = Param.integer("expectCount", help: "refuse with a conflict (-32002, the real count in data.count) unless exactly this many reports would change",
                                    range: 0...Int(Int32.max))
    let yes = Param.flag("yes", help: "do not ask before changing more than three reports (the REPL and a one-shot at a terminal ask)")

    /// How many reports a change may touch before a person at a terminal is asked.
    static let confirmAbove = 3

    /// The set the arguments select, as keys, and whether one report was named by `id`.
    struct Chosen {
        let keys: [Int]
        let single: Bool
        /// Whether the set came from filters (so its status was implied) rather than named reports.
        let byFilter: Bool
    }

    /// The report when the arguments name exactly one by `id` and ask for nothing a set needs
    /// (no filters, dry run or expected count).
    static func onlyOneReport(_ arguments: Arguments<ChangeSelection>) throws -> ReportReference? {
        guard let one = try arguments.value(\.id), try arguments.value(\.ids) == nil,
              try arguments.value(\.dryRun) != true, try arguments.value(\.expectCount) == nil,
              (try arguments.value(\.matching)?.trimmed).nonEmpty == nil,
              // Any condition at all (even one only the store's taxonomy knows) takes the set's path.
              (try? ReportConditions.filter(from: arguments.group(\.conditions), taxonomy: .builtIn)) == ReportFilter()
        else { return nil }
        return one
    }

    /// Resolves the arguments to keys. Named reports must exist (every missing one is named);
    /// filters select reports with one of `impliedStatuses`.
    static func choose(_ arguments: Arguments<ChangeSelection>, impliedStatuses: [ReportStatus],
                       store: Store, now: Instant) throws -> Chosen {
        let one = try arguments.value(\.id)
        let many = try arguments.value(\.ids)
        var filter = try ReportConditions.filter(from: arguments.group(\.conditions), taxonomy: store.taxonomy())
        let words = (try arguments.value(\.matching)?.trimmed).nonEmpty
        let filtered = filter != ReportFilter() || words != nil
        if one != nil, many != nil {
            throw DeskError.invalidParams(field: "ids", "give either id or ids, not both")
        }
        guard one != nil || many != nil || filtered else {
            throw DeskError.invalidParams(field: "id", """
                give the reports to change: an id (a key or Report ID), ids (3-9,12,#15) or filters such as --past-due, \
                --category, --issue-type, --since, --matching; nothing means all reports
                """)
        }
        var named: [Int]?
        if let one {
            // One report keeps the plain "no report with key 99" of every other command.
            named = [try store.report(one).key]
        } else if let many {
            named = try keys(of: many, store: store)
        }
        guard filtered else { return Chosen(keys: named ?? [], single: one != nil, byFilter: false) }
        // Named reports narrowed by filters keep every one the filters pick, whatever its status,
        // so a report that cannot change is named rather than silently left out.
        if named == nil { filter.statuses = impliedStatuses }
        var selected = try store.keys(matching: filter, words: words, now: now)
        if let named {
            let picked = Set(selected)
            selected = named.filter(picked.contains)
        }
        return Chosen(keys: selected, single: false, byFilter: named == nil)
    }

    /// Keys of the named reports, in the order given, without repeats; ranges select the existing
    /// reports between their ends. Every reference that names no report is listed in one error.
    private static func keys(of references: [ReportReference], store: Store) throws -> [Int] {
        var keys: [Int] = []
        var seen = Set<Int>()
        var missing: [String] = []
        for reference in references {
            if case .text(let text) = reference, let range = KeyRange(text), (try? store.report(reference)) == nil {
                let found = try store.keys(from: range.low, through: range.high)
                if found.isEmpty { missing.append(text) }
                for key in found where seen.insert(key).inserted { keys.append(key) }
                continue
            }
            switch Result(catching: { () throws(DeskError) in try store.report(reference) }) {
            case .success(let report):
                if seen.insert(report.key).inserted { keys.append(report.key) }
            case .failure(let error) where error.code == .notFound:
                missing.append(reference.description)
            case .failure(let error):
                throw error
            }
        }
        guard missing.isEmpty else {
            let shown = missing.prefix(20).joined(separator: ", ") + (missing.count > 20 ? " and \(missing.count - 20) more" : "")
            throw DeskError.notFound("no report with key or Report ID \(shown); nothing was changed",
                                     data: ["ids": .array(missing.map(JSONValue.string)), "count": .int(missing.count)])
        }
        return keys
    }
}

/// `3-9` or `#3-#9`: the keys from one number through another.
struct KeyRange {
    let low: Int
    let high: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func key(_ part: Substring) -> Int? {
            let digits = part.hasPrefix("#") ? part.dropFirst() : part
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(digits)
        }
        guard let low = key(parts[0]), let high = key(parts[1]), low <= high else { return nil }
        self.low = low
        self.high = high
    }
}
