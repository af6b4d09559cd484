/// Something that happened: a key, a new terminal size, or a tick of the run loop.
public enum Message: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal now has this size.
    case resize(width: Int, height: Int)
    /// The loop is idle (about once a second) or the browser is busy (as often as possible):
    /// advance background work, look for file changes.
    case tick
    /// A command run directly, as if its key had been pressed.
    case command(Command)
}

/// What the run loop must do after an update.
public enum Effect: Equatable, Sendable {
    /// Leave the browser with this exit status.
    case quit(Int32)
    /// Repaint the whole terminal, not just the difference.
    case redrawAll
}

/// Settings of a browser session.
public struct BrowserOptions: Sendable {
    /// Key bindings.
    public var keyMap: KeyMap
    /// Open the array at once when the only file is a lone `.npy`.
    public var opensLoneArrayDirectly: Bool
    /// How long one slice of background work (indexing, searching) may run between keys.
    public var workSlice: Duration
    /// Draw ASCII only; nil decides from the locale's codeset (terminal layer).
    public var asciiOnly: Bool?
    /// Use colors; nil decides from NO_COLOR and the terminal (terminal layer).
    public var colors: Bool?

    /// Creates options.
    public init(keyMap: KeyMap = .standard, opensLoneArrayDirectly: Bool = true,
                workSlice: Duration = .milliseconds(30), asciiOnly: Bool? = nil, colors: Bool? = nil) {
        self.keyMap = keyMap
        self.opensLoneArrayDirectly = opensLoneArrayDirectly
        self.workSlice = workSlice
        self.asciiOnly = asciiOnly
        self.colors = colors
    }
}

/// Selection and scroll position of a list.
struct ListState: Equatable {
    var selected = 0
    var top = 0

    mutating func select(_ i: Int, count: Int, visible: Int) {
        selected = clamp(i, 0, count - 1)
        scroll(count: count, visible: visible)
    }

    mutating func scroll(count: Int, visible: Int) {
        let page = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = clamp(top, 0, max(0, count - page))
    }

    mutating func page(_ direction: Int, count: Int, visible: Int) {
        let page = max(1, visible)
        top = clamp(top + direction * page, 0, max(0, count - page))
        select(selected + direction * page, count: count, visible: page)
    }
}

/// A one-line notice in the hint line, until the next key.
struct Notice: Equatable {
    var text: String
    var style: Style
}

/// The line being typed at the bottom.
struct Prompt: Equatable {
    enum Kind: Equatable {
        case gotoIndex
        case search
    }
    var kind: Kind
    var text = ""
    var label: String { kind == .gotoIndex ? "goto index: " : "search: " }
}

/// A search in progress, done in slices.
struct SearchJob: Equatable {
    enum Scope: Equatable {
        case files
        case members
        case plane
    }
    var query: String
    var isExact: Bool
    var isForward: Bool
    var scope: Scope
    var total: Int
    var origin: Int
    var examined = 0
    var wrapped = false

    /// The position checked at step `k` (1...total), wrapping around; never overflows.
    func position(_ k: Int) -> Int {
        if isForward {
            let room = total - origin
            return k < room ? origin + k : k - room
        }
        return k <= origin ? origin - k : total - (k - origin)
    }

    func matches(_ text: String) -> Bool {
        isExact ? text == query : text.contains(query)
    }
}

/// Cache key of one element's text.
struct CellKey: Hashable {
    var index: [Int]
    var field: Int
}

/// The open array of one member.
final class ArrayScreen {
    let memberIndex: Int
    let name: String
    let key: String
    var source: (any ArrayDataSource)?
    var error: String?
    var grid: GridState
    var preparing: PreparationStatus = .ready
    var cache: [CellKey: String] = [:]
    var showsInfo = false
    var infoTop = 0
    var hexTop: UInt64?
    var visibleCols: Range<Int> = 0..<0

    /// True while only the progress may be shown (preparing, and no reads allowed meanwhile).
    var blocksOnPreparation: Bool {
        preparing != .ready && !(source?.readsDuringPreparation ?? false)
    }

    init(memberIndex: Int, name: String, key: String) {
        self.memberIndex = memberIndex
        self.name = name
        self.key = key
        self.grid = GridState(shape: [])
    }

    func text(at index: [Int], field: Int?) throws -> String {
        let k = CellKey(index: index, field: field ?? -1)
        if let t = cache[k] { return t }
        guard let source else { return "" }
        let t = try source.text(at: index, field: field)
        // "…" stands for a value that waits for background work (an index being built): not cached.
        if t != "…" { cache[k] = t }
        return t
    }
}

/// The browser: all state, `update` for messages, `render` to draw a frame.
///
/// Bubble Tea style: the run loop feeds messages and draws; nothing here touches a terminal,
/// so tests drive it with key sequences and compare rendered screens.
public final class Browser {
    /// Where the user is.
    enum Place: Equatable {
        case files
        case members
        case array
    }

    /// The members screen's panes.
    enum Pane: Equatable {
        case list
        case info
    }

    public private(set) var documents: [any BrowserDocument]
    let options: BrowserOptions
    var keyMap: KeyMap { options.keyMap }

    var width = 80
    var height = 24
    var place: Place = .members
    var files = ListState()
    var documentIndex = 0
    var members = ListState()
    var pane: Pane = .list
    var infoTop = 0
    var array: ArrayScreen?
    var helpTop: Int?
    var prompt: Prompt?
    var notice: Notice?
    var search: SearchJob?
    /// The last query typed at `/` and its direction; `n` repeats it, `N` reverses it.
    var lastSearch: (query: String, isForward: Bool)?
    var changedOnDisk = false

    /// Creates a browser over `documents`; with several it starts at the file chooser, with a
    /// lone `.npy` (when the options say so) in its array.
    public init(documents: [any BrowserDocument], options: BrowserOptions = BrowserOptions()) {
        self.documents = documents
        self.options = options
        if documents.count > 1 {
            place = .files
        } else if let d = documents.first, options.opensLoneArrayDirectly, !d.isArchive,
                  d.error == nil, d.memberCount == 1 {
            openArray(0)
        }
    }

    /// True while background work (indexing, searching) is pending: the loop should tick
    /// without waiting for keys.
    public var isBusy: Bool {
        search != nil || array?.preparing != .ready && array?.preparing != nil
    }

    var document: (any BrowserDocument)? {
        documents.indices.contains(documentIndex) ? documents[documentIndex] : nil
    }

    // MARK: Update

    /// Applies one message and returns what the loop must do.
    public func update(_ message: Message) -> [Effect] {
        switch message {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            return []
        case .tick:
            return tick()
        case .key(let key):
            notice = nil
            if prompt != nil { return promptKey(key) }
            guard let command = keyMap.command(for: key) else {
                notice = Notice(text: "\(key.displayName) is not bound; ? lists the keys", style: .dim)
                return []
            }
            return perform(command)
        case .command(let command):
            notice = nil
            return perform(command)
        }
    }

    func perform(_ command: Command) -> [Effect] {
        switch command {
        case .quit: return [.quit(0)]
        case .redraw: return [.redrawAll]
        default: break
        }
        if let top = helpTop { return helpCommand(command, top: top) }
        if command == .help {
            helpTop = 0
            return []
        }
        if let a = array, place == .array, a.preparing != .ready {
            if a.blocksOnPreparation {
                if command == .cancel || command == .backOrQuit {
                    a.source?.cancelPreparation()
                    array = nil
                    place = .members
                    notice = Notice(text: "indexing cancelled", style: .warning)
                }
                return []
            }
            if command == .cancel && search == nil {
                a.source?.cancelPreparation()
                a.preparing = .ready
                notice = Notice(text: "indexing stopped: reads far into the member will be slower", style: .warning)
                return []
            }
        }
        if search != nil {
            search = nil
            if command == .cancel {
                notice = Notice(text: "search cancelled", style: .warning)
                return []
            }
        }
        if command == .reload { return reload() }
        switch place {
        case .files: return filesCommand(command)
        case .members: return membersCommand(command)
        case .array: return arrayCommand(command)
        }
    }

    func helpCommand(_ command: Command, top: Int) -> [Effect] {
        let visible = max(1, frame.main.height)
        let count = helpLineCount
        let maxTop = max(0, count - visible)
        switch command {
        case .goUp: helpTop = max(0, top - 1)
        case .goDown: helpTop = min(maxTop, top + 1)
        case .pageUp: helpTop = max(0, top - visible)
        case .pageDown: helpTop = min(maxTop, top + visible)
        case .goFirstRow: helpTop = 0
        case .goLastRow: helpTop = maxTop
        case .help, .cancel, .backOrQuit: helpTop = nil
        default: break
        }
        return []
    }

    // MARK: Files

    func filesCommand(_ command: Command) -> [Effect] {
        let visible = max(1, frame.main.height - 1)
        let count = documents.count
        switch command {
        case .goUp: files.select(files.selected - 1, count: count, visible: visible)
        case .goDown: files.select(files.selected + 1, count: count, visible: visible)
        case .pageUp: files.page(-1, count: count, visible: visible)
        case .pageDown: files.page(1, count: count, visible: visible)
        case .goFirstRow: files.select(0, count: count, visible: visible)
        case .goLastRow: files.select(count - 1, count: count, visible: visible)
        case .openMember:
            guard documents.indices.contains(files.selected) else { return [] }
            let d = documents[files.selected]
            if let e = d.error {
                notice = Notice(text: e, style: .error)
                return []
            }
            documentIndex = files.selected
            members = ListState()
            pane = .list
            infoTop = 0
            changedOnDisk = false
            place = .members
        case .backOrQuit, .cancel:
            return command == .backOrQuit ? [.quit(0)] : []
        case .search: prompt = Prompt(kind: .search)
        case .searchNext, .searchPrev: repeatSearch(forward: command == .searchNext)
        case .gotoIndex: prompt = Prompt(kind: .gotoIndex)
        default: break
        }
        return []
    }

    // MARK: Members

    var memberCount: Int { document?.memberCount ?? 0 }

    func membersCommand(_ command: Command) -> [Effect] {
        let visible = max(1, membersLayout.list.height - 1)
        let count = memberCount
        if pane == .info, [.goUp, .goDown, .pageUp, .pageDown, .goFirstRow, .goLastRow].contains(command) {
            scrollInfo(&infoTop, command, visible: max(1, membersLayout.info.height))
            return []
        }
        switch command {
        case .goUp: selectMember(members.selected - 1, visible: visible)
        case .goDown: selectMember(members.selected + 1, visible: visible)
        case .pageUp:
            members.page(-1, count: count, visible: visible)
            infoTop = 0
        case .pageDown:
            members.page(1, count: count, visible: visible)
            infoTop = 0
        case .goFirstRow: selectMember(0, visible: visible)
        case .goLastRow: selectMember(count - 1, visible: visible)
        case .gotoIndex, .search: prompt = Prompt(kind: command == .gotoIndex ? .gotoIndex : .search)
        case .searchNext, .searchPrev: repeatSearch(forward: command == .searchNext)
        case .switchPane: pane = pane == .list ? .info : .list
        case .openMember, .goRight:
            if count > 0 { openArray(members.selected) }
        case .hexView:
            if count > 0 {
                openArray(members.selected)
                if let a = array, a.source != nil, a.preparing == .ready { openHex(a) }
            }
        case .backOrQuit:
            if documents.count > 1 {
                place = .files
            } else {
                return [.quit(0)]
            }
        default: break
        }
        return []
    }

    func selectMember(_ i: Int, visible: Int) {
        let before = members.selected
        members.select(i, count: memberCount, visible: visible)
        if members.selected != before { infoTop = 0 }
    }

    func scrollInfo(_ top: inout Int, _ command: Command, visible: Int) {
        switch command {
        case .goUp: top = max(0, top - 1)
        case .goDown: top += 1
        case .pageUp: top = max(0, top - visible)
        case .pageDown: top += visible
        case .goFirstRow: top = 0
        case .goLastRow: top = Int.max / 2
        default: break
        }
        // Clamped when drawn (the line count depends on the width).
    }

    // MARK: Array

    func openArray(_ index: Int) {
        guard let doc = document else { return }
        let summary = doc.member(at: index)
        let a = ArrayScreen(memberIndex: index, name: summary.name,
                            key: summary.name.hasSuffix(".npy") ? String(summary.name.dropLast(4)) : summary.name)
        do {
            let source = try doc.openArray(index)
            a.source = source
            a.grid = GridState(shape: source.shape, fieldCount: source.fields.count)
            a.preparing = source.explanation == nil ? source.preparation : .ready
        } catch {
            a.error = "\(error)"
        }
        array = a
        place = .array
    }

    /// Rows of values on screen (the grid's header row excluded).
    var gridVisibleRows: Int { max(1, frame.main.height - 1) }

    func arrayCommand(_ command: Command) -> [Effect] {
        guard let a = array else {
            place = .members
            return []
        }
        if command == .backOrQuit || (command == .cancel && (a.hexTop != nil || a.showsInfo)) {
            if a.hexTop != nil {
                a.hexTop = nil
            } else if a.showsInfo {
                a.showsInfo = false
            } else if command == .backOrQuit {
                if a.preparing != .ready { a.source?.cancelPreparation() }
                array = nil
                place = .members
                if documents.count == 1 && memberCount == 1 && !(document?.isArchive ?? true) {
                    // a lone .npy: the member list would only repeat it
                    return [.quit(0)]
                }
            }
            return []
        }
        if command == .switchPane {
            a.hexTop = nil
            a.showsInfo.toggle()
            return []
        }
        if a.showsInfo {
            if command == .hexView, a.source != nil {
                a.showsInfo = false
                openHex(a)
            } else {
                scrollInfo(&a.infoTop, command, visible: frame.main.height)
            }
            return []
        }
        if a.hexTop != nil { return hexCommand(command, a) }
        if command == .hexView {
            openHex(a)
            return []
        }
        guard a.source != nil, a.error == nil, a.source?.explanation == nil, !a.grid.isEmpty else { return [] }
        let visible = gridVisibleRows
        var g = a.grid
        defer { a.grid = g }
        switch command {
        case .goUp: g.moveRows(-1, visibleRows: visible)
        case .goDown: g.moveRows(1, visibleRows: visible)
        case .goLeft: g.setCol(g.col - 1)
        case .goRight: g.setCol(g.col + 1)
        case .pageUp: g.pageUp(visibleRows: visible)
        case .pageDown: g.pageDown(visibleRows: visible)
        case .goFirstRow: g.setRow(0, visibleRows: visible)
        case .goLastRow: g.setRow(g.rowCount - 1, visibleRows: visible)
        case .goFirstCol: g.setCol(0)
        case .goLastCol: g.setCol(g.colCount - 1)
        case .gotoIndex: prompt = Prompt(kind: .gotoIndex)
        case .search: prompt = Prompt(kind: .search)
        case .searchNext, .searchPrev:
            a.grid = g
            repeatSearch(forward: command == .searchNext)
            g = a.grid
        case .nextAxisIndex, .prevAxisIndex:
            if g.stepAxis == nil {
                notice = Notice(text: "every axis is on screen: nothing to step", style: .dim)
            } else if !g.stepAxisIndex(by: command == .nextAxisIndex ? 1 : -1) {
                notice = Notice(text: "axis \(g.stepAxis!) is at its \(command == .nextAxisIndex ? "last" : "first") index", style: .dim)
            }
        case .cycleStepAxis:
            if !g.cycleStepAxis() {
                notice = Notice(text: g.stepAxis == nil ? "no axis to step" : "axis \(g.stepAxis!) is the only one to step", style: .dim)
            } else {
                notice = Notice(text: "[ and ] now step axis \(g.stepAxis!)", style: .dim)
            }
        case .cycleRowAxis:
            if !g.cycleRowAxis(visibleRows: visible) {
                notice = Notice(text: "no other axis to show as rows", style: .dim)
            }
        case .cycleColAxis:
            if !g.cycleColAxis(visibleRows: visible) {
                notice = Notice(text: g.isStructured ? "columns show the fields of a structured array" : "no other axis to show as columns", style: .dim)
            }
        case .transpose:
            if !g.transpose(visibleRows: visible) {
                notice = Notice(text: g.isStructured ? "columns show the fields of a structured array" : "a transpose needs two axes on screen", style: .dim)
            }
        case .hexView: openHex(a)
        default: break
        }
        return []
    }

    // MARK: Hex view

    func openHex(_ a: ArrayScreen) {
        guard let source = a.source, a.preparing == .ready else { return }
        let bpl = UInt64(hexBytesPerLine(width: frame.main.width, offsetDigits: HexView.offsetDigits(source)))
        let lines = UInt64(max(1, frame.main.height - 1))
        let offset = elementOffset(a) ?? 0
        let line = offset / bpl * bpl
        let top = line >= (lines / 2) * bpl ? line - (lines / 2) * bpl : 0
        a.hexTop = min(top, source.streamSize / bpl * bpl)
        a.showsInfo = false
    }

    func hexCommand(_ command: Command, _ a: ArrayScreen) -> [Effect] {
        guard let source = a.source, var top = a.hexTop else { return [] }
        let bpl = UInt64(hexBytesPerLine(width: frame.main.width, offsetDigits: HexView.offsetDigits(source)))
        let lines = UInt64(max(1, frame.main.height - 1))
        let last = source.streamSize == 0 ? 0 : (source.streamSize - 1) / bpl * bpl
        switch command {
        case .goUp: top = top >= bpl ? top - bpl : 0
        case .goDown: top = min(last, top + bpl)
        case .pageUp: top = top >= lines * bpl ? top - lines * bpl : 0
        case .pageDown: top = min(last, top + lines * bpl)
        case .goFirstRow: top = 0
        case .goLastRow: top = last >= (lines - 1) * bpl ? last - (lines - 1) * bpl : 0
        case .hexView, .cancel: a.hexTop = nil
            return []
        default: return []
        }
        a.hexTop = top
        return []
    }

    /// Offset in the NPY stream of the current element (its field, for structured arrays);
    /// nil on overflow.
    func elementOffset(_ a: ArrayScreen) -> UInt64? {
        guard let source = a.source else { return nil }
        guard let r = elementByteRange(a, source: source) else { return nil }
        return r.lowerBound
    }

    func elementByteRange(_ a: ArrayScreen, source: any ArrayDataSource) -> Range<UInt64>? {
        let shape = a.grid.shape
        let idx = a.grid.cursor
        var linear: UInt64 = 0
        var stride: UInt64 = 1
        let axes: [Int] = source.isFortranOrder ? Array(0..<shape.count) : Array((0..<shape.count).reversed())
        for axis in axes {
            let (term, o1) = UInt64(idx[axis]).multipliedReportingOverflow(by: stride)
            let (sum, o2) = linear.addingReportingOverflow(term)
            let (ns, o3) = stride.multipliedReportingOverflow(by: UInt64(max(shape[axis], 1)))
            if o1 || o2 || o3 { return nil }
            linear = sum
            stride = ns
        }
        let (bytes, o4) = linear.multipliedReportingOverflow(by: UInt64(source.itemSize))
        let (start, o5) = source.dataOffset.addingReportingOverflow(bytes)
        if o4 || o5 { return nil }
        if a.grid.isStructured, source.fields.indices.contains(a.grid.field) {
            let f = source.fields[a.grid.field]
            let s = start + UInt64(f.byteOffset)
            return s..<(s + UInt64(f.byteCount))
        }
        return start..<(start + UInt64(source.itemSize))
    }

    // MARK: Prompt

    func promptKey(_ key: Key) -> [Effect] {
        guard var p = prompt else { return [] }
        switch key {
        case .escape:
            prompt = nil
        case .enter:
            prompt = nil
            submit(p)
        case .backspace, .delete:
            if p.text.isEmpty {
                prompt = nil
            } else {
                p.text.removeLast()
                prompt = p
            }
        case .control("u"):
            p.text = ""
            prompt = p
        case .character(let c):
            if p.text.count < 200 { p.text.append(c) }
            prompt = p
        default:
            break
        }
        return []
    }

    func submit(_ p: Prompt) {
        switch p.kind {
        case .gotoIndex: gotoIndex(p.text)
        case .search:
            guard !p.text.isEmpty else {
                if lastSearch != nil { repeatSearch(forward: true) }
                return
            }
            lastSearch = (p.text, true)
            startSearch(p.text, forward: true)
        }
    }

    func gotoIndex(_ text: String) {
        do {
            let comps = try IndexInput.parse(text)
            switch place {
            case .files:
                let v = try IndexInput.resolve(comps, shape: [documents.count])
                files.select(v[0], count: documents.count, visible: max(1, frame.main.height - 1))
            case .members:
                let v = try IndexInput.resolve(comps, shape: [memberCount])
                selectMember(v[0], visible: max(1, membersLayout.list.height - 1))
            case .array:
                guard let a = array, a.source != nil else { return }
                let v = try IndexInput.resolve(comps, shape: a.grid.shape)
                a.grid.jump(to: v, visibleRows: gridVisibleRows)
                if !a.visibleCols.contains(a.grid.col) { a.grid.leftCol = a.grid.col }
            }
        } catch {
            notice = Notice(text: error.description, style: .error)
        }
    }

    // MARK: Search

    func startSearch(_ query: String, forward: Bool) {
        var q = query
        var exact = false
        if q.hasPrefix("="), q.count > 1 {
            exact = true
            q.removeFirst()
        }
        let job: SearchJob
        switch place {
        case .files:
            guard !documents.isEmpty else { return }
            job = SearchJob(query: q, isExact: exact, isForward: forward, scope: .files,
                            total: documents.count, origin: files.selected)
        case .members:
            guard memberCount > 0 else { return }
            job = SearchJob(query: q, isExact: exact, isForward: forward, scope: .members,
                            total: memberCount, origin: members.selected)
        case .array:
            guard let a = array, a.source != nil, a.source?.explanation == nil, !a.grid.isEmpty else { return }
            let g = a.grid
            let (total, o) = g.rowCount.multipliedReportingOverflow(by: g.colCount)
            guard !o else {
                notice = Notice(text: "the plane is too large to search", style: .error)
                return
            }
            job = SearchJob(query: q, isExact: exact, isForward: forward, scope: .plane,
                            total: total, origin: g.row * g.colCount + g.col)
        }
        search = job
        advanceSearch()
    }

    func repeatSearch(forward: Bool) {
        guard let last = lastSearch else {
            notice = Notice(text: "no search yet: / starts one", style: .dim)
            return
        }
        startSearch(last.query, forward: last.isForward == forward)
    }

    func advanceSearch() {
        guard var job = search else { return }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: options.workSlice)
        var checked = 0
        while job.examined < job.total {
            job.examined += 1
            let pos = job.position(job.examined)
            if job.isForward ? job.examined >= job.total - job.origin : job.examined > job.origin {
                job.wrapped = true
            }
            let text: String
            do {
                switch job.scope {
                case .files:
                    text = documents[pos].path
                case .members:
                    text = document?.member(at: pos).name ?? ""
                case .plane:
                    guard let a = array, let source = a.source else { search = nil; return }
                    let g = a.grid
                    let (idx, field) = g.element(row: pos / g.colCount, col: pos % g.colCount)
                    text = try source.text(at: idx, field: field)
                }
            } catch {
                search = nil
                notice = Notice(text: "search stopped: \(error)", style: .error)
                return
            }
            if job.matches(text) {
                search = nil
                found(job, at: pos)
                return
            }
            checked += 1
            if checked % 64 == 0 && clock.now >= deadline { break }
        }
        if job.examined >= job.total {
            search = nil
            let scope = job.scope == .plane ? "the shown plane" : job.scope == .members ? "member names" : "file names"
            notice = Notice(text: "'\(job.query)' not found in \(scope)", style: .warning)
        } else {
            search = job
        }
    }

    func found(_ job: SearchJob, at pos: Int) {
        switch job.scope {
        case .files:
            files.select(pos, count: documents.count, visible: max(1, frame.main.height - 1))
        case .members:
            selectMember(pos, visible: max(1, membersLayout.list.height - 1))
        case .plane:
            guard let a = array else { return }
            let cols = a.grid.colCount
            a.grid.moveTo(row: pos / cols, col: pos % cols, visibleRows: gridVisibleRows)
        }
        if job.wrapped {
            notice = Notice(text: "search wrapped " + (job.isForward ? "to the top" : "to the bottom"), style: .warning)
        }
    }

    // MARK: Tick, reload

    func tick() -> [Effect] {
        var worked = false
        if let a = array, place == .array, a.preparing != .ready, let source = a.source {
            worked = true
            do {
                a.preparing = try source.prepare(for: options.workSlice)
            } catch {
                a.preparing = .ready
                a.source = nil
                a.error = "\(error)"
                search = nil
            }
        }
        if search != nil {
            advanceSearch()
            worked = true
        }
        if worked { return [] }
        if let d = document, place != .files, !changedOnDisk, d.hasChangedOnDisk() {
            changedOnDisk = true
        }
        return []
    }

    func reload() -> [Effect] {
        guard place != .files, let old = document else { return [] }
        let fresh: any BrowserDocument
        do {
            fresh = try old.reopen()
        } catch {
            notice = Notice(text: "reload failed: \(error)", style: .error)
            return []
        }
        documents[documentIndex] = fresh
        changedOnDisk = false
        let count = fresh.memberCount
        members.select(members.selected, count: count, visible: max(1, membersLayout.list.height - 1))
        if let a = array {
            var index: Int? = nil
            if a.memberIndex < count, fresh.member(at: a.memberIndex).name == a.name {
                index = a.memberIndex
            } else {
                index = (0..<count).first { fresh.member(at: $0).name == a.name }
            }
            if let i = index {
                let oldGrid = a.grid
                let showsInfo = a.showsInfo
                openArray(i)
                if let b = array, b.source != nil {
                    b.grid = oldGrid.carried(toShape: b.grid.shape, fieldCount: b.grid.fieldCount)
                    b.showsInfo = showsInfo
                }
                members.select(i, count: count, visible: max(1, membersLayout.list.height - 1))
            } else {
                array = nil
                place = .members
                notice = Notice(text: "reloaded; member '\(a.name)' is gone", style: .warning)
                return []
            }
        }
        notice = Notice(text: "reloaded \(fresh.path)", style: .dim)
        return []
    }
}
