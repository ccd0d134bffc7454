import ReportDeskCore
import ReportDeskInterpreter
import Synchronization

/// How the dispatcher answers a request: now, or later (a `subscriptions/listen` stream, or a tool
/// call waiting for the person's answer to a legacy `elicitation/create`).
enum RPCAnswer: Sendable {
    case result(JSONValue)
    case failure(DeskError)
    case later

    init(_ outcome: Result<JSONValue, DeskError>) {
        switch outcome {
        case .success(let value): self = .result(value)
        case .failure(let error): self = .failure(error)
        }
    }
}

/// The Model Context Protocol side of the server, for both eras: a request whose `_meta` names a
/// modern version is served statelessly by that revision; a client that sent `initialize` is
/// served by the legacy revision it negotiated. Tools, resources and the triage prompt are the
/// same in both.
final class MCPEndpoint: Sendable {
    private let interpreter: Interpreter
    private let serverVersion: String
    private let gate: ConfirmationGate?
    private let state = Mutex(State())

    /// The key of the one input request a bulk change asks.
    static let confirmKey = "confirm"
    /// How long a confirmation may wait for its retry.
    static let confirmationLifetime: Double = 600

    private struct State {
        var subscriptions = MCPSubscriptions()
        var legacyClientElicits = false
        /// Confirmations asked in an `InputRequiredResult`, by the `requestState` handed out.
        var confirmations: [String: Confirmation] = [:]
        /// Legacy `elicitation/create` requests sent and not yet answered, by their id's JSON.
        var elicitations: [String: Elicitation] = [:]
        /// Messages to write before the reply (an acknowledgment, a request to the client).
        var outbox: [JSONValue] = []
        var nextRequest = 1
    }

    private struct Confirmation {
        let call: String
        let question: String
        let expires: Double
    }

    private struct Elicitation {
        let requestID: JSONValue
        let name: String
        let arguments: JSONValue
        let question: String
    }

    init(interpreter: Interpreter, serverVersion: String, gate: ConfirmationGate?) {
        self.interpreter = interpreter
        self.serverVersion = serverVersion
        self.gate = gate
    }

    private var serverInfo: JSONValue {
        .object(JSONObject([("name", "reportdesk"), ("title", "ReportDesk"), ("version", .string(serverVersion))]))
    }

    private var capabilities: JSONValue {
        .object(JSONObject([
            ("tools", .object(JSONObject([("listChanged", false)]))),
            ("resources", .object(JSONObject([("subscribe", true), ("listChanged", false)]))),
            ("prompts", .object(JSONObject([("listChanged", false)]))),
        ]))
    }

    // MARK: Legacy revision

    /// The `initialize` result for an MCP client; remembers whether it can be asked questions.
    func initialize(requestedVersion: String, params: JSONValue?) -> JSONValue {
        let elicits = MCPRequestMeta.elicits(params?["capabilities"])
        state.withLock { $0.legacyClientElicits = elicits }
        let version = MCPRevision.legacy.contains(requestedVersion) ? requestedVersion : MCPRevision.legacy[0]
        return .object(JSONObject([
            ("protocolVersion", .string(version)),
            ("capabilities", capabilities),
            ("serverInfo", serverInfo),
            ("instructions", .string(MCPRevision.instructions)),
        ]))
    }

    /// A legacy MCP method's answer; `nil` when `method` is not one.
    func legacy(_ method: String, id: JSONValue, params: JSONValue?) -> RPCAnswer? {
        switch method {
        case "ping": return .result(.object(JSONObject()))
        case "tools/list": return .result(MCPTools.list(interpreter.registry))
        case "tools/call": return callTool(params, id: id, modern: nil)
        case "resources/list": return .result(MCPResources.list())
        case "resources/templates/list": return .result(MCPResources.templates())
        case "resources/read": return RPCAnswer(MCPResources.read(params, interpreter: interpreter))
        case "prompts/list": return .result(MCPPrompts.list())
        case "prompts/get": return RPCAnswer(MCPPrompts.get(params, interpreter: interpreter))
        case "resources/subscribe", "resources/unsubscribe":
            guard let uri = params?["uri"]?.stringValue, MCPResources.isKnown(uri) else {
                return .failure(DeskError.invalidParams(field: "uri", "\(method) needs the uri of a resource; resources/list and resources/templates/list name them"))
            }
            state.withLock { method == "resources/subscribe" ? $0.subscriptions.subscribe(uri) : $0.subscriptions.unsubscribe(uri) }
            return .result(.object(JSONObject()))
        default: return nil
        }
    }

    // MARK: Modern revision

    /// A request carrying its protocol version in `_meta`, answered by that revision.
    func modern(_ method: String, id: JSONValue, params: JSONValue?) -> RPCAnswer {
        let meta: MCPRequestMeta
        switch MCPRequestMeta.parse(params) {
        case .success(let parsed): meta = parsed
        case .failure(let error): return .failure(error)
        }
        let answer: RPCAnswer
        var cache: (ttlMs: Int, scope: String)?
        switch method {
        case "server/discover":
            answer = .result(.object(JSONObject([
                ("supportedVersions", .array(MCPRevision.modern.map(JSONValue.string))),
                ("capabilities", capabilities),
                ("instructions", .string(MCPRevision.instructions)),
            ])))
            cache = (3_600_000, "public")
        case "tools/list":
            answer = .result(MCPTools.list(interpreter.registry))
            cache = (3_600_000, "public")
        case "tools/call":
            answer = callTool(params, id: id, modern: meta)
        case "resources/list":
            answer = .result(MCPResources.list())
            cache = (3_600_000, "public")
        case "resources/templates/list":
            answer = .result(MCPResources.templates())
            cache = (3_600_000, "public")
        case "resources/read":
            // Live data about people: never cached for later, never shared between clients.
            answer = RPCAnswer(MCPResources.read(params, interpreter: interpreter))
            cache = (0, "private")
        case "prompts/list":
            answer = .result(MCPPrompts.list())
            cache = (3_600_000, "public")
        case "prompts/get":
            answer = RPCAnswer(MCPPrompts.get(params, interpreter: interpreter))
        case "subscriptions/listen":
            answer = listen(id: id, params: params)
        default:
            return .failure(DeskError(.methodNotFound, "method not found: \(quoted(method)) is not a method of MCP \(meta.version)",
                                      data: .object(JSONObject([("method", .string(method))]))))
        }
        guard case .result(let value) = answer, case .object(var result) = value else { return answer }
        if result["resultType"] == nil { result["resultType"] = "complete" }
        if let cache {
            result["ttlMs"] = .int(cache.ttlMs)
            result["cacheScope"] = .string(cache.scope)
        }
        result["_meta"] = .object(JSONObject([(MCPRevision.serverInfoKey, serverInfo)]))
        return .result(.object(result))
    }

    private func listen(id: JSONValue, params: JSONValue?) -> RPCAnswer {
        let requested = params?["notifications"]?["resourceSubscriptions"]?.arrayValue ?? []
        let honored = requested.compactMap(\.stringValue).filter(MCPResources.isKnown)
        var agreed = JSONObject()
        if !honored.isEmpty { agreed["resourceSubscriptions"] = .array(honored.map(JSONValue.string)) }
        state.withLock { state in
            state.subscriptions.listen(id, uris: honored)
            state.outbox.append(OutgoingMessage.notification("notifications/subscriptions/acknowledged", .object(JSONObject([
                ("_meta", .object(JSONObject([(MCPRevision.subscriptionKey, id)]))), ("notifications", .object(agreed)),
            ]))))
        }
        return .later
    }

    // MARK: Tools, with the person's confirmation for bulk changes

    /// `tools/call` in either era (`modern` is the request's metadata in the modern one). A command
    /// that asks for confirmation runs first with the question refused, so nothing changes until
    /// the person accepted it through the client.
    private func callTool(_ params: JSONValue?, id: JSONValue, modern: MCPRequestMeta?) -> RPCAnswer {
        let target: (name: String, arguments: JSONValue)
        switch MCPTools.target(params, in: interpreter.registry) {
        case .success(let found): target = found
        case .failure(let error): return .failure(error)
        }
        let name = target.name
        // `yes` is the word of a person at a terminal; an agent's arguments cannot give it.
        var arguments = target.arguments
        if case .object(var object) = arguments, object["yes"] != nil {
            object["yes"] = nil
            arguments = .object(object)
        }
        let call = name + " " + JSONWriter.string(arguments)
        if modern != nil, let token = params?["requestState"] {
            return retry(name, arguments, call: call, token: token, response: params?["inputResponses"]?[Self.confirmKey])
        }
        let clientElicits = modern.map(\.elicits) ?? state.withLock { $0.legacyClientElicits }
        // A client that cannot ask its person guards a bulk change with the count it expects instead.
        let countGuarded = !clientElicits && arguments["expectCount"] != nil
        let (execution, refused) = run(name, arguments, countGuarded ? .allow : .ask)
        guard let refused else { return .result(MCPTools.result(execution.outcome)) }
        if let modern {
            return modern.elicits ? askInResult(call: call, question: refused) : .result(MCPTools.result(.failure(cannotAsk(refused))))
        }
        guard state.withLock({ $0.legacyClientElicits }) else { return .result(MCPTools.result(.failure(cannotAsk(refused)))) }
        state.withLock { state in
            let requestID = JSONValue.string("reportdesk-elicit-\(state.nextRequest)")
            state.nextRequest += 1
            state.elicitations[JSONWriter.string(requestID)] = Elicitation(requestID: id, name: name, arguments: arguments, question: refused.text)
            state.outbox.append(.object(JSONObject([
                ("jsonrpc", "2.0"), ("id", requestID), ("method", "elicitation/create"),
                ("params", .object(JSONObject([("message", .string(Self.message(refused))), ("requestedSchema", Self.noFields)]))),
            ])))
        }
        return .later
    }

    /// A modern retry: runs only if it carries the acceptance of the question this very call was asked.
    private func retry(_ name: String, _ arguments: JSONValue, call: String, token: JSONValue, response: JSONValue?) -> RPCAnswer {
        let now = interpreter.session.environment.now.secondsSinceEpoch
        let confirmation = state.withLock { state -> Confirmation? in
            state.confirmations = state.confirmations.filter { $0.value.expires > now }
            return token.stringValue.flatMap { state.confirmations.removeValue(forKey: $0) }
        }
        guard let confirmation, confirmation.call == call else {
            return .failure(DeskError.invalidParams(field: "requestState", "requestState is not one this server handed out for this call, or it was used or expired; call the tool again without it"))
        }
        guard let action = response?["action"]?.stringValue else {
            return askInResult(call: call, question: ConfirmationGate.Question(text: confirmation.question, details: []))
        }
        guard action == "accept" else { return .result(MCPTools.result(.failure(Self.declined(confirmation.question)))) }
        let (execution, refused) = run(name, arguments, .accepted(confirmation.question))
        // The reports changed since the question was put (another count): ask about what is there now.
        if let refused { return askInResult(call: call, question: refused) }
        return .result(MCPTools.result(execution.outcome))
    }

    private func askInResult(call: String, question: ConfirmationGate.Question) -> RPCAnswer {
        let now = interpreter.session.environment.now.secondsSinceEpoch
        let token = (0..<2).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
        state.withLock { $0.confirmations[token] = Confirmation(call: call, question: question.text, expires: now + Self.confirmationLifetime) }
        return .result(.object(JSONObject([
            ("resultType", "input_required"),
            ("inputRequests", .object(JSONObject([(Self.confirmKey, .object(JSONObject([
                ("method", "elicitation/create"),
                ("params", .object(JSONObject([("mode", "form"), ("message", .string(Self.message(question))), ("requestedSchema", Self.noFields)]))),
            ])))]))),
            ("requestState", .string(token)),
        ])))
    }

    /// The client answered a legacy `elicitation/create`; the reply to the tool call that waited,
    /// or `nil` when `id` is not a request this server sent.
    func responseArrived(id: JSONValue, result: JSONValue?) -> JSONValue? {
        guard let waiting = state.withLock({ $0.elicitations.removeValue(forKey: JSONWriter.string(id)) }) else { return nil }
        let outcome: Result<JSONValue, DeskError>
        if result?["action"]?.stringValue == "accept" {
            let (execution, refused) = run(waiting.name, waiting.arguments, .accepted(waiting.question))
            outcome = refused == nil ? execution.outcome
                : .failure(DeskError(.requestCancelled, "the reports changed while the person was asked; nothing was changed, call the tool again"))
        } else {
            outcome = .failure(Self.declined(waiting.question))
        }
        return OutgoingMessage.result(id: waiting.requestID, MCPTools.result(outcome))
    }

    /// Whether `id` is a request this server sent and still waits for.
    func awaitsResponse(_ id: JSONValue) -> Bool {
        state.withLock { $0.elicitations[JSONWriter.string(id)] != nil }
    }

    private func run(_ name: String, _ arguments: JSONValue, _ mode: ConfirmationGate.Mode) -> (Interpreter.Execution, ConfirmationGate.Question?) {
        guard let gate else { return (interpreter.execute(method: name, params: arguments), nil) }
        let (execution, refused) = gate.run(mode) { interpreter.execute(method: name, params: arguments) }
        return (execution, refused)
    }

    static let noFields: JSONValue = .object(JSONObject([("type", "object"), ("properties", .object(JSONObject()))]))

    /// "Dismiss 5 reports?" and the first of them, one per line.
    static func message(_ question: ConfirmationGate.Question) -> String {
        ([question.text.prefix(1).uppercased() + question.text.dropFirst()] + question.details).joined(separator: "\n")
    }

    static func declined(_ question: String) -> DeskError {
        DeskError(.requestCancelled, "not confirmed: \(question) was declined or left unanswered; nothing was changed")
    }

    /// The refusal for a client that cannot put the question to its person.
    private func cannotAsk(_ question: ConfirmationGate.Question) -> DeskError {
        DeskError(.requestCancelled, """
            \(question.text.dropLast()) needs the confirmation of the person behind the client, and this client \
            cannot ask (it declared no elicitation capability); nothing was changed. Change at most three reports \
            per call, or pass expectCount (how many reports you expect to change) to confirm the count yourself, \
            or dryRun to see what would change.
            """)
    }

    // MARK: Notifications and cancellation

    /// A `notifications/cancelled` for a listen stream or a waiting tool call ends it without a reply.
    func cancelled(_ id: JSONValue) {
        state.withLock { state in
            _ = state.subscriptions.endStream(id)
            state.elicitations = state.elicitations.filter { $0.value.requestID != id }
        }
    }

    /// Messages to write before the reply to the request just handled.
    func takeOutgoing() -> [JSONValue] {
        state.withLock { state in
            defer { state.outbox.removeAll() }
            return state.outbox
        }
    }

    var hasSubscriptions: Bool { state.withLock { !$0.subscriptions.isEmpty } }

    /// `notifications/resources/updated` for what another process's commit touched.
    func updates(changedKeys keys: [Int]) -> [JSONValue] {
        state.withLock { $0.subscriptions.updates(changedKeys: keys) }
    }
}
