/// Why a row was not imported: the field at fault (when one is) and a reason that names it.
package struct ImportRejection: Error, Equatable, Sendable {
    package let field: String?
    package let reason: String

    package init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    package init(_ field: ImportField, _ reason: String) {
        self.init(field: field.name, "\(field.label) \(reason)")
    }
}
