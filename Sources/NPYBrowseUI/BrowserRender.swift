/// The rows of a frame: title, main area, status line, hint line.
struct Frame {
    var title: Rect
    var main: Rect
    var status: Rect
    var hint: Rect
}

/// Where the member list and the info pane go.
struct MembersLayout {
    var list: Rect
    var info: Rect
    var separator: Rect?
    var isVertical: Bool
}

extension Browser {
    /// The smallest size drawn normally; below it a notice asks for a larger terminal.
    static let minimumSize = (width: 20, height: 4)

    var frame: Frame {
        let all = Rect(x: 0, y: 0, width: width, height: height)
        let (title, rest) = all.dividedTop(1)
        let (hint, rest2) = rest.dividedBottom(1)
        let (status, main) = rest2.dividedBottom(1)
        return Frame(title: title, main: main, status: status, hint: hint)
    }

    var membersLayout: MembersLayout {
        let main = frame.main
        if main.width >= 100 {
            let (list, rest) = main.dividedLeft(main.width * 11 / 20)
            let (sep, info) = rest.dividedLeft(1)
            return MembersLayout(list: list, info: info.insetBy(dx: 1, dy: 0).dividedLeft(info.width - 1).left, separator: sep, isVertical: true)
        }
        if main.height >= 12 {
            let listHeight = min(memberCount + 1, max(3, main.height / 2))
            let (list, rest) = main.dividedTop(listHeight)
            let (sep, info) = rest.dividedTop(1)
            return MembersLayout(list: list, info: info, separator: sep, isVertical: false)
        }
        let empty = Rect(x: main.x, y: main.y, width: 0, height: 0)
        return pane == .list
            ? MembersLayout(list: main, info: empty, separator: nil, isVertical: false)
            : MembersLayout(list: empty, info: main, separator: nil, isVertical: false)
    }

    func helpLines(width: Int, screen: Screen) -> [StyledLine] {
        var out: [StyledLine] = []
        let wide = width >= 72
        for line in keyMap.helpLines() {
            switch line {
            case .blank: out.append([])
            case .section(let t): out.append([Segment(t, .header)])
            case .text(let t): for p in screen.wrap(t, width: width) { out.append([Segment(p)]) }
            case .command(let keys, let name, let summary):
                if wide {
                    out.append([Segment(screen.fit("  " + keys, width: 20), .key), Segment(screen.fit(name, width: 17)),
                                Segment(summary, .dim)])
                } else {
                    out.append([Segment("  " + keys, .key), Segment("  " + name)])
                    for p in screen.wrap(summary, width: max(1, width - 6)) { out.append([Segment("      " + p, .dim)]) }
                }
            }
        }
        return out
    }

    var helpLineCount: Int {
        helpLines(width: frame.main.width, screen: Screen(width: 0, height: 0)).count
    }

    // MARK: Render

    /// Draws the whole frame into `screen` (whose size becomes the browser's size).
    public func render(into screen: inout Screen) {
        width = screen.width
        height = screen.height
        screen.clear()
        if width < Browser.minimumSize.width || height < Browser.minimumSize.height {
            let lines = screen.wrap("terminal too small: \(width)x\(height); q quits", width: max(1, width))
            for (i, l) in lines.prefix(height).enumerated() { screen.write(x: 0, y: i, l, style: .warning) }
            return
        }
        let f = frame
        var status: StyledLine = []
        var hints: [Command] = []
        if let top = helpTop {
            drawTitle(&screen, f.title, extra: "help")
            let lines = helpLines(width: f.main.width, screen: screen)
            helpTop = screen.drawLines(lines, in: f.main, top: top)
            status = [Segment("help: line \(helpTop! + 1) of \(lines.count)")]
            hints = [.goDown, .pageDown, .backOrQuit, .help]
        } else {
            switch place {
            case .files:
                drawTitle(&screen, f.title, extra: "\(documents.count) files")
                let visible = max(1, f.main.height - 1)
                files.scroll(count: documents.count, visible: visible)
                FileListView.draw(into: &screen, rect: f.main, documents: documents, state: files)
                status = [Segment("file \(files.selected + 1) of \(documents.count)")]
                hints = [.openMember, .search, .backOrQuit, .help]
            case .members:
                status = renderMembers(&screen, f)
                hints = document?.error != nil ? [.reload, .backOrQuit, .help]
                    : [.openMember, .switchPane, .gotoIndex, .search, .hexView, .backOrQuit, .help]
            case .array:
                (status, hints) = renderArray(&screen, f)
            }
        }
        if changedOnDisk && helpTop == nil {
            status.insert(Segment("file changed on disk: R reloads  ", .warning), at: 0)
        }
        screen.fill(f.status, style: .status)
        for i in status.indices { status[i].style.isReverse = true }
        screen.draw(status, x: f.status.x, y: f.status.y, maxWidth: f.status.width)
        drawHintLine(&screen, f.hint, hints)
    }

    func drawTitle(_ screen: inout Screen, _ rect: Rect, extra: String) {
        screen.fill(rect, style: .title)
        let path = place != .files || helpTop != nil ? document?.path : nil
        let member = place == .array && helpTop == nil ? array?.name : nil
        let (left, right) = Self.title(path: path, member: member, extra: extra, width: rect.width, screen: screen)
        screen.write(x: rect.x, y: rect.y, left, style: .title, maxWidth: rect.width)
        if !right.isEmpty { screen.write(x: rect.maxX - screen.displayWidth(right), y: rect.y, right, style: .title) }
    }

    /// The title's left and right parts for `width` columns. What goes first as the room shrinks:
    /// the program name, then the path's leading directories ("…/data.npz"), then the right part,
    /// then characters of the file name; the member name stays longest, as it says what the grid
    /// shows.
    static func title(path: String?, member: String?, extra: String, width: Int, screen: Screen) -> (String, String) {
        let sep = screen.glyphs.pathSeparator
        func join(_ parts: [String?]) -> String { parts.compactMap { $0 }.joined(separator: sep) }
        func fits(_ left: String, _ right: String) -> Bool {
            screen.displayWidth(left) + (right.isEmpty ? 0 : 2 + screen.displayWidth(right)) <= width
        }
        for right in [extra, ""] {
            var candidates = [join(["npybrowse", path, member]), join([path, member])]
            if let path {
                // Elide the path from its start: at each directory ("…/runs/out.npz"), then, once
                // the right part is gone, at each character of the file name.
                let rest = member.map { sep + $0 } ?? ""
                let name = path.lastIndex(of: "/") ?? path.startIndex
                let cuts = path.indices.filter { $0 != path.startIndex && (path[$0] == "/" || (right.isEmpty && $0 > name)) }
                candidates += cuts.map { screen.glyphs.ellipsis + path[$0...] + rest }
            }
            if let left = candidates.first(where: { fits($0, right) }) { return (left, right) }
        }
        return (member ?? path ?? "npybrowse", "")
    }

    func drawHintLine(_ screen: inout Screen, _ rect: Rect, _ commands: [Command]) {
        if let p = prompt {
            let label = p.label
            let n = screen.write(x: rect.x, y: rect.y, label, style: .key, maxWidth: rect.width)
            let room = rect.width - n - 1
            var text = p.text
            while screen.displayWidth(text) > room && !text.isEmpty { text.removeFirst() }
            let m = screen.write(x: rect.x + n, y: rect.y, text, maxWidth: max(0, room))
            screen.write(x: rect.x + n + m, y: rect.y, " ", style: .selection, maxWidth: 1)
            return
        }
        if let notice {
            screen.write(x: rect.x, y: rect.y, notice.text, style: notice.style, width: rect.width)
            return
        }
        if search != nil, let job = search {
            let text = "searching for '\(job.query)': \(job.examined) of \(job.total) checked; Esc cancels"
            screen.write(x: rect.x, y: rect.y, text, style: .warning, width: rect.width)
            return
        }
        if place == .array, helpTop == nil, let a = array, !a.blocksOnPreparation,
           case .working(let label, let done, let total) = a.preparing {
            let pct = total == 0 ? 0 : Int(min(1, Double(done) / Double(total)) * 100)
            let text = "\(label): \(pct)% of \(humanBytes(total)); values far in may be slow; Esc stops"
            screen.write(x: rect.x, y: rect.y, text, style: .warning, width: rect.width)
            return
        }
        var items: [(key: String, label: String)] = []
        for (key, label) in keyMap.hints(commands) where !items.contains(where: { $0.label == label }) {
            var k = key
            if label == Command.nextAxisIndex.hint {
                k = (keyMap.keys(for: .prevAxisIndex).first?.displayName ?? "") + " " + key
            }
            items.append((k, label))
        }
        func width(_ item: (key: String, label: String)) -> Int {
            screen.displayWidth(item.key) + 1 + screen.displayWidth(item.label)
        }
        // The last two (back, help) stay longest; the others go from the end.
        while items.count > 1 && items.reduce(0, { $0 + width($1) + 2 }) - 2 > rect.width {
            items.remove(at: max(0, items.count - 3))
        }
        var x = rect.x
        for (i, item) in items.enumerated() {
            x += screen.write(x: x, y: rect.y, item.key, style: .key, maxWidth: rect.maxX - x)
            x += screen.write(x: x, y: rect.y, " " + item.label + (i + 1 < items.count ? "  " : ""), maxWidth: rect.maxX - x)
        }
    }

    // MARK: Members

    func renderMembers(_ screen: inout Screen, _ f: Frame) -> StyledLine {
        guard let doc = document else { return [] }
        let count = doc.memberCount
        drawTitle(&screen, f.title, extra: doc.error != nil ? "unreadable" : doc.isArchive ? "npz, \(count) member\(count == 1 ? "" : "s")" : "npy")
        if let e = doc.error {
            for (i, l) in screen.wrap(e, width: f.main.width).prefix(f.main.height).enumerated() {
                screen.write(x: f.main.x, y: f.main.y + i, l, style: .error)
            }
            return [Segment("cannot read this file")]
        }
        let layout = membersLayout
        members.scroll(count: count, visible: max(1, layout.list.height - 1))
        MemberListView.draw(into: &screen, rect: layout.list, document: doc, state: members, focused: pane == .list)
        if let sep = layout.separator {
            if layout.isVertical {
                for y in sep.y..<sep.maxY { screen.write(x: sep.x, y: y, screen.glyphs.vertical, style: .border) }
            } else {
                let label = pane == .info ? " info (Tab: list) " : " info (Tab) "
                let line = String(repeating: screen.glyphs.horizontal, count: 2) + label
                    + String(repeating: screen.glyphs.horizontal, count: max(0, sep.width))
                screen.write(x: sep.x, y: sep.y, line, style: .border, maxWidth: sep.width)
            }
        }
        if !layout.info.isEmpty, count > 0 {
            let d = doc.details(of: members.selected)
            let lines = InfoView.lines(d, screen: screen, width: layout.info.width)
            infoTop = screen.drawLines(lines, in: layout.info, top: infoTop)
        }
        var status: StyledLine = [Segment(count == 0 ? "no members" : "member \(members.selected + 1) of \(count)")]
        if pane == .info { status.append(Segment("  (info pane: arrows scroll, Tab returns)")) }
        return status
    }

    // MARK: Array

    func renderArray(_ screen: inout Screen, _ f: Frame) -> (StyledLine, [Command]) {
        guard let a = array else { return ([], []) }
        var extra = ""
        if let s = a.source {
            extra = s.dtype + " " + shapeText(s.shape) + (s.isFortranOrder ? " F" : "")
            if s.fields.count > 0 { extra += " \(s.fields.count) fields" }
        }
        drawTitle(&screen, f.title, extra: extra)
        let back: [Command] = [.backOrQuit, .help]
        if a.blocksOnPreparation, case .working(let label, let done, let total) = a.preparing {
            drawProgress(&screen, f.main, label: label, done: done, total: total)
            return ([Segment("\(a.key): preparing")], [.cancel])
        }
        if a.showsInfo {
            let d = document?.details(of: a.memberIndex) ?? MemberDetails(name: a.name)
            let lines = InfoView.lines(d, screen: screen, width: f.main.width)
            a.infoTop = screen.drawLines(lines, in: f.main, top: a.infoTop)
            return ([Segment("\(a.key): info")], [.switchPane, .hexView] + back)
        }
        if let e = a.error {
            drawMessage(&screen, f.main, "cannot open \(a.name): \(e)", style: .error)
            return ([Segment(a.key)], [.switchPane] + back)
        }
        guard let source = a.source else { return ([], back) }
        if var top = a.hexTop {
            let bpl = UInt64(hexBytesPerLine(width: f.main.width, offsetDigits: HexView.offsetDigits(source)))
            top = top / bpl * bpl
            a.hexTop = top
            let hasElement = source.explanation == nil && !a.grid.isEmpty
            let element = hasElement ? elementByteRange(a, source: source) : nil
            HexView.draw(a, source: source, element: element, top: top, into: &screen, area: f.main)
            let name = hasElement ? a.key + indexText(a.grid.cursor) : a.key
            return ([Segment("\(name): hex")], [.goDown, .pageDown, .hexView, .backOrQuit, .help])
        }
        if let e = source.explanation {
            drawMessage(&screen, f.main, e, style: .warning)
            return ([Segment(a.key)], [.switchPane, .hexView] + back)
        }
        if a.grid.isEmpty {
            drawMessage(&screen, f.main, "empty array: shape \(shapeText(a.grid.shape)) has no elements", style: .dim)
            return ([Segment(a.key)], [.switchPane, .hexView] + back)
        }
        // The texts of a few screens of cells; beyond that start over (memory stays flat).
        if a.cache.count > 4096 { a.cache = [:] }
        let layout = GridView.layout(a, area: f.main, screen: screen)
        if let e = layout.error {
            drawMessage(&screen, f.main, e, style: .error)
        } else {
            GridView.draw(layout, a, into: &screen, area: f.main)
        }
        // Reads during this frame may have asked for background work (a far jump into a
        // deflated member): pick it up so ticks do it and the hint line shows its progress.
        if a.preparing == .ready, source.readsDuringPreparation {
            a.preparing = source.preparation
        }
        var hints: [Command] = [.gotoIndex, .search]
        let g = a.grid
        if g.stepAxis != nil { hints.append(.nextAxisIndex) }
        if g.colAxis != nil { hints.append(.transpose) }
        if g.fixedAxes.count > 0 || (g.isStructured && g.shape.count > 1) { hints.append(.cycleRowAxis) }
        hints += [.hexView, .switchPane] + back
        return (arrayStatus(a, layout: layout, source: source, screen: screen), hints)
    }

    /// `key[3, 120:160, 0:8]  row 121/1000  col 5/30  [3, 120, 4] = 1.5`
    func arrayStatus(_ a: ArrayScreen, layout: GridLayout, source: any ArrayDataSource, screen: Screen) -> StyledLine {
        let g = a.grid
        var parts: [String] = []
        for axis in 0..<g.shape.count {
            if axis == g.rowAxis {
                parts.append("\(layout.rows.lowerBound):\(layout.rows.upperBound)")
            } else if axis == g.colAxis {
                parts.append("\(a.visibleCols.lowerBound):\(a.visibleCols.upperBound)")
            } else {
                parts.append(String(g.cursor[axis]))
            }
        }
        let name = isIdentifier(a.key) ? a.key : "a"
        var slice = name + "[" + (parts.isEmpty ? "()" : parts.joined(separator: ", ")) + "]"
        if g.isStructured {
            slice += " fields \(a.visibleCols.lowerBound):\(a.visibleCols.upperBound)"
        }
        // Parts in display order with a priority: lower ones go first when the line is too narrow.
        var parts_: [(text: String, priority: Int)] = [(slice, 9)]
        if g.rowAxis != nil { parts_.append(("row \(g.row + 1)/\(g.rowCount)", 8)) }
        if g.colCount > 1 { parts_.append(("col \(g.col + 1)/\(g.colCount)", 7)) }
        if let s = g.stepAxis, g.fixedAxes.count > 0 {
            let keys = [Command.prevAxisIndex, .nextAxisIndex].compactMap { keyMap.keys(for: $0).first?.displayName }
            parts_.append(("\(keys.joined(separator: " ")) axis \(s)", 6))
        }
        let (idx, field) = g.element(row: g.row, col: g.col)
        if let value = try? a.text(at: idx, field: field) {
            var where_ = indexText(idx)
            if let field { where_ += source.fields[field].indexing ?? "['\(source.fields[field].name)']" }
            parts_.append(("\(where_) = \(value)", 5))
        }
        func total() -> Int { parts_.reduce(0) { $0 + screen.displayWidth($1.text) + 2 } - 2 }
        while parts_.count > 1 && total() > width, let i = parts_.indices.min(by: { parts_[$0].priority < parts_[$1].priority }) {
            parts_.remove(at: i)
        }
        return [Segment(parts_.map(\.text).joined(separator: "  "))]
    }

    func drawMessage(_ screen: inout Screen, _ rect: Rect, _ text: String, style: Style) {
        var y = rect.y
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for l in screen.wrap(String(paragraph), width: rect.width) {
                guard y < rect.maxY else { return }
                screen.write(x: rect.x, y: y, l, style: style)
                y += 1
            }
        }
    }

    func drawProgress(_ screen: inout Screen, _ rect: Rect, label: String, done: UInt64, total: UInt64) {
        guard rect.height > 0 else { return }
        let fraction = total == 0 ? 0 : min(1, Double(done) / Double(total))
        let pct = Int(fraction * 100)
        screen.write(x: rect.x, y: rect.y, "\(label): \(pct)%", style: .header, maxWidth: rect.width)
        if rect.height > 1 {
            let w = max(0, rect.width - 2)
            let full = Int(Double(w) * fraction)
            let bar = String(repeating: screen.glyphs.barFull, count: full) + String(repeating: screen.glyphs.barEmpty, count: w - full)
            screen.write(x: rect.x, y: rect.y + 1, bar, maxWidth: rect.width)
        }
        if rect.height > 2 {
            screen.write(x: rect.x, y: rect.y + 2, "\(humanBytes(done)) of \(humanBytes(total)); Esc cancels",
                         style: .dim, maxWidth: rect.width)
        }
    }
}

/// True for a Python identifier made of ASCII letters, digits and underscores.
func isIdentifier(_ s: String) -> Bool {
    guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
    return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
}
