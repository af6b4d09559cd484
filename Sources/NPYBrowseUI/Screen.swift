/// A rectangle of cells on a screen.
public struct Rect: Equatable, Sendable, CustomStringConvertible {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Number of columns; never negative.
    public var width: Int
    /// Number of rows; never negative.
    public var height: Int

    /// Creates a rectangle; negative sizes become zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// One past the right column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }

    /// Splits off the top `rows` rows (fewer when the rectangle is smaller).
    public func dividedTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Splits off the bottom `rows` rows.
    public func dividedBottom(_ rows: Int) -> (bottom: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: maxY - n, width: width, height: n), Rect(x: x, y: y, width: width, height: height - n))
    }

    /// Splits off the left `columns` columns.
    public func dividedLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Splits off the right `columns` columns.
    public func dividedRight(_ columns: Int) -> (right: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: maxX - n, y: y, width: n, height: height), Rect(x: x, y: y, width: width - n, height: height))
    }

    /// The rectangle shrunk by `dx` columns on each side and `dy` rows at top and bottom.
    public func insetBy(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// Row `i` of the rectangle as a one-row rectangle.
    public func row(_ i: Int) -> Rect {
        Rect(x: x, y: y + i, width: width, height: i >= 0 && i < height ? 1 : 0)
    }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }
}

/// One cell of a screen.
public struct Cell: Equatable, Sendable {
    /// The text drawn in the cell: one spacing character and any combining ones after it;
    /// empty for the right half of a wide character.
    public var text: String
    /// The style.
    public var style: Style
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    /// A blank cell.
    public static let blank = Cell(text: " ", style: .normal, isContinuation: false)

    /// Creates a cell.
    public init(text: String, style: Style, isContinuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// Text alignment inside a column.
public enum Alignment: Sendable {
    /// Flush left.
    case left
    /// Flush right.
    case right
}

/// An in-memory grid of styled cells that views draw into.
///
/// Views never touch the terminal: they write into a `Screen`; the terminal layer sends
/// the difference between two screens, and tests compare `lines()` with expected text.
public struct Screen: Sendable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// True when only ASCII may be drawn (the locale's codeset is not UTF-8).
    public let isASCIIOnly: Bool
    /// Column width of one scalar (-1 control, 0 combining, 1, 2).
    public let scalarWidth: @Sendable (Unicode.Scalar) -> Int
    /// Line drawing and ellipsis characters for this screen.
    public let glyphs: Glyphs
    /// The cells, row by row.
    public private(set) var cells: [Cell]

    /// Creates a blank screen.
    public init(width: Int, height: Int, asciiOnly: Bool = false,
                scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int = CharacterWidth.of) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.isASCIIOnly = asciiOnly
        self.scalarWidth = scalarWidth
        self.glyphs = asciiOnly ? .ascii : .unicode
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole screen as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Blanks every cell.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Fills `rect` (clipped to the screen) with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { put(Cell(text: " ", style: style), x: x, y: y) }
        }
    }

    /// Writes `text` at column `x` of row `y`, at most `maxWidth` columns (and never past the
    /// screen's edge). Control characters are shown as U+FFFD (`?` in ASCII mode), combining
    /// characters join the cell before them, and a wide character that does not fit is replaced
    /// by a blank. Returns the number of columns written.
    @discardableResult
    public mutating func write(x: Int, y: Int, _ text: String, style: Style = .normal, maxWidth: Int = Int.max) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth, width - x)
        var col = x
        var written = 0
        var lastCell: Int? = nil
        for scalar in text.unicodeScalars {
            let raw = rawWidth(of: scalar)
            var w = raw
            var shown = String(scalar)
            if raw < 0 {
                shown = isASCIIOnly ? "?" : "\u{FFFD}"
                w = 1
            } else if raw == 0 {
                if !isASCIIOnly, let last = lastCell {
                    cells[last].text.unicodeScalars.append(scalar)
                }
                continue
            } else if isASCIIOnly && scalar.value >= 0x80 {
                shown = "?"
                w = 1
            }
            if written + w > limit {
                if written < limit, col >= 0 {
                    put(Cell(text: " ", style: style), x: col, y: y)
                    written += 1
                }
                break
            }
            if col >= 0 {
                put(Cell(text: shown, style: style), x: col, y: y)
                lastCell = y * width + col
                if w == 2 {
                    if col + 1 < width { put(Cell(text: "", style: style, isContinuation: true), x: col + 1, y: y) }
                }
            } else {
                lastCell = nil
            }
            col += w
            written += w
        }
        return written
    }

    /// Writes `text` padded or truncated (with an ellipsis) to exactly `width` columns.
    public mutating func write(x: Int, y: Int, _ text: String, style: Style = .normal, width: Int, alignment: Alignment = .left) {
        guard width > 0 else { return }
        let fitted = fit(text, width: width, alignment: alignment)
        write(x: x, y: y, fitted, style: style, maxWidth: width)
    }

    /// Columns one scalar occupies on this screen: control characters count 1 (they are drawn
    /// as a replacement), combining ones 0, and in ASCII mode every other non-ASCII scalar 1 (`?`).
    public func displayWidth(of scalar: Unicode.Scalar) -> Int {
        let w = rawWidth(of: scalar)
        if w < 0 { return 1 }
        if isASCIIOnly && scalar.value >= 0x80 { return w == 0 ? 0 : 1 }
        return w
    }

    /// The width function's answer; in ASCII mode non-ASCII scalars are judged by the built-in
    /// table, since the C library knows nothing about them in a non-UTF-8 locale.
    private func rawWidth(of scalar: Unicode.Scalar) -> Int {
        isASCIIOnly && scalar.value >= 0x80 ? CharacterWidth.of(scalar) : scalarWidth(scalar)
    }

    /// Columns `text` occupies on this screen.
    public func displayWidth(_ text: String) -> Int {
        var total = 0
        for s in text.unicodeScalars { total += displayWidth(of: s) }
        return total
    }

    /// `text` cut to at most `width` columns, ending in an ellipsis when cut.
    public func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if displayWidth(text) <= width { return text }
        let ellipsis = glyphs.ellipsis
        let keep = width - displayWidth(ellipsis)
        if keep <= 0 { return String(ellipsis.prefix(width)) }
        var out = String.UnicodeScalarView()
        var used = 0
        for s in text.unicodeScalars {
            let w = displayWidth(of: s)
            if used + w > keep { break }
            out.append(s)
            used += w
        }
        return String(out) + ellipsis
    }

    /// `text` truncated to `width` columns and padded with blanks to exactly `width`.
    public func fit(_ text: String, width: Int, alignment: Alignment = .left) -> String {
        let t = truncate(text, to: width)
        let pad = max(0, width - displayWidth(t))
        if pad == 0 { return t }
        let blanks = String(repeating: " ", count: pad)
        return alignment == .left ? t + blanks : blanks + t
    }

    /// The rows as text, trailing blanks removed (for tests and debugging).
    public func lines() -> [String] {
        (0..<height).map { line($0) }
    }

    /// Row `y` as text, trailing blanks removed.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s += c.text }
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Sets one cell, repairing wide characters it overlaps.
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        if cells[i].isContinuation && !cell.isContinuation && x > 0 {
            cells[i - 1] = Cell(text: " ", style: cells[i - 1].style)
        }
        if !cells[i].isContinuation && x + 1 < width && cells[i + 1].isContinuation && !cell.isContinuation {
            cells[i + 1] = Cell(text: " ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }
}

/// Characters for lines, markers and ellipses, in Unicode or ASCII.
public struct Glyphs: Sendable {
    /// Horizontal line.
    public var horizontal: String
    /// Vertical line.
    public var vertical: String
    /// Truncation mark.
    public var ellipsis: String
    /// Separator between path parts in the title.
    public var pathSeparator: String
    /// Marker for "not applicable".
    public var none: String
    /// Filled part of a progress bar.
    public var barFull: String
    /// Empty part of a progress bar.
    public var barEmpty: String
    /// Newline marker in header text.
    public var newline: String

    /// Box drawing and typographic characters.
    public static let unicode = Glyphs(horizontal: "─", vertical: "│", ellipsis: "…", pathSeparator: " › ",
                                       none: "—", barFull: "█", barEmpty: "░", newline: "⏎")
    /// Plain ASCII replacements.
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", ellipsis: ">", pathSeparator: " / ",
                                     none: "-", barFull: "#", barEmpty: ".", newline: "\\n")
}
