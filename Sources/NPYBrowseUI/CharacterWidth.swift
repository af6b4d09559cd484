/// Terminal column widths of Unicode scalars, after `wcwidth(3)`.
///
/// The table is small on purpose: zero width comes from the scalar's general category
/// (non-spacing and enclosing marks, format characters), double width from the East Asian
/// Wide/Fullwidth blocks plus the emoji that have emoji presentation. The terminal layer
/// injects the C library's `wcwidth` instead, so what the screen measures is what ncurses draws.
public enum CharacterWidth {
    /// Columns `scalar` occupies: -1 for control characters, 0 for combining and zero-width
    /// characters, 2 for wide ones, else 1.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
        if v < 0x300 { return 1 }
        if (0x1160...0x11FF).contains(v) || (0x200B...0x200F).contains(v) || v == 0x2028 || v == 0x2029 {
            return 0
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Inclusive ranges of East Asian Wide and Fullwidth scalars, sorted.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        var lo = 0
        var hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound {
                hi = mid - 1
            } else if v > r.upperBound {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
