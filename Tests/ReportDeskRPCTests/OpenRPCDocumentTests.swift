import Testing
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskTesting

@Suite("The OpenRPC document shipped for plugin authors is what rpc.discover returns")
struct OpenRPCDocumentTests {
    @Test("Samples/rpc/openrpc.json holds rpc.discover's result, byte for byte once laid out")
    func shippedDocument() throws {
        let desk = TestDesk()
        let dispatcher = RPCDispatcher(interpreter: desk.interpreter, serverVersion: ReportDeskVersion.current)
        let server = InProcessServer(desk: desk, dispatcher: dispatcher)
        let document = try #require(server.result("rpc.discover"))
        let mismatch = try GoldenFile("Samples/rpc/openrpc.json").mismatch(GoldenFile.prettyJSON(document))
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}
