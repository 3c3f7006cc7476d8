/// A plain-text table for terminals: a header, a rule, left-aligned text and right-aligned numbers.
package struct TextTable {
    package enum Alignment { case left, right }

    package var columns: [(title: String, alignment: Alignment)]
    package var rows: [[String]] = []

    package init(_ columns: [(String, Alignment)]) { self.columns = columns.map { (title: $0.0, alignment: $0.1) } }

    package mutating func append(_ row: [String]) { rows.append(row) }

    package func render() -> String {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return columns[i].alignment == .left ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = [line(columns.map(\.title)), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
