import Foundation
package import ReportDeskCommands
package import ReportDeskCore
package import ReportDeskInterpreter
package import ReportDeskStore
import Synchronization

/// A clock tests move by hand, so the 72 h rule is checked at exact instants (R6).
package final class TestClock: Sendable {
    private let current: Mutex<Instant>

    package init(_ start: Instant = RFC3339.parse("2026-11-24T09:30:00Z")!) { current = Mutex(start) }

    package var now: Instant { current.withLock { $0 } }
    package func set(_ instant: Instant) { current.withLock { $0 = instant } }
    package func advance(_ duration: DeskDuration) { current.withLock { $0 = $0.adding(duration) } }
    package var deskClock: DeskClock { DeskClock { [self] in now } }
}

/// A folder that disappears when the test is done.
package final class TemporaryFolder: Sendable {
    package let path: String

    package init(_ label: String = "reportdesk-test") {
        let template = NSTemporaryDirectory() + "\(label)-XXXXXX"
        var bytes = Array(template.utf8CString)
        path = bytes.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    package func file(_ name: String) -> String { path + "/" + name }
}

/// The interpreter in-process over a real on-disk store, with a test clock: the same code path as
/// every front end, without a process in between.
package final class TestDesk: Sendable {
    package let folder = TemporaryFolder()
    package let clock = TestClock()
    /// The store, settings and own versions, as every front end's session has them.
    package let desk: Desk
    package let session: Session
    package let interpreter: Interpreter

    /// `personalData` adds files `erase` walks besides the store's own (as front ends register theirs).
    package init(actor: String = "tester", registry: CommandRegistry = AllCommands.registry, zone: ZoneRules = .utc,
                 interaction: any Interaction = SilentInteraction(), personalData: [PersonalDataFile] = [],
                 storeOptions: StoreOptions = StoreOptions(lockTimeout: 5)) {
        var settings = SessionSettings(location: StoreLocation(directory: folder.path + "/store"), actor: actor,
                                       clock: clock.deskClock, zone: zone, storeOptions: storeOptions)
        for file in personalData { settings.personalData.register(file) }
        desk = Desk(settings: settings)
        session = Session(environment: desk, registry: registry, interaction: interaction)
        interpreter = Interpreter(session: session)
    }

    package var settings: SessionSettings { desk.settings }
    package var location: StoreLocation { desk.settings.location }
    package var store: Store { get throws { try desk.store() } }

    /// Runs a command line and returns its result, or throws its error.
    @discardableResult
    package func run(_ line: String) throws(DeskError) -> JSONValue {
        try interpreter.execute(line: line).outcome.get()
    }

    /// Runs a method with params, as a JSON-RPC client would.
    @discardableResult
    package func call(_ method: String, _ params: JSONValue? = nil) throws(DeskError) -> JSONValue {
        try interpreter.execute(method: method, params: params).outcome.get()
    }

    /// The error a command line fails with; fails the caller's expectation by returning nil when it succeeds.
    package func failure(_ line: String) -> DeskError? {
        if case .failure(let error) = interpreter.execute(line: line).outcome { return error }
        return nil
    }

    package func failure(_ method: String, _ params: JSONValue?) -> DeskError? {
        if case .failure(let error) = interpreter.execute(method: method, params: params).outcome { return error }
        return nil
    }

    /// Submits one valid report of each category, returning their keys (experience, payment, community).
    @discardableResult
    package func submitOneOfEach(at time: String = "2026-11-24T09:30:00Z") throws -> (experience: Int, payment: Int, community: Int) {
        let experience = try run("submit --category experience --issue-type crash_or_freeze --details 'app freezes on the map' --open-id user-e --reported-at \(time)")
        let payment = try run("submit --category payment --issue-type refund_request --details 'charged twice' --order-id ORD-7 --open-id user-p --reported-at \(time)")
        let community = try run("submit --category community --issue-type harassment --screenshot https://example.com/shot.png --open-id user-c --reported-at \(time)")
        return (experience["key"]!.intValue!, payment["key"]!.intValue!, community["key"]!.intValue!)
    }
}
