/// What an import did with every row (R13): imported, a duplicate, or rejected with its line and
/// a reason naming the field. `rejected` holds the first `ImportOutcome.listedRejections`; the
/// rejects file holds them all.
package struct ImportOutcome: Sendable {
    /// How many rejections the result lists; the rest are only counted (and in the rejects file).
    package static let listedRejections = 100

    package struct Rejection: Sendable, Equatable {
        package let line: Int
        package let field: String?
        package let reason: String
    }

    package let format: ImportFormat
    package var rows = 0
    package var imported = 0
    package var duplicates = 0
    package var rejectedCount = 0
    package var rejected: [Rejection] = []
    package var rejectsFile: String?
    /// Column headings or JSON keys that name no report field; their values were not imported.
    package var ignoredFields: [String] = []

    package init(format: ImportFormat) { self.format = format }
}
