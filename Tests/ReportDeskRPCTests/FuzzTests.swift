import Testing
import ReportDeskCore
import ReportDeskRPC
import ReportDeskTesting

/// 10,000 randomly mutated and truncated messages, derived from valid
/// requests, go through the reader (framing and JSON) and the dispatcher in-process, split into
/// random reads, in both framings. Nothing crashes or hangs, and every request that had an id gets
/// one well-formed reply carrying that id exactly (null when the id itself was invalid).
@Suite("Fuzzing the protocol stack with mutated messages", .tags(.slow), .skippedInQuickRuns)
struct FuzzTests {
    static let seed: UInt64 = 0x5EED_4ADE_5C0F_FEE4
    static let messageCount = 10_000

    /// Valid messages the mutations start from: commands, protocol methods, notifications, batches
    /// and every legal kind of id.
    static let seeds: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"list","params":{"status":"pending","limit":2}}"#,
        #"{"jsonrpc":"2.0","id":"s-2","method":"search","params":{"query":"map freezes"}}"#,
        #"{"jsonrpc":"2.0","id":3.0,"method":"show","params":{"id":1}}"#,
        #"{"jsonrpc":"2.0","id":-4,"method":"show","params":[2]}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"info"}"#,
        #"{"jsonrpc":"2.0","id":6,"method":"history","params":{"limit":3}}"#,
        #"{"jsonrpc":"2.0","id":7,"method":"note","params":{"id":1,"text":"called the user back"}}"#,
        #"{"jsonrpc":"2.0","id":8,"method":"resolve","params":{"id":2,"note":"refund sent","ifVersion":3}}"#,
        #"{"jsonrpc":"2.0","id":9,"method":"submit","params":{"category":"payment","issueType":"refund_request","orderId":"O-1"}}"#,
        #"{"jsonrpc":"2.0","id":10,"method":"taxonomy"}"#,
        #"{"jsonrpc":"2.0","id":11,"method":"rpc.discover"}"#,
        #"{"jsonrpc":"2.0","id":12,"method":"initialize","params":{"notifications":false}}"#,
        #"{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"show","arguments":{"id":3}}}"#,
        #"{"jsonrpc":"2.0","id":"14","method":"ping"}"#,
        #"{"jsonrpc":"2.0","method":"note","params":{"id":3,"text":"as a notification"}}"#,
        #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
        #"[{"jsonrpc":"2.0","id":"b1","method":"info"},{"jsonrpc":"2.0","method":"ping"},{"jsonrpc":"2.0","id":"b2","method":"show","params":{"id":"EXP-1"}}]"#,
        #"[{"jsonrpc":"2.0","id":15,"method":"stats"},1,{"foo":"boo"}]"#,
    ]

    /// Bytes that make JSON and framing interesting when inserted.
    static let interesting: [[UInt8]] = [
        [0x22], [0x7B], [0x7D], [0x5B], [0x5D], [0x2C], [0x3A], [0x5C], [0x00], [0xFF], [0xC3], [0xE2, 0x80], [0x0D], [0x09],
        Array("null".utf8), Array("true".utf8), Array("-".utf8), Array("1e999".utf8), Array("\\u".utf8), Array("\\ud800".utf8),
        Array("\"id\":".utf8), Array("\"method\":".utf8), Array("[]".utf8), Array("{}".utf8), Array("0.0".utf8),
        Array("Content-Length: 5\r\n\r\n".utf8),
    ]

    /// A message derived from a seed: half are changed in structure (a member's value replaced,
    /// removed or added, so they stay JSON), half byte by byte (and then mostly are not JSON).
    static func derive(_ seed: String, _ random: inout SeededGenerator) -> [UInt8] {
        guard Bool.random(using: &random), let value = try? JSONParser.parse(seed) else {
            return mutate(Array(seed.utf8), &random)
        }
        let bytes = JSONWriter.bytes(reshape(value, &random))
        return Int.random(in: 0..<4, using: &random) == 0 ? mutate(bytes, &random) : bytes
    }

    /// Replaces, removes or adds one member somewhere in the value.
    static func reshape(_ value: JSONValue, _ random: inout SeededGenerator) -> JSONValue {
        switch value {
        case .object(var object) where !object.isEmpty:
            let key = object.keys.randomElement(using: &random)!
            switch Int.random(in: 0..<4, using: &random) {
            case 0: object[key] = nil
            case 1: object[["id", "x", "params", "method", "jsonrpc"].randomElement(using: &random)!] = randomValue(&random)
            case 2: object[key] = reshape(object[key]!, &random)
            default: object[key] = randomValue(&random)
            }
            return .object(object)
        case .array(var items) where !items.isEmpty:
            let index = Int.random(in: 0..<items.count, using: &random)
            items[index] = Bool.random(using: &random) ? reshape(items[index], &random) : randomValue(&random)
            return .array(items)
        default:
            return randomValue(&random)
        }
    }

    static func randomValue(_ random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int.random(in: -3...5, using: &random))
        case 3: return .number(JSONNumber(lexeme: ["1.5", "-0", "1e400", "2.0", "99999999999999999999"].randomElement(using: &random)!))
        case 4: return .string(["", "1", "EXP-1", "pending", "2.0", "2026-11-24T09:30:00Z", "6h", "画面", "\u{0}"].randomElement(using: &random)!)
        case 5: return .string(String(repeating: "x", count: Int.random(in: 0..<40, using: &random) == 0 ? 100_001 : 1_000))
        case 6: return .array([.int(1), .string("a")])
        case 7: return .object(JSONObject([("id", .int(1))]))
        case 8: return .array([])
        default: return .object(JSONObject())
        }
    }

    static func mutate(_ message: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = message
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(contentsOf: interesting.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...8, using: &random)))
            case 3: bytes = Array(bytes.prefix(position))
            case 4 where !bytes.isEmpty:
                let span = bytes[position..<min(bytes.count, position + Int.random(in: 1...16, using: &random))]
                bytes.insert(contentsOf: span, at: Int.random(in: 0...bytes.count, using: &random))
            case 5:
                let other = Array(seeds.randomElement(using: &random)!.utf8)
                bytes = Array(bytes.prefix(position)) + other.suffix(Int.random(in: 0...other.count, using: &random))
            default: bytes = Array(bytes.prefix(position)) + [0x20] + Array(bytes.suffix(from: position))
            }
        }
        return bytes
    }

    /// What the reply to one frame must be, worked out from the JSON independently of the server.
    enum Expected: Equatable {
        case nothing
        case parseError
        /// One reply object with this id, written exactly.
        case reply(id: String)
        case batch(ids: [String])
    }

    static func expected(_ body: [UInt8]) -> Expected {
        guard let value = try? JSONParser.parse(body) else { return .parseError }
        guard case .array(let items) = value else { return expectedSingle(value).map(Expected.reply) ?? .nothing }
        if items.isEmpty { return .reply(id: "null") }
        let ids = items.compactMap(expectedSingle)
        return ids.isEmpty ? .nothing : .batch(ids: ids)
    }

    /// The id a single message's reply carries, or `nil` for a valid notification.
    static func expectedSingle(_ value: JSONValue) -> String? {
        guard case .object(let object) = value else { return "null" }
        if let id = object["id"] {
            switch id {
            case .string, .number, .null: return JSONWriter.string(id)
            default: return "null"
            }
        }
        let params = object["params"]
        let validNotification = object["jsonrpc"] == "2.0" && object["method"]?.stringValue != nil
            && (params == nil || params == .null || params?.objectValue != nil || params?.arrayValue != nil)
        return validNotification ? nil : "null"
    }

    /// The problems with one reply object: the JSON-RPC 2.0 response shape, and its id.
    static func problems(_ reply: JSONValue, id: String) -> [String] {
        guard let object = reply.objectValue else { return ["not an object: \(reply)"] }
        var problems: [String] = []
        if object["jsonrpc"] != "2.0" { problems.append("jsonrpc is not 2.0") }
        if let given = object["id"] {
            if JSONWriter.string(given) != id { problems.append("id \(given) instead of \(id)") }
        } else {
            problems.append("no id")
        }
        switch (object["result"], object["error"]) {
        case (nil, let error?):
            if error["code"]?.intValue == nil || error["message"]?.stringValue == nil { problems.append("bad error object \(error)") }
        case (.some, nil): break
        default: problems.append("not exactly one of result and error")
        }
        let extra = Set(object.keys).subtracting(["jsonrpc", "id", "result", "error"])
        if !extra.isEmpty { problems.append("extra members \(extra)") }
        return problems
    }

    @Test("10,000 mutated and truncated messages: no crash, no hang, a well-formed reply to every request with an id",
          arguments: [Framing.lineDelimited, .contentLength])
    func mutatedMessages(framing: Framing) throws {
        var random = SeededGenerator(seed: Self.seed ^ (framing == .lineDelimited ? 1 : 2))
        let server = InProcessServer()
        try server.desk.submitOneOfEach()
        var stream = FrameEncoder.encode(Array(#"{"jsonrpc":"2.0","id":0,"method":"ping"}"#.utf8), as: framing)
        var expectations: [Expected] = [.reply(id: "0")]
        while expectations.count <= Self.messageCount / 2 {
            var body = Self.derive(Self.seeds.randomElement(using: &random)!, &random)
            if framing == .lineDelimited {
                // One frame per message: a newline would split it, and a blank line is no frame at all.
                body = body.map { $0 == 0x0A ? 0x20 : $0 }
                if body.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) { continue }
            }
            stream += FrameEncoder.encode(body, as: framing)
            expectations.append(Self.expected(framing == .lineDelimited && body.last == 0x0D ? Array(body.dropLast()) : body))
        }
        var replies: [JSONValue] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + Int.random(in: 1...4096, using: &random))
            replies += server.feed(stream[offset..<end])
            offset = end
        }
        replies += server.feed([], atEnd: true)

        let expectedReplies = expectations.filter { $0 != .nothing }
        #expect(replies.count == expectedReplies.count)
        var failures: [String] = []
        for (index, (reply, expected)) in zip(replies, expectedReplies).enumerated() where failures.count < 10 {
            switch expected {
            case .nothing: break
            case .parseError:
                failures += Self.problems(reply, id: "null").map { "#\(index): \($0)" }
                if reply["error"]?["code"] != -32700 { failures.append("#\(index): not a parse error: \(reply)") }
            case .reply(let id):
                failures += Self.problems(reply, id: id).map { "#\(index): \($0)" }
            case .batch(let ids):
                guard let items = reply.arrayValue, items.count == ids.count else {
                    failures.append("#\(index): \(reply) does not answer the batch's \(ids.count) requests")
                    continue
                }
                for (item, id) in zip(items, ids) { failures += Self.problems(item, id: id).map { "#\(index): \($0)" } }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        // The mutations reach every layer: some messages still run, others fail in each way.
        let outcomes = replies.flatMap { $0.arrayValue ?? [$0] }
        let codes = outcomes.compactMap { $0["error"]?["code"]?.intValue }
        #expect(outcomes.count - codes.count > 200, "commands and protocol methods ran")
        for code in [-32700, -32600, -32601, -32602] {
            #expect(codes.filter { $0 == code }.count > 50, "\(code)")
        }
        #expect(server.request("ping", id: "still-serving")["result"] == [:])
    }
}
