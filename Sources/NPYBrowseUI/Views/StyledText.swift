/// A run of text in one style.
public struct Segment: Equatable, Sendable {
    /// The text.
    public var text: String
    /// Its style.
    public var style: Style
    /// Creates a segment.
    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

/// A line made of styled segments.
public typealias StyledLine = [Segment]

extension Screen {
    /// Draws `line` at (`x`, `y`), clipped to `maxWidth` columns; returns the columns written.
    @discardableResult
    public mutating func draw(_ line: StyledLine, x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for seg in line {
            guard used < maxWidth else { break }
            used += write(x: x + used, y: y, seg.text, style: seg.style, maxWidth: maxWidth - used)
        }
        return used
    }

    /// Draws `lines` from line `top` into `rect`, one per row; returns the clamped `top`.
    @discardableResult
    public mutating func drawLines(_ lines: [StyledLine], in rect: Rect, top: Int) -> Int {
        let t = clamp(top, 0, max(0, lines.count - rect.height))
        for row in 0..<rect.height {
            let i = t + row
            guard i < lines.count else { break }
            draw(lines[i], x: rect.x, y: rect.y + row, maxWidth: rect.width)
        }
        return t
    }

    /// `text` cut into pieces of at most `width` columns, breaking after a blank or comma
    /// when one lies in the second half of the piece.
    public func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var used = 0
        var breakAt: (index: String.UnicodeScalarView.Index, used: Int)? = nil
        for s in text.unicodeScalars {
            let w = displayWidth(of: s)
            if used + w > width && !current.isEmpty {
                if let b = breakAt, b.used * 2 >= width {
                    let rest = String.UnicodeScalarView(current[b.index...])
                    out.append(String(String.UnicodeScalarView(current[..<b.index])))
                    current = rest
                    used = displayWidth(String(rest))
                } else {
                    out.append(String(current))
                    current = String.UnicodeScalarView()
                    used = 0
                }
                breakAt = nil
            }
            current.append(s)
            used += w
            if s == " " || s == "," { breakAt = (current.endIndex, used) }
        }
        if !current.isEmpty || out.isEmpty { out.append(String(current)) }
        return out
    }

    /// A label/value fact laid out in two columns, the value wrapped under itself.
    public func labeled(_ label: String, _ value: String, labelWidth: Int, width: Int,
                        style: Style = .normal) -> [StyledLine] {
        let valueWidth = max(1, width - labelWidth)
        let pieces = wrap(value, width: valueWidth)
        var out: [StyledLine] = []
        for (i, p) in pieces.enumerated() {
            let head = i == 0 ? fit(label, width: labelWidth) : String(repeating: " ", count: labelWidth)
            out.append([Segment(head, .label), Segment(p, style)])
        }
        return out
    }
}
