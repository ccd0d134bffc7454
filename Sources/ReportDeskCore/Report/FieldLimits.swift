/// Sizes the desk accepts for user-written and operator-written text, documented in the README;
/// anything larger is refused with a message naming the field and the limit.
package enum FieldLimits {
    package static let identifier = 200
    package static let details = 20_000
    package static let note = 100_000
    package static let appealMessage = 20_000
    package static let issueType = 100

    /// Throws an invalid-params error when `text` is longer than `limit` characters or holds a NUL.
    package static func check(_ text: String, field: String, limit: Int) throws(DeskError) {
        if text.utf8.count > limit * 4 || text.unicodeScalars.count > limit {
            let length = text.unicodeScalars.count
            throw DeskError.invalidParams(field: field, "\(field) is \(Wording.count(length, "character")) long; the limit is \(Wording.number(limit))",
                                          extra: [("limit", .int(limit)), ("length", .int(length))])
        }
        if text.utf8.contains(0) {
            throw DeskError.invalidParams(field: field, "\(field) contains a NUL character, which is not accepted")
        }
    }
}
