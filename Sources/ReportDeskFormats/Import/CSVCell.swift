/// Where one CSV cell's text lies within its record (between the quotes when it was quoted).
package struct CSVCell: Equatable {
    package let start: Int
    package let end: Int
    /// Whether the cell holds `""` pairs that stand for one quote each.
    package let hasDoubledQuotes: Bool
}
