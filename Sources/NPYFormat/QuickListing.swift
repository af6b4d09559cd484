#if canImport(Glibc)
import Glibc
#endif

/// The `ls` facts of one stored `.npz` member, found without building a `Member`: one read of the
/// local header and one of the NPY preamble into stack buffers, and a recognizer for the header
/// exactly as numpy writes it (`{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }`, a
/// plain descr string, format 1.0).
///
/// This is a fast path only: it returns nil for anything else (deflated members, other header
/// forms, structured dtypes, any check that fails), and the caller then asks `Member`, which
/// reports the same facts or the error. It never decides that something is wrong.
public struct QuickListing {
    /// The dtype's `str` (`<f8`).
    public var dtype: DType
    /// The shape as Python writes the tuple (`(2, 3)`), copied from the header.
    public var shapeText: String
    public var isFortranOrder: Bool
    /// Absolute file offset of the array data (`np.memmap(offset=)`).
    public var absoluteDataOffset: UInt64
}

extension NPYContainer {
    /// The fast-path listing facts of entry `index`, or nil (ask `member(index)` instead).
    public func quickListing(_ index: Int) -> QuickListing? {
        guard let z = archive, index >= 0, index < z.entries.count else { return nil }
        let e = z.entries[index]
        guard e.method == 0, !e.isEncrypted, !e.isDirectory, e.compressedSize == e.uncompressedSize else { return nil }
        let size = file.size
        let lho = e.localHeaderOffset
        guard lho <= size, size - lho >= 30 else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: 30 + QuickListing.window, alignment: 8) { buf -> QuickListing? in
            let local = UnsafeMutableRawBufferPointer(rebasing: buf[0..<30])
            guard (try? file.read(at: lho, into: local)) != nil, local.loadUnaligned(as: UInt32.self) == 0x0403_4B50 else { return nil }
            let nameAndExtra = UInt64(local.loadUnaligned(fromByteOffset: 26, as: UInt16.self)) + UInt64(local.loadUnaligned(fromByteOffset: 28, as: UInt16.self))
            let start = lho + 30 + nameAndExtra
            let length = e.compressedSize
            // As `ZIPArchive.dataRange`: inside the file and before the central directory.
            guard start <= size, length <= size - start, start + length <= z.centralDirectoryOffset || lho >= z.centralDirectoryOffset + z.centralDirectorySize else { return nil }
            let n = Int(min(length, UInt64(QuickListing.window)))
            let head = UnsafeMutableRawBufferPointer(rebasing: buf[30..<30 + n])
            guard n >= 10, (try? file.read(at: start, into: head)) != nil else { return nil }
            return QuickListing.recognize(UnsafeRawBufferPointer(head), memberSize: length, dataStart: start)
        }
    }
}

extension QuickListing {
    /// Bytes read from the start of the member: numpy's headers are 128 bytes for most arrays.
    static let window = 256
    /// `\x93NUMPY` and format 1.0.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]

    /// Recognizes numpy's own format-1.0 header in `b` (the member's first bytes).
    static func recognize(_ b: UnsafeRawBufferPointer, memberSize: UInt64, dataStart: UInt64) -> QuickListing? {
        for i in 0..<8 where b[i] != magic[i] { return nil }
        let headerLength = Int(b[8]) | Int(b[9]) << 8
        let end = 10 + headerLength
        guard end <= b.count, b[end - 1] == 0x0A else { return nil }
        var p = 10
        func expect(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard p + n <= end else { return false }
            for i in 0..<n where b[p + i] != s.utf8Start[i] { return false }
            p += n
            return true
        }
        guard expect("{'descr': '") else { return nil }
        let descrStart = p
        while p < end, b[p] != 0x27 {
            guard b[p] >= 0x20, b[p] < 0x7F, b[p] != 0x5C else { return nil }
            p += 1
        }
        guard p < end, p - descrStart > 0 else { return nil }
        let dtype = UnsafeRawBufferPointer(rebasing: b[descrStart..<p]).withMemoryRebound(to: UInt8.self) { DType.fromDescrBytes($0) }
        guard let dtype, !dtype.containsObject else { return nil }
        p += 1
        guard expect(", 'fortran_order': ") else { return nil }
        let fortran: Bool
        if expect("False") { fortran = false } else if expect("True") { fortran = true } else { return nil }
        guard expect(", 'shape': ") else { return nil }
        // (), (n,), (n, m, ...): decimal ints without leading zeros; the product overflow-checked.
        let shapeStart = p
        guard expect("(") else { return nil }
        var dims = 0
        var count: Int? = 1
        var closed = false
        while !closed {
            if dims == 0, expect(")") { closed = true; break }
            let digits = p
            var v = 0
            while p < end, b[p] >= 0x30, b[p] <= 0x39 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(b[p] - 0x30))
                guard !o1, !o2 else { return nil }
                v = a
                p += 1
            }
            guard p > digits, p - digits == 1 || b[digits] != 0x30 else { return nil }
            dims += 1
            count = count.flatMap { Checked.mul($0, v) }
            // numpy writes (3,) and (2, 3): a trailing comma only after a single dimension.
            if dims == 1, expect(",)") { closed = true } else if dims > 1, expect(")") { closed = true } else if !expect(", ") { return nil }
        }
        guard dims <= 64, let count else { return nil }
        let shapeEnd = p
        guard expect(", }") || expect("}") else { return nil }
        while p < end - 1, b[p] == 0x20 { p += 1 }
        guard p == end - 1 else { return nil }
        guard let bytes = Checked.mul(count, dtype.itemsize), UInt64(bytes) <= memberSize - UInt64(end) else { return nil }
        let shape = String(decoding: UnsafeRawBufferPointer(rebasing: b[shapeStart..<shapeEnd]), as: UTF8.self)
        return QuickListing(dtype: dtype, shapeText: shape, isFortranOrder: fortran, absoluteDataOffset: dataStart + UInt64(end))
    }
}
