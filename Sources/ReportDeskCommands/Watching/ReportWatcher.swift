import ReportDeskCore
import ReportDeskStore

/// What `watch` has seen so far, and what is new at each look: versions after the last one seen
/// (with the appeals they opened), reports whose due instant passed since the last look, and
/// pending reports that came within the due-soon window. Each look reads only that much (the
/// version log after a number, index ranges on the report time), never every report.
struct ReportWatcher {
    let store: Store
    /// How far ahead a pending report counts as coming due; `nil`: no due-soon events.
    let window: DeskDuration?
    /// The newest version already told about.
    private(set) var seenVersion: Int
    private var lastLook: Instant
    /// Reports already told about as coming due, with their due instants (once per report).
    private var announced: [Int: Instant] = [:]

    init(store: Store, window: DeskDuration?, now: Instant) throws(DeskError) {
        self.store = store
        self.window = window
        seenVersion = try store.currentVersion()
        lastLook = now
    }

    /// The reports already due within the window when watching starts.
    mutating func start() throws(DeskError) -> [WatchEvent] {
        guard let window else { return [] }
        return announce(try store.pendingReports(dueFrom: lastLook, to: lastLook.adding(window)))
    }

    /// What happened between the last look and `now`, oldest first by kind.
    mutating func look(now: Instant) throws(DeskError) -> [WatchEvent] {
        var events: [WatchEvent] = []
        let previousVersion = seenVersion
        let latest = try store.currentVersion()
        if latest > seenVersion {
            let opened = try store.appealsOpened(after: seenVersion, through: latest)
            var after = seenVersion
            while after < latest {
                let batch = try store.versions(after: after, limit: 100).filter { $0.number <= latest }
                guard let last = batch.last else { break }
                for entry in batch {
                    events.append(.changed(entry))
                    events += opened.filter { $0.version == entry.number }.map { .appealOpened(key: $0.key, version: $0.version) }
                }
                after = last.number
            }
            seenVersion = latest
        }
        if lastLook < now {
            events += try store.pendingReports(dueFrom: lastLook, to: now).map(WatchEvent.pastDue)
        }
        if let window {
            // Reports the window's far end passed over since the last look, then reports that were
            // submitted, imported or reopened since the last version seen and already lie inside it.
            var coming = lastLook < now ? try store.pendingReports(dueFrom: lastLook.adding(window), to: now.adding(window)) : []
            if latest > previousVersion {
                coming += try store.pendingReports(changedAfter: previousVersion, dueFrom: now, to: now.adding(window))
            }
            events += announce(coming)
            announced = announced.filter { $0.value >= now }
        }
        lastLook = max(lastLook, now)
        return events
    }

    private mutating func announce(_ reports: [DueReport]) -> [WatchEvent] {
        var events: [WatchEvent] = []
        for report in reports where announced[report.key] == nil {
            announced[report.key] = report.dueAt
            events.append(.dueSoon(report))
        }
        return events
    }
}
