import Foundation
import Testing
import ReportDeskCore
import ReportDeskRPC
import ReportDeskTesting

/// Robustness over the built binary's real stdin and stdout: bad input is answered and
/// serving goes on, end of input ends the process with 0, every reply is flushed as it is made, a
/// client closing its end ends the server quietly, and stdout carries protocol messages only.
@Suite("reportdesk rpc as a process")
struct RPCProcessTests {
    let folder = TemporaryFolder()
    var runner: BinaryRunner { BinaryRunner(store: folder.path + "/store") }

    /// Bad input, each followed by more, and the id each reply must carry.
    static let badInput: [(bytes: [UInt8], id: JSONValue, code: Int?)] = [
        (Array(#"{"jsonrpc":"2.0","id":1,"method":"info""#.utf8), .null, -32700),
        (Array(#"{"jsonrpc":"2.0","id":2,"method":"note","params":{"id":1,"text":""#.utf8) + [0xFF, 0xFE, 0xC3] + Array(#""}}"#.utf8), .null, -32700),
        (Array(#"{"jsonrpc":"2.0","id":3,"method":"info"}"#.utf8) + [0x00], .null, -32700),
        (Array(#"{"jsonrpc":"2.0","id":4,"method":"show","params":{"id":"a"#.utf8) + [0x00] + Array(#"b"}}"#.utf8), .null, -32700),
        ([0x00, 0x00, 0x00], .null, -32700),
        (Array(#"{"jsonrpc":"2.0","id":5,"method":"show","params":{"id":true}}"#.utf8), 5, -32602),
        (Array(#"{"jsonrpc":"2.0","id":6,"method":"list","params":{"limit":"many"}}"#.utf8), 6, -32602),
        (Array(#"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"category":"payment","issueType":"refund_request","details":"a\u0000b"}}"#.utf8), 7, -32602),
        (Array(#"{"jsonrpc":"2.0","id":8,"method":"show","params":"1"}"#.utf8), 8, -32600),
        (Array(#"{"jsonrpc":"2.0","id":9,"method":"info"}"#.utf8), 9, nil),
    ]

    /// Splits Content-Length framed output strictly: anything but whole frames is an error.
    static func strictFrames(_ output: [UInt8]) -> [JSONValue]? {
        var frames: [JSONValue] = []
        var rest = output[...]
        while !rest.isEmpty {
            let prefix = Array("Content-Length: ".utf8)
            guard rest.starts(with: prefix) else { return nil }
            rest = rest.dropFirst(prefix.count)
            let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard let length = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard rest.starts(with: [0x0D, 0x0A, 0x0D, 0x0A]), rest.count >= 4 + length else { return nil }
            rest = rest.dropFirst(4)
            guard let value = try? JSONParser.parse(Array(rest.prefix(length))) else { return nil }
            frames.append(value)
            rest = rest.dropFirst(length)
        }
        return frames
    }

    @Test("a client that sends params null (Emacs's jsonrpc.el) gets answers, and shutdown and exit end the server with 0")
    func nullParamsFromEmacs() throws {
        let input = [
            #"{"jsonrpc":"2.0","id":1,"method":"info","params":null}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}"#,
            #"{"jsonrpc":"2.0","method":"exit","params":null}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"info","params":{}}"#,
        ].joined(separator: "\n") + "\n"
        let outcome = try runner.run(["rpc"], input: Array(input.utf8))
        #expect(outcome.status == 0)
        let replies: [JSONValue] = try outcome.json()
        #expect(replies.count == 2, "exit ends the server before the last request: \(replies)")
        #expect(replies.first?["result"]?["version"] != nil)
        #expect(replies.last == ["jsonrpc": "2.0", "id": 2, "result": nil])
    }

    @Test("invalid JSON, invalid UTF-8, NUL bytes and wrong param types are answered, and serving goes on, in both framings",
          arguments: [Framing.lineDelimited, .contentLength])
    func keepsServing(framing: Framing) throws {
        let input = Self.badInput.flatMap { FrameEncoder.encode($0.bytes, as: framing) }
        let outcome = try runner.run(["rpc"], input: input)
        #expect(outcome.status == 0)
        let replies: [JSONValue]
        if framing == .lineDelimited {
            replies = try outcome.json()
        } else {
            replies = try #require(Self.strictFrames(Array(outcome.standardOutput.utf8)), "stdout holds whole frames only")
        }
        #expect(replies.count == Self.badInput.count)
        for (reply, sent) in zip(replies, Self.badInput) {
            #expect(reply["jsonrpc"] == "2.0")
            #expect(reply["id"] == sent.id)
            #expect(reply["error"]?["code"]?.intValue == sent.code, "\(reply)")
        }
        #expect(replies.last?["result"]?["version"] == 0)
    }

    @Test("end of input ends the server with status 0, also when nothing was sent or the last line has no newline",
          arguments: ["", "\n \n", #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#])
    func endOfInput(input: String) throws {
        let outcome = try runner.run(["rpc"], input: input)
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.count == (input.contains("ping") ? 1 : 0))
    }

    @Test("each reply is written and flushed as it is made: a client waits for every reply before it sends more",
          arguments: [Framing.lineDelimited, .contentLength])
    func flushesPerMessage(framing: Framing) throws {
        let server = try RPCProcess(runner: runner, framing: framing)
        defer { server.stop() }
        #expect(server.call("initialize", [:], id: 1).reply?["result"]?["protocol"] == "jsonrpc-2.0")
        #expect(server.call("submit", ["category": "payment", "issueType": "refund_request", "orderId": "O-1"], id: 2).reply?["result"]?["key"] == 1)
        #expect(server.call("show", [1], id: "three").reply?["result"]?["orderId"] == "O-1")
        if framing == .contentLength {
            let body = Array(#"{"jsonrpc":"2.0","id":4,"method":"ping"}"#.utf8)
            server.write(Array("Content-Length: \(body.count)\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".utf8) + body)
            #expect(server.reply(to: 4).reply?["result"] == [:])
        }
        #expect(server.call("shutdown", id: 5).reply?["result"] == .null)
        server.send(["jsonrpc": "2.0", "method": "exit"])
        let ending = server.waitForExit()
        #expect(ending.exited && ending.status == 0)
        #expect(server.undecodableOutput.isEmpty, "\(server.undecodableOutput)")
    }

    @Test("a client that closes its end (EPIPE) ends the server quietly with status 0, and the store stays whole")
    func clientClosesItsEnd() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner.path)
        process.arguments = ["rpc"]
        process.environment = runner.environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        try output.fileHandleForReading.close()
        var lines = ""
        for index in 1...50 {
            lines += #"{"jsonrpc":"2.0","id":\#(index),"method":"submit","params":{"category":"payment","issueType":"refund_request","orderId":"O-\#(index)"}}"# + "\n"
        }
        try input.fileHandleForWriting.write(contentsOf: Data(lines.utf8))
        try? input.fileHandleForWriting.close()
        let deadline = Date(timeIntervalSinceNow: Double(RPCProcess.hangGuard.components.seconds))
        while process.isRunning && Date() < deadline { usleep(2000) }
        let hung = process.isRunning
        if hung { process.terminate() }
        #expect(!hung, "the server was still running \(RPCProcess.hangGuard) after its input ended")
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationReason == .exit, "not killed by SIGPIPE")
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: stderr, as: UTF8.self).isEmpty, "quietly: \(String(decoding: stderr, as: UTF8.self))")

        let verify = try runner.run(["--json", "verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        let info = try #require(try runner.run(["--json", "info"]).json().first)
        let version = try #require(info["version"]?.intValue)
        #expect(version == 1, "the first submit committed before its reply failed; nothing ran after the server saw EPIPE")
        #expect(info["reports"]?.intValue == version, "every version is one whole submit")
    }

    @Test("a message over 16 MiB is refused with -32600 and the next message is answered, in both framings",
          arguments: [Framing.lineDelimited, .contentLength])
    func oversizedMessage(framing: Framing) throws {
        let huge = Array(#"{"jsonrpc":"2.0","id":1,"method":"note","params":{"id":1,"text":""#.utf8)
            + [UInt8](repeating: UInt8(ascii: "a"), count: FrameDecoder.defaultMaximumMessageBytes) + Array(#""}}"#.utf8)
        let input = FrameEncoder.encode(huge, as: framing) + FrameEncoder.encode(Array(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#.utf8), as: framing)
        let outcome = try runner.run(["rpc"], input: input)
        #expect(outcome.status == 0)
        let replies = framing == .lineDelimited ? try outcome.json() : try #require(Self.strictFrames(Array(outcome.standardOutput.utf8)))
        #expect(replies.count == 2)
        #expect(replies.first?["error"]?["code"] == -32600)
        #expect(replies.first?["error"]?["data"]?["limit"] == .int(FrameDecoder.defaultMaximumMessageBytes))
        #expect(replies.last?["id"] == 2 && replies.last?["result"] == [:])
    }

    @Test("$/cancelRequest for a request still queued behind a long batch cancels it: -32800, and it never runs")
    func cancelWhileQueued() throws {
        let batch: JSONValue = .array((0..<400).map { ["jsonrpc": "2.0", "id": .string("b\($0)"), "method": "stats"] })
        let messages: [JSONValue] = [
            batch,
            ["jsonrpc": "2.0", "id": "victim", "method": "config.set", "params": ["name": "contactEmail", "value": "a@example.com"]],
            ["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": "victim"]],
            ["jsonrpc": "2.0", "id": "after", "method": "config.get", "params": ["name": "contactEmail"]],
        ]
        let outcome = try runner.run(["rpc"], input: messages.map { JSONWriter.string($0) }.joined(separator: "\n") + "\n")
        #expect(outcome.status == 0)
        let replies = try outcome.json()
        #expect(replies.count == 3)
        #expect(replies.first?.arrayValue?.count == 400)
        #expect(replies[1]["id"] == "victim" && replies[1]["error"]?["code"] == -32800)
        #expect(replies[2]["id"] == "after" && replies[2]["result"] == ["contactEmail": nil], "the cancelled write never ran")
    }

    @Test("stdout carries protocol messages only, even for commands that would print or read standard input",
          arguments: [Framing.lineDelimited, .contentLength])
    func stdoutIsProtocolOnly(framing: Framing) throws {
        let requests: [JSONValue] = [
            ["jsonrpc": "2.0", "id": 1, "method": "help"],
            ["jsonrpc": "2.0", "id": 2, "method": "help", "params": ["command": "resolve"]],
            ["jsonrpc": "2.0", "id": 3, "method": "export", "params": [:]],
            ["jsonrpc": "2.0", "id": 4, "method": "export", "params": ["out": "-"]],
            ["jsonrpc": "2.0", "id": 5, "method": "import", "params": ["path": "-"]],
            ["jsonrpc": "2.0", "id": 6, "method": "submit", "params": ["category": "experience", "issueType": "crash_or_freeze", "details": "x"]],
            ["jsonrpc": "2.0", "id": 7, "method": "stats"],
            [["jsonrpc": "2.0", "id": 8, "method": "history"], ["jsonrpc": "2.0", "method": "info"]],
            ["jsonrpc": "2.0", "id": 9, "method": "rpc.discover"],
        ]
        let input = requests.flatMap { FrameEncoder.encode(JSONWriter.bytes($0), as: framing) }
        let outcome = try runner.run(["rpc"], input: input)
        #expect(outcome.status == 0)
        let output = Array(outcome.standardOutput.utf8)
        let replies: [JSONValue]
        if framing == .lineDelimited {
            replies = try #require(try? outcome.json())
            #expect(output.last == 0x0A)
        } else {
            replies = try #require(Self.strictFrames(output))
        }
        #expect(replies.count == requests.count)
        let ids = replies.map { $0.arrayValue?.first?["id"] ?? $0["id"] }
        #expect(ids == (1...9).map { Optional(JSONValue.int($0)) })
        for reply in replies {
            for message in reply.arrayValue ?? [reply] {
                #expect(message["jsonrpc"] == "2.0")
                #expect((message["result"] == nil) != (message["error"] == nil))
            }
        }
        #expect(replies[2]["error"]?["data"]?["field"] == "out")
        #expect(replies[4]["error"] != nil, "import - cannot read the protocol's own stdin")
    }
}
