/// Extra fields of ZIP headers: a walk that never reads past the field, and the zip64 field.
///
/// Policy: an extra field whose declared size runs past the end of the extra area ends the walk
/// (the fields before it still count, as in Go's archive/zip) and is reported as a structural
/// problem, not a fatal error: the entry stays listed. Fewer than 4 stray bytes at the end are
/// tolerated silently (aligners pad local headers that way).
enum ZIPExtra {
    /// The zip64 extended-information field's tag.
    static let zip64Tag: UInt16 = 0x0001

    /// What a walk over one extra area found.
    struct Walk {
        /// The data of the first zip64 field (0x0001), when there is one.
        var zip64: Range<Int>?
        /// A field whose size runs past the end of the area: its index in the bytes, tag, declared size and the bytes left.
        var overrun: (index: Int, tag: UInt16, size: Int, left: Int)?
    }

    /// Walks the extra fields in `bytes[range]`.
    static func walk(_ bytes: [UInt8], _ range: Range<Int>) -> Walk {
        var walk = Walk()
        var p = range.lowerBound
        while range.upperBound - p >= 4 {
            let tag = UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
            let size = Int(bytes[p + 2]) | Int(bytes[p + 3]) << 8
            let left = range.upperBound - p - 4
            if size > left {
                walk.overrun = (p, tag, size, left)
                break
            }
            if tag == zip64Tag && walk.zip64 == nil { walk.zip64 = p + 4 ..< p + 4 + size }
            p += 4 + size
        }
        return walk
    }

    /// Values taken from a zip64 field: only those whose 32-bit (or 16-bit) field is saturated, in the
    /// order APPNOTE 4.5.3 gives them.
    struct ZIP64Values {
        var uncompressed: UInt64?
        var compressed: UInt64?
        var offset: UInt64?
        var disk: UInt32?
        /// The first field the data was too short for, its index and the bytes that were left.
        var short: (field: String, index: Int, need: Int, left: Int)?
    }

    /// Reads the saturated fields from zip64 data `bytes[range]`.
    static func zip64Values(_ bytes: [UInt8], _ range: Range<Int>,
                            uncompressed: Bool, compressed: Bool, offset: Bool, disk: Bool) -> ZIP64Values {
        var v = ZIP64Values()
        var p = range.lowerBound
        func take(_ n: Int, _ field: String) -> UInt64? {
            guard v.short == nil else { return nil }
            guard range.upperBound - p >= n else {
                v.short = (field, p, n, range.upperBound - p)
                return nil
            }
            var x: UInt64 = 0
            for i in 0..<n { x |= UInt64(bytes[p + i]) << (8 * UInt64(i)) }
            p += n
            return x
        }
        if uncompressed { v.uncompressed = take(8, "uncompressed size") }
        if compressed { v.compressed = take(8, "compressed size") }
        if offset { v.offset = take(8, "local header offset") }
        if disk { v.disk = take(4, "disk number").map { UInt32(truncatingIfNeeded: $0) } }
        return v
    }
}
