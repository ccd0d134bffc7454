package import ReportDeskCore
package import ReportDeskStore

/// How a front end was started: who acts, on which store, with which clock and time zone, and
/// which files in the store's folder may hold personal data besides the database.
package struct SessionSettings: Sendable {
    package var location: StoreLocation
    package var actor: String
    package var clock: DeskClock
    package var zone: ZoneRules
    package var storeOptions: StoreOptions
    package var personalData: PersonalDataRegistry

    package init(location: StoreLocation, actor: String, clock: DeskClock = .system, zone: ZoneRules = .device,
                 storeOptions: StoreOptions = StoreOptions(), personalData: PersonalDataRegistry = .storeFiles) {
        self.location = location
        self.actor = actor
        self.clock = clock
        self.zone = zone
        self.storeOptions = storeOptions
        self.personalData = personalData
    }

    /// The store named by `--store` (`explicit`), else by the environment (README, The store and
    /// Environment), with the lock timeout and checkpoint size the environment sets.
    package init(store explicit: String?, environment: [String: String], actor: String, clock: DeskClock, zone: ZoneRules) {
        var options = StoreOptions()
        if let seconds = environment["REPORTDESK_LOCK_TIMEOUT"].flatMap(Double.init), seconds >= 0 { options.lockTimeout = seconds }
        if let bytes = environment["REPORTDESK_CHECKPOINT_BYTES"].flatMap(Int.init), bytes >= 0 { options.checkpointBytes = bytes }
        self.init(location: StoreLocation.resolve(explicit: explicit, environment: environment), actor: actor, clock: clock,
                  zone: zone, storeOptions: options)
    }
}
