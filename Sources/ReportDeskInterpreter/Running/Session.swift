import Foundation
package import ReportDeskCore
package import ReportDeskStore
import Synchronization

/// How a front end was started: who acts, on which store, with which clock and time zone.
package struct SessionSettings: Sendable {
    package var location: StoreLocation
    package var actor: String
    package var clock: DeskClock
    package var zone: ZoneRules
    package var storeOptions: StoreOptions

    package init(location: StoreLocation, actor: String, clock: DeskClock = .system, zone: ZoneRules = .device,
                 storeOptions: StoreOptions = StoreOptions()) {
        self.location = location
        self.actor = actor
        self.clock = clock
        self.zone = zone
        self.storeOptions = storeOptions
    }
}

/// One front end's connection to the interpreter and the store: it opens the store on first use,
/// remembers the versions it wrote itself (so change notifications skip them) and carries the
/// cancellation flag Ctrl-C or `$/cancelRequest` sets.
package final class Session: Sendable {
    package let settings: SessionSettings
    package let registry: CommandRegistry
    package let interaction: any Interaction
    package let streams: StandardStreams
    private let openStore = Mutex<Store?>(nil)
    private let ownVersions = Mutex<Set<Int>>([])
    private let cancelled = Atomic<Bool>(false)

    package init(settings: SessionSettings, registry: CommandRegistry, interaction: any Interaction = SilentInteraction(),
                 streams: StandardStreams = .none) {
        self.settings = settings
        self.registry = registry
        self.interaction = interaction
        self.streams = streams
    }

    /// The store, opened (and created) on first use.
    package func store() throws(DeskError) -> Store {
        let result: Result<Store, DeskError> = openStore.withLock { slot in
            if let store = slot { return .success(store) }
            let opened = Result { () throws(DeskError) in try Store.open(settings.location, options: settings.storeOptions) }
            if case .success(let store) = opened { slot = store }
            return opened
        }
        return try result.get()
    }

    /// Whether the store has been opened by this session (completion avoids creating one).
    package var hasOpenStore: Bool { openStore.withLock { $0 != nil } }

    func recordOwnVersion(_ version: Int) {
        ownVersions.withLock { _ = $0.insert(version) }
    }

    /// Whether this session wrote `version` itself; versions up to `through` are forgotten.
    package func takeOwnVersions(through version: Int) -> Set<Int> {
        ownVersions.withLock { versions in
            let mine = versions.filter { $0 <= version }
            versions.subtract(mine)
            return mine
        }
    }

    package func requestCancel() { cancelled.store(true, ordering: .relaxed) }
    package func clearCancel() { cancelled.store(false, ordering: .relaxed) }
    package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}

extension Session {
    /// The store's newest version.
    package func currentVersion() throws(DeskError) -> Int {
        try store().currentVersion()
    }

    /// Versions after `seen` that this session did not write, and the reports they touched;
    /// `latest` is the newest version either way (for `store/changed`).
    package func foreignChanges(after seen: Int) throws(DeskError) -> (latest: Int, keys: [Int], foreign: Bool) {
        let store = try store()
        let latest = try store.currentVersion()
        guard latest > seen else { return (latest, [], false) }
        let own = takeOwnVersions(through: latest)
        let foreign = (seen + 1...latest).filter { !own.contains($0) }
        guard !foreign.isEmpty else { return (latest, [], false) }
        return (latest, try store.keys(changedIn: foreign), true)
    }
}

extension Session {
    /// Pending and past-due counts for the REPL prompt.
    package func pendingCounts() throws(DeskError) -> (pending: Int, pastDue: Int) {
        let overview = try store().overview(now: settings.clock.now)
        return (overview.pending, overview.pastDue)
    }

    package var storeDirectory: String { settings.location.directory }

    /// The REPL's history file, kept in the store's folder.
    package var historyPath: String { settings.location.historyPath }
}
