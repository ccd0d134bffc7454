/// Why a row was not imported: the field at fault (when one is) and a reason that names it. Import
/// readers reject rows they cannot read; the store rejects rows whose screenshot it cannot take.
package struct ImportRejection: Error, Equatable, Sendable {
    package let field: String?
    package let reason: String

    package init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
