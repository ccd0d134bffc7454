import Testing
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskTesting

@Suite("Reads that share one snapshot")
struct SharedSnapshotTests {
    @Test("reads inside a shared snapshot do not see another writer's commit; after it they do")
    func snapshotHoldsUntilEnded() throws {
        let desk = TestDesk()
        let key = try desk.submitOneOfEach().payment
        let other = Interpreter(session: Session(environment: Desk(settings: desk.settings), registry: AllCommands.registry))
        desk.desk.beginSharedReads()
        #expect(try desk.run("show \(key)")["note"] == "")
        _ = try other.execute(line: "note \(key) 'from another session'").outcome.get()
        #expect(try desk.run("show \(key)")["note"] == "", "the shared snapshot still holds")
        #expect(try desk.run("info")["version"] == 3)
        desk.desk.endSharedReads()
        #expect(try desk.run("show \(key)")["note"] == "from another session")
        #expect(try desk.run("info")["version"] == 4)
    }

    @Test("a write inside a shared snapshot ends it: the write and every later read see the newest commit")
    func writeEndsSnapshot() throws {
        let desk = TestDesk()
        let key = try desk.submitOneOfEach().payment
        let other = Interpreter(session: Session(environment: Desk(settings: desk.settings), registry: AllCommands.registry))
        desk.desk.beginSharedReads()
        _ = try desk.run("show \(key)")
        _ = try other.execute(line: "note \(key) first").outcome.get()
        let noted = try desk.run("note \(key) second --if-version 4")
        #expect(noted["note"] == "second")
        #expect(try desk.run("show \(key)")["note"] == "second")
        #expect(try other.execute(line: "info").outcome.get()["version"] == 5)
        desk.desk.endSharedReads()
    }
}
