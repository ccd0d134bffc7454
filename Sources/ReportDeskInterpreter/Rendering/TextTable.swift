/// A table fitted to the terminal, never wrapped by it. Columns are
/// as wide as their content; when the row is too wide, text columns shrink to their minimum in
/// order and cut their cells with an ellipsis, then whole columns are left out in order, and as a
/// last resort every column is cut. No line is ever wider than the style's usable width.
package struct TextTable {
    package struct Column {
        let header: String
        /// Narrowest this column may become before columns are dropped.
        var minimum: Int
        /// Columns shrink in ascending order; `nil` keeps the content's width (times, statuses).
        var shrinkOrder: Int?
        /// Columns are left out in ascending order when shrinking is not enough; `nil` never.
        var dropOrder: Int?
        var alignRight: Bool

        package init(header: String, minimum: Int = 0, shrinkOrder: Int? = nil, dropOrder: Int? = nil, alignRight: Bool = false) {
            self.header = header
            self.minimum = minimum
            self.shrinkOrder = shrinkOrder
            self.dropOrder = dropOrder
            self.alignRight = alignRight
        }
    }

    package struct Cell {
        let text: String
        let colour: String?

        package init(_ text: String, colour: String? = nil) {
            self.text = text
            self.colour = colour
        }
    }

    let columns: [Column]
    let rows: [[Cell]]

    package init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    package func render(style: TerminalStyle) -> [String] {
        let (kept, widths) = layout(available: style.usableWidth)
        var lines = [line(kept.map { Cell(columns[$0].header, colour: "1") }, kept: kept, widths: widths, style: style)]
        for row in rows {
            lines.append(line(kept.map { row[$0] }, kept: kept, widths: widths, style: style))
        }
        return lines
    }

    /// Which columns are shown and how wide each is.
    func layout(available: Int) -> (kept: [Int], widths: [Int]) {
        var kept = Array(columns.indices)
        while true {
            var widths = kept.map { column in
                ([columns[column].header] + rows.map { $0[column].text }).map(DisplayWidth.of).max() ?? 0
            }
            var excess = widths.reduce(0, +) + 2 * (kept.count - 1) - available
            let shrinking = kept.indices.filter { columns[kept[$0]].shrinkOrder != nil }
                .sorted { columns[kept[$0]].shrinkOrder! < columns[kept[$1]].shrinkOrder! }
            for position in shrinking where excess > 0 {
                let give = min(excess, max(0, widths[position] - columns[kept[position]].minimum))
                widths[position] -= give
                excess -= give
            }
            if excess <= 0 { return (kept, widths) }
            let droppable = kept.filter { columns[$0].dropOrder != nil }
            if let drop = droppable.min(by: { columns[$0].dropOrder! < columns[$1].dropOrder! }), kept.count > 1 {
                kept.removeAll { $0 == drop }
                continue
            }
            for position in widths.indices.reversed() where excess > 0 {
                let give = min(excess, widths[position] - 1)
                widths[position] -= give
                excess -= give
            }
            return (kept, widths)
        }
    }

    private func line(_ cells: [Cell], kept: [Int], widths: [Int], style: TerminalStyle) -> String {
        var parts: [String] = []
        for (position, cell) in cells.enumerated() {
            let cut = DisplayWidth.truncate(cell.text, to: widths[position])
            let isLast = position == cells.count - 1
            let fitted = columns[kept[position]].alignRight
                ? DisplayWidth.padLeft(cut, to: widths[position])
                : isLast ? cut : DisplayWidth.pad(cut, to: widths[position])
            parts.append(style.paint(fitted, cell.colour))
        }
        return parts.joined(separator: "  ")
    }
}
