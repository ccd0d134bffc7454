/// A community report's screenshot (R11): either a copy kept in the store, addressed by its
/// SHA-256, or a URL kept as a reference.
public struct Screenshot: Sendable, Equatable {
    public var sha256: String?
    public var bytes: Int?
    public var mediaType: String?
    public var url: String?
    /// Where the stored copy lives; filled in by the store when it reads the report.
    public var path: String?

    package init(sha256: String? = nil, bytes: Int? = nil, mediaType: String? = nil, url: String? = nil, path: String? = nil) {
        self.sha256 = sha256
        self.bytes = bytes
        self.mediaType = mediaType
        self.url = url
        self.path = path
    }

    public static func == (lhs: Screenshot, rhs: Screenshot) -> Bool {
        lhs.sha256 == rhs.sha256 && lhs.bytes == rhs.bytes && lhs.mediaType == rhs.mediaType && lhs.url == rhs.url
    }
}
