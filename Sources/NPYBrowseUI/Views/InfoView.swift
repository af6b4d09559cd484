/// The info pane: every fact about one member.
public enum InfoView {
    /// The pane's lines at `width` columns.
    public static func lines(_ d: MemberDetails, summary: MemberSummary? = nil, screen: Screen, width: Int) -> [StyledLine] {
        let lw = min(14, max(8, width / 3))
        var out: [StyledLine] = []
        func add(_ label: String, _ value: String?, _ style: Style = .normal) {
            guard let value else { return }
            out += screen.labeled(label, value, labelWidth: lw, width: width, style: style)
        }
        add("name", d.name)
        if d.key != d.name { add("key", d.key) }
        add("error", d.error, .error)
        add("method", d.method ?? "none (a lone .npy file)")
        if let c = d.compressedSize { add("compressed", groupedDigits(c) + " bytes") }
        if let u = d.uncompressedSize { add("uncompressed", groupedDigits(u) + " bytes") }
        if let c = d.compressedSize, let u = d.uncompressedSize, u > 0 {
            add("ratio", percentText(Double(c) / Double(u)))
        }
        if let crc = d.crc32 { add("crc32", "0x" + hex(UInt64(crc), digits: 8)) }
        if let o = d.localHeaderOffset { add("local header", "at byte \(o)") }
        if let o = d.memberDataOffset { add("member data", "at byte \(o)") }
        if let v = d.version { add("npy version", v.description) }
        if let h = d.headerLength { add("header_len", "\(h)") }
        if let t = d.dtype {
            add("dtype", t + (d.itemSize.map { "   itemsize \($0)" } ?? ""))
        }
        if let descr = d.descr, descr != "'\(d.dtype ?? "")'" { add("descr", descr) }
        if let s = d.shape { add("shape", shapeText(s)) }
        if let f = d.isFortranOrder { add("order", f ? "F (fortran_order: True)" : "C") }
        if let o = d.arrayDataOffset {
            var text = "\(o) in the NPY stream"
            if let a = d.absoluteDataOffset {
                text += ", \(a) in the file"
            } else if d.method != nil && d.method != "stored" {
                text += " (compressed: not in the file as is)"
            }
            add("data offset", text)
        }
        if let a = d.alignment, d.arrayDataOffset != nil { add("alignment", "\(a) bytes") }
        if let n = d.dataByteCount { add("data bytes", groupedDigits(n)) }
        for e in d.extra { add(e.label, e.value) }
        if let m = d.memmapLine {
            out.append([Segment("np.memmap, ready to copy:", .label)])
            for p in screen.wrap(m, width: width) { out.append([Segment(p)]) }
        } else if d.error == nil, d.method != nil, d.method != "stored" {
            add("np.memmap", "not possible: the member is compressed", .dim)
        }
        if let h = d.headerText {
            var body = h
            var newline = false
            if body.hasSuffix("\n") {
                body.removeLast()
                newline = true
            }
            var pad = 0
            while body.hasSuffix(" ") {
                body.removeLast()
                pad += 1
            }
            add("header", body)
            let bytes = h.utf8.count
            var tail = "then \(pad) space\(pad == 1 ? "" : "s") of padding"
            if newline { tail += " and " + screen.glyphs.newline }
            tail += " (\(bytes) bytes)"
            add("", tail, .dim)
        }
        return out
    }
}
