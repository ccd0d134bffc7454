import ReportDeskCore

/// What a modern request says about its client in `_meta`: the version, the capabilities it
/// declared for this request, and who it is.
struct MCPRequestMeta: Sendable {
    let version: String
    let capabilities: JSONValue
    let clientInfo: JSONValue?

    /// The request's metadata, or the error it deserves (an unknown version lists the supported ones).
    static func parse(_ params: JSONValue?) -> Result<MCPRequestMeta, DeskError> {
        guard let requested = MCPRevision.requestedVersion(params) else {
            return .failure(DeskError.invalidParams(field: "_meta", "_meta must carry \(MCPRevision.versionKey)"))
        }
        guard let version = requested.stringValue, MCPRevision.modern.contains(version) else {
            return .failure(MCPRevision.unsupported(requested))
        }
        let meta = params?["_meta"]
        return .success(MCPRequestMeta(version: version, capabilities: meta?[MCPRevision.capabilitiesKey] ?? .object(JSONObject()),
                                       clientInfo: meta?[MCPRevision.clientInfoKey]))
    }

    /// Whether the client can put a question to the person behind it (form elicitation).
    var elicits: Bool { Self.elicits(capabilities) }

    /// An `elicitation` capability of `{}` means form mode; one naming only `url` does not ask in forms.
    static func elicits(_ capabilities: JSONValue?) -> Bool {
        guard let elicitation = capabilities?["elicitation"]?.objectValue else { return false }
        return elicitation.isEmpty || elicitation["form"] != nil
    }
}
