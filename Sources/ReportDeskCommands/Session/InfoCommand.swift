import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskStore

/// `info`: the store's version and counts, where it is and what SQLite runs it.
enum InfoCommand: Command {
    static let spec = CommandSpec(
        Self.self, "info", topic: .store,
        summary: "Show the store's version, report counts, location and engine settings",
        examples: ["info"],
        mutates: false)

    static let result = ObjectShape<Info>([
        .field("version", .integer, \.overview.version),
        .field("reports", .integer, \.overview.reports),
        .field("pending", .integer, \.overview.pending),
        .field("pastDue", .integer, \.overview.pastDue),
        .field("dueWithin24h", .integer, \.overview.dueSoon),
        .field("appealsOpen", .integer, \.overview.appealsOpen),
        .field("store", .string, \.directory),
        .field("engine", .map, \.engine),
    ]).shape

    struct Info {
        let overview: StoreOverview
        let directory: String
        /// SQLite's settings by name, as the store reads them.
        let engine: JSONObject
    }

    static func run(_ arguments: Arguments<NoParameters>, in context: CommandContext) throws -> Info {
        let store = try context.store()
        return Info(overview: try store.overview(now: context.now), directory: store.location.directory,
                    engine: JSONObject(try store.engineSettings()))
    }
}
