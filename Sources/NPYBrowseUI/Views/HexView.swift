/// Bytes per hex line that fit in `width` columns with `offsetDigits`-digit offsets: 16, 8 or 4.
func hexBytesPerLine(width: Int, offsetDigits: Int) -> Int {
    for n in [16, 8, 4] where offsetDigits + 2 + n * 3 + (n > 8 ? 1 : 0) + 1 + n <= width {
        return n
    }
    return 4
}

/// The hex view: raw bytes of the NPY stream around the current element, with file offsets
/// when the member is stored uncompressed, the header region dimmed and the element reversed.
enum HexView {
    static func offsetDigits(_ source: any ArrayDataSource) -> Int {
        let end = (source.streamFileOffset ?? 0) &+ source.streamSize
        return max(8, String(end, radix: 16).count)
    }

    static func draw(_ a: ArrayScreen, source: any ArrayDataSource, element: Range<UInt64>?, top: UInt64,
                     into screen: inout Screen, area: Rect) {
        guard !area.isEmpty else { return }
        let digits = offsetDigits(source)
        let bpl = hexBytesPerLine(width: area.width, offsetDigits: digits)
        let base = source.streamFileOffset
        var legend = base == nil ? "offsets in the inflated NPY stream" : "file offsets"
        if source.dataOffset > 0 {
            legend += "; header 0x\(hex(base ?? 0, digits: 1))-0x\(hex((base ?? 0) + source.dataOffset - 1, digits: 1))"
        }
        if let e = element {
            legend += "; element \(indexText(a.grid.cursor)) at 0x\(hex((base ?? 0) + e.lowerBound, digits: 1)), \(e.count) bytes"
        }
        screen.write(x: area.x, y: area.y, legend, style: .dim, maxWidth: area.width)
        let lines = area.height - 1
        guard lines > 0 else { return }
        let bytes: [UInt8]
        do {
            bytes = try source.bytes(at: top, count: lines * bpl)
        } catch {
            screen.write(x: area.x, y: area.y + 1, "cannot read bytes at \(top): \(error)", style: .error, maxWidth: area.width)
            return
        }
        for line in 0..<lines {
            let start = line * bpl
            guard start < bytes.count || (line == 0 && bytes.isEmpty) else { break }
            let y = area.y + 1 + line
            let offset = top + UInt64(start)
            var x = area.x
            screen.write(x: x, y: y, hex((base ?? 0) + offset, digits: digits), style: .index)
            x += digits + 2
            let asciiX = x + bpl * 3 + (bpl > 8 ? 1 : 0) + 1
            for i in 0..<bpl {
                let k = start + i
                guard k < bytes.count else { break }
                let at = offset + UInt64(i)
                var style: Style = at < source.dataOffset ? .headerBytes : .normal
                if let e = element, e.contains(at) { style = .selection }
                let bx = x + i * 3 + (bpl > 8 && i >= 8 ? 1 : 0)
                screen.write(x: bx, y: y, hex(UInt64(bytes[k]), digits: 2), style: style)
                let b = bytes[k]
                let ch = b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "."
                screen.write(x: asciiX + i, y: y, ch, style: style)
            }
        }
    }
}
