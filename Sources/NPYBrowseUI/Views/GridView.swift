/// One column of the value grid on screen.
struct GridColumn {
    var col: Int
    var width: Int
    var header: String
    var alignment: Alignment
    var texts: [String]
}

/// What the value grid shows in a frame: rows, columns with their widths, the texts.
struct GridLayout {
    var rows: Range<Int>
    var indexWidth: Int
    var columns: [GridColumn]
    var error: String?
}

/// True when values of this dtype (`<f8`, `|b1`, `<U5`) are numbers, right-aligned like numpy.
func isNumericDType(_ dtype: String) -> Bool {
    var chars = Array(dtype)
    if let f = chars.first, "<>|=".contains(f) { chars.removeFirst() }
    guard let kind = chars.first else { return false }
    return "biufcmM?".contains(kind)
}

enum GridView {
    /// The widest a column gets, unless the whole grid is narrower.
    static let maxColumnWidth = 40

    /// Works out what fits in `area` with the cursor visible, reading only the cells shown
    /// (and, to learn that it does not fit, the column just past the right edge).
    static func layout(_ a: ArrayScreen, area: Rect, screen: Screen) -> GridLayout {
        guard let source = a.source else { return GridLayout(rows: 0..<0, indexWidth: 0, columns: [], error: nil) }
        let visibleRows = max(1, area.height - 1)
        a.grid.scrollToCursor(visibleRows: visibleRows)
        let g = a.grid
        let rows = g.topRow..<min(g.rowCount, g.topRow + visibleRows)
        let indexWidth = g.rowAxis == nil ? 2 : max(1, String(max(0, g.rowCount - 1)).count)
        let avail = max(1, area.width - indexWidth - 1)
        let cap = min(avail, max(maxColumnWidth, avail / 2))
        let fields = source.fields
        var measured: [Int: GridColumn] = [:]
        var failure: String? = nil

        func header(_ c: Int) -> String {
            if g.isStructured { return fields[c].name }
            return g.colAxis == nil ? "value" : String(c)
        }
        func alignment(_ c: Int) -> Alignment {
            if g.isStructured {
                return fields[c].subarrayShape.isEmpty && isNumericDType(fields[c].dtype) ? .right : .left
            }
            return isNumericDType(source.dtype) ? .right : .left
        }
        func measure(_ c: Int) -> GridColumn? {
            if let m = measured[c] { return m }
            var texts: [String] = []
            var w = screen.displayWidth(header(c))
            for r in rows {
                let (idx, field) = g.element(row: r, col: c)
                do {
                    let t = try a.text(at: idx, field: field)
                    texts.append(t)
                    w = max(w, screen.displayWidth(t))
                } catch {
                    if failure == nil { failure = "cannot read \(a.key)\(indexText(idx)): \(error)" }
                    return nil
                }
            }
            let col = GridColumn(col: c, width: max(1, min(w, cap)), header: header(c), alignment: alignment(c), texts: texts)
            measured[c] = col
            return col
        }
        func fit(from left: Int) -> [GridColumn] {
            var out: [GridColumn] = []
            var used = 0
            var c = left
            while c < g.colCount {
                let sep = out.isEmpty ? 0 : 1
                if !out.isEmpty && used + sep + max(1, screen.displayWidth(header(c))) > avail { break }
                guard let m = measure(c) else { return [] }
                if !out.isEmpty && used + sep + m.width > avail { break }
                var col = m
                col.width = min(col.width, avail)
                out.append(col)
                used += sep + col.width
                c += 1
            }
            return out
        }

        if g.col < a.grid.leftCol { a.grid.leftCol = g.col }
        a.grid.leftCol = clamp(a.grid.leftCol, 0, max(0, g.colCount - 1))
        var columns = fit(from: a.grid.leftCol)
        if failure == nil, let last = columns.last, g.col > last.col {
            var left = g.col
            var used = measure(g.col)?.width ?? avail
            while left > 0, failure == nil, let m = measure(left - 1), used + 1 + m.width <= avail {
                used += 1 + m.width
                left -= 1
            }
            a.grid.leftCol = left
            columns = fit(from: left)
        }
        // Columns end before the screen does: show more on the left rather than blank space.
        if failure == nil, let last = columns.last, last.col == g.colCount - 1, a.grid.leftCol > 0 {
            var used = columns.reduce(-1) { $0 + $1.width + 1 }
            var left = a.grid.leftCol
            while left > 0, let m = measure(left - 1), used + 1 + m.width <= avail {
                used += 1 + m.width
                left -= 1
            }
            if left != a.grid.leftCol {
                a.grid.leftCol = left
                columns = fit(from: left)
            }
        }
        if let failure {
            a.visibleCols = g.col..<(g.col + 1)
            return GridLayout(rows: rows, indexWidth: indexWidth, columns: [], error: failure)
        }
        a.visibleCols = (columns.first?.col ?? 0)..<((columns.last?.col ?? -1) + 1)
        return GridLayout(rows: rows, indexWidth: indexWidth, columns: columns, error: nil)
    }

    /// Draws `layout` into `area`.
    static func draw(_ layout: GridLayout, _ a: ArrayScreen, into screen: inout Screen, area: Rect) {
        let g = a.grid
        let bar = screen.glyphs.vertical
        let x0 = area.x + layout.indexWidth
        screen.write(x: x0, y: area.y, bar, style: .border)
        var x = x0 + 1
        for (i, c) in layout.columns.enumerated() {
            if i > 0 { x += 1 }
            let style: Style = c.col == g.col ? Style(role: .header, bold: true, underline: true) : .header
            screen.write(x: x, y: area.y, c.header, style: style, width: c.width, alignment: c.alignment)
            x += c.width
        }
        for (i, r) in layout.rows.enumerated() {
            let y = area.y + 1 + i
            let current = r == g.row
            let label = g.rowAxis == nil ? "()" : String(r)
            screen.write(x: area.x, y: y, label, style: current ? Style(role: .index, bold: true, underline: true) : .index,
                         width: layout.indexWidth, alignment: .right)
            screen.write(x: x0, y: y, bar, style: .border)
            var x = x0 + 1
            for (j, c) in layout.columns.enumerated() {
                if j > 0 { x += 1 }
                let style: Style = current && c.col == g.col ? .selection : .normal
                screen.write(x: x, y: y, c.texts[i], style: style, width: c.width, alignment: c.alignment)
                x += c.width
            }
        }
    }
}

/// `[3, 4]`, or `[()]` for the empty index of a 0-d array.
func indexText(_ index: [Int]) -> String {
    index.isEmpty ? "[()]" : "[" + index.map(String.init).joined(separator: ", ") + "]"
}
