/// The member list: name, dtype, shape, method, compressed, uncompressed, ratio.
///
/// Only the rows on screen are asked for, so a directory of 100,000 entries scrolls as fast
/// as one of ten; column widths follow the rows on screen.
public enum MemberListView {
    struct Column {
        var label: String
        var alignment: Alignment
        var value: (MemberSummary) -> String
        /// Higher survives longer when the pane is narrow.
        var priority: Int
    }

    /// Draws the list of `document`'s members into `rect` (first row: column labels).
    static func draw(into screen: inout Screen, rect: Rect, document: any BrowserDocument,
                     state: ListState, focused: Bool) {
        guard !rect.isEmpty else { return }
        let count = document.memberCount
        let visible = max(0, rect.height - 1)
        let rows = state.top..<min(count, state.top + visible)
        let summaries = rows.map { document.member(at: $0) }
        let none = screen.glyphs.none
        var columns: [Column] = [
            Column(label: "dtype", alignment: .left, value: { $0.dtype ?? "" }, priority: 6),
            Column(label: "shape", alignment: .left, value: { $0.shape.map(shapeText) ?? "" }, priority: 5),
        ]
        if document.isArchive {
            columns += [
                Column(label: "method", alignment: .left, value: { $0.method ?? none }, priority: 2),
                Column(label: "compressed", alignment: .right, value: { $0.compressedSize.map(humanBytes) ?? none }, priority: 3),
                Column(label: "uncompressed", alignment: .right, value: { $0.uncompressedSize.map(humanBytes) ?? none }, priority: 4),
                Column(label: "ratio", alignment: .right, value: { $0.ratio.map(percentText) ?? "" }, priority: 1),
            ]
        } else {
            columns.append(Column(label: "size", alignment: .right, value: { $0.uncompressedSize.map(humanBytes) ?? none }, priority: 4))
        }
        let gap = 2
        let texts: [[String]] = summaries.map { s in columns.map { s.error == nil ? $0.value(s) : "" } }
        var widths = columns.indices.map { c in
            texts.reduce(screen.displayWidth(columns[c].label)) { max($0, screen.displayWidth($1[c])) }
        }
        let nameWidth = summaries.reduce(4) { max($0, screen.displayWidth($1.name)) }
        let minName = min(nameWidth, 12)
        var keep = Array(columns.indices)
        while !keep.isEmpty && minName + keep.reduce(0, { $0 + widths[$1] + gap }) > rect.width {
            let drop = keep.min(by: { columns[$0].priority < columns[$1].priority })!
            keep.removeAll { $0 == drop }
        }
        let rest = rect.width - keep.reduce(0, { $0 + widths[$1] + gap })
        let nameCol = max(1, min(nameWidth, rest))
        // Extra room goes to the name column only up to its need; the rest stays on the right.
        for c in keep { widths[c] = min(widths[c], rect.width) }

        func drawRow(y: Int, name: String, cells: [(String, Alignment, Int)], style: Style) {
            var x = rect.x
            screen.write(x: x, y: y, name, style: style, width: nameCol)
            x += nameCol
            for (text, alignment, w) in cells {
                guard x + gap < rect.maxX else { break }
                screen.write(x: x, y: y, "  ", style: style, maxWidth: rect.maxX - x)
                x += gap
                let room = min(w, rect.maxX - x)
                screen.write(x: x, y: y, text, style: style, width: room, alignment: alignment)
                x += room
            }
        }

        drawRow(y: rect.y, name: "name", cells: keep.map { (columns[$0].label, columns[$0].alignment, widths[$0]) }, style: .header)
        for (i, s) in summaries.enumerated() {
            let y = rect.y + 1 + i
            let selected = rows.lowerBound + i == state.selected
            let style: Style = selected ? (focused ? .selection : .inactiveSelection) : .normal
            if selected { screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            if let e = s.error {
                screen.write(x: rect.x, y: y, s.name, style: style, width: nameCol)
                let x = rect.x + nameCol + gap
                if x < rect.maxX {
                    var es = Style.error
                    es.isReverse = style.isReverse
                    screen.write(x: x, y: y, e, style: es, width: rect.maxX - x)
                }
            } else {
                drawRow(y: y, name: s.name, cells: keep.map { (texts[i][$0], columns[$0].alignment, widths[$0]) }, style: style)
            }
        }
        if count == 0 && rect.height > 1 {
            screen.write(x: rect.x, y: rect.y + 1, "no members", style: .dim, maxWidth: rect.width)
        }
    }
}

/// The file chooser shown when several files are given.
public enum FileListView {
    static func draw(into screen: inout Screen, rect: Rect, documents: [any BrowserDocument], state: ListState) {
        guard !rect.isEmpty else { return }
        screen.write(x: rect.x, y: rect.y, "file", style: .header, maxWidth: rect.width)
        let visible = max(0, rect.height - 1)
        let rows = state.top..<min(documents.count, state.top + visible)
        let pathWidth = rows.reduce(4) { max($0, screen.displayWidth(documents[$1].path)) }
        let pathCol = min(pathWidth, max(8, rect.width * 2 / 3))
        for (i, index) in rows.enumerated() {
            let d = documents[index]
            let y = rect.y + 1 + i
            let selected = index == state.selected
            let style: Style = selected ? .selection : .normal
            if selected { screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            screen.write(x: rect.x, y: y, d.path, style: style, width: min(pathCol, rect.width))
            let x = rect.x + pathCol + 2
            guard x < rect.maxX else { continue }
            if let e = d.error {
                var es = Style.error
                es.isReverse = selected
                screen.write(x: x, y: y, e, style: es, width: rect.maxX - x)
            } else {
                let n = d.memberCount
                let text = d.isArchive ? "npz, \(n) member\(n == 1 ? "" : "s")" : "npy"
                screen.write(x: x, y: y, text, style: style, width: rect.maxX - x)
            }
        }
    }
}
