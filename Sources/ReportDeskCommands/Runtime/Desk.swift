package import ReportDeskCore
package import ReportDeskInterpreter
package import ReportDeskStore
import Synchronization

/// The desk one session works on: its settings, the store (opened, and created, on first use) and
/// the versions this session wrote itself, so change notices skip them. Front ends reach the store
/// only through it (prompt counts, change feed, completion); commands through their context.
package final class Desk: SessionEnvironment {
    package let settings: SessionSettings
    private let openStore = Mutex<Store?>(nil)
    private let ownVersions = Mutex<Set<Int>>([])

    package init(settings: SessionSettings) { self.settings = settings }

    package var now: Instant { settings.clock.now }
    package var zone: ZoneRules { settings.zone }
    package var actor: String { settings.actor }

    /// The store's folder, as the REPL shows it at start and keeps its own files in.
    package var directory: String { settings.location.directory }

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

    /// One write transaction that becomes one version named after `command` (R12), remembered as
    /// this session's own.
    package func write<Value>(command: String, _ body: (StoreTransaction) throws -> Value) throws(DeskError) -> Written<Value> {
        let written = try store().write(command: command, actor: actor, at: now, body)
        if written.changed { ownVersions.withLock { _ = $0.insert(written.version) } }
        return written
    }

    /// The versions up to `version` this session wrote itself; they are forgotten as they are taken.
    private func takeOwnVersions(through version: Int) -> Set<Int> {
        ownVersions.withLock { versions in
            let mine = versions.filter { $0 <= version }
            versions.subtract(mine)
            return mine
        }
    }
}

extension Desk {
    /// Reads from here on share one snapshot of the store until `endSharedReads` or a write; for a
    /// server answering a queue of reads. Nothing is shared when the store cannot be opened: the
    /// reads then report why themselves.
    package func beginSharedReads() {
        try? store().beginSharedSnapshot()
    }

    package func endSharedReads() {
        openStore.withLock { $0 }?.endSharedSnapshot()
    }

    /// The store's newest version.
    package func currentVersion() throws(DeskError) -> Int {
        try store().currentVersion()
    }

    /// Versions after `seen` that this session did not write, and the reports they touched;
    /// `latest` is the newest version either way (for `store/changed` and the REPL's notice).
    package func foreignChanges(after seen: Int) throws(DeskError) -> (latest: Int, keys: [Int], foreign: Bool) {
        let store = try store()
        let latest = try store.currentVersion()
        guard latest > seen else { return (latest, [], false) }
        let own = takeOwnVersions(through: latest)
        let foreign = (seen + 1...latest).filter { !own.contains($0) }
        guard !foreign.isEmpty else { return (latest, [], false) }
        return (latest, try store.keys(changedIn: foreign), true)
    }

    /// Pending, past-due and open-appeal counts for the REPL prompt.
    package func pendingCounts() throws(DeskError) -> (pending: Int, pastDue: Int, appealsOpen: Int) {
        let overview = try store().overview(now: now)
        return (overview.pending, overview.pastDue, overview.appealsOpen)
    }

    /// Completion of categories, issue types, report keys, snapshots and files from this desk; the
    /// registry reads the line's options as the binder will.
    package func completionProvider(registry: CommandRegistry, createsStore: Bool = true) -> SessionCompletionProvider {
        SessionCompletionProvider(desk: self, registry: registry, createsStore: createsStore)
    }
}
