/// A parsed NPY header: the preamble, the header text exactly as stored, and the array's description.
public struct NPYHeader: Sendable {
    /// The largest header accepted: 1 MiB. numpy's default (10,000 bytes) refuses legitimate
    /// format-2.0 files with thousands of fields; 1 MiB admits those and bounds memory.
    public static let maxHeaderLength = 1 << 20

    /// Format version, `(1, 0)`, `(2, 0)` or `(3, 0)`.
    public var major: UInt8
    public var minor: UInt8
    /// The HEADER_LEN field.
    public var headerLength: Int
    /// The header text as stored (latin-1 for 1.0/2.0, UTF-8 for 3.0), padding included.
    public var text: String
    /// The parsed dict.
    public var literal: PyLiteral
    /// The `descr` value as written.
    public var descr: PyLiteral
    /// The dtype it describes.
    public var dtype: DType
    /// The array's shape.
    public var shape: [Int]
    /// Whether the data is in Fortran (column-major) order.
    public var isFortranOrder: Bool
    /// Where the array data starts, counted from the start of the NPY stream.
    public var dataOffset: Int
    /// Number of elements (product of the shape).
    public var count: Int
    /// Bytes of array data: itemsize × count.
    public var dataBytes: Int

    /// The header's length field size: 2 bytes for 1.0, 4 otherwise.
    public var lengthFieldSize: Int { major == 1 ? 2 : 4 }

    /// Reads and validates the header at the start of `source`, in numpy's order of checks.
    /// `source` holds the NPY stream (a file, a stored member window, or an inflated member).
    public static func read(from source: ByteSource) throws -> NPYHeader {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        // One read usually covers numpy's whole header (128 bytes with padding).
        let first = try source.prefix(at: 0, upTo: 512)
        let pre = first.prefix(12)
        guard pre.count >= 6, Array(pre[0..<6]) == magic else {
            let found = pre.prefix(6).map { b in b >= 0x20 && b < 0x7f ? String(UnicodeScalar(b)) : "\\x" + hex2(b) }.joined()
            throw FormatError(source.location(0), "expected the NPY magic \\x93NUMPY, found \(pre.isEmpty ? "an empty stream" : "'\(found)'")\(pre.count < 6 && !pre.isEmpty ? " (only \(pre.count) bytes)" : "")")
        }
        guard pre.count >= 8 else {
            throw FormatError(source.location(UInt64(pre.count)), "expected the 2-byte format version, found the end of the data")
        }
        let major = pre[6], minor = pre[7]
        guard (1...3).contains(major), minor == 0 else {
            throw FormatError(source.location(6), "expected format version 1.0, 2.0 or 3.0, found \(major).\(minor)")
        }
        let lenSize = major == 1 ? 2 : 4
        guard pre.count >= 8 + lenSize else {
            throw FormatError(source.location(UInt64(pre.count)), "expected the \(lenSize)-byte header length, found the end of the data")
        }
        var headerLength = 0
        for i in 0..<lenSize { headerLength |= Int(pre[8 + i]) << (8 * i) }
        let start = 8 + lenSize
        guard headerLength <= maxHeaderLength else {
            throw FormatError(source.location(8), "expected a header of at most \(maxHeaderLength) bytes, found a header length of \(headerLength)")
        }
        guard UInt64(start + headerLength) <= source.size else {
            throw FormatError(source.location(8), "expected \(headerLength) header bytes after byte \(start), found only \(source.size - UInt64(min(UInt64(start), source.size))) before the end")
        }
        let raw = start + headerLength <= first.count ? Array(first[start..<start + headerLength]) : try source.bytes(at: UInt64(start), count: headerLength)
        let text: String
        if major == 3 {
            guard let t = String(validating: raw, as: UTF8.self) else {
                throw FormatError(source.location(UInt64(start)), "expected a UTF-8 header (format 3.0), found invalid UTF-8")
            }
            text = t
        } else {
            text = raw.allSatisfy({ $0 < 0x80 }) ? String(decoding: raw, as: UTF8.self) : String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        }
        let headerLoc = source.location(UInt64(start))
        let (base, inflated): (UInt64, Bool) = {
            switch headerLoc {
            case .file(let o): return (o, false)
            case .inflated(let o): return (o, true)
            case .none: return (0, false)
            }
        }()
        let literal = try raw.withUnsafeBufferPointer { PyLiteralParser.parseCanonicalHeader($0) }
            ?? PyLiteralParser.parse(text, base: base, inflated: inflated, utf8Offsets: major == 3)
        let fail: (String) -> FormatError = { FormatError(headerLoc, $0) }
        guard case .dict(let items) = literal else {
            throw fail("expected the header to be a dict, found \(short(literal.repr))")
        }
        var shapeValue: PyLiteral?, fortranValue: PyLiteral?, descrValue: PyLiteral?
        var others = false
        for (k, v) in items {
            switch k {
            case .string("shape"): shapeValue = v
            case .string("fortran_order"): fortranValue = v
            case .string("descr"): descrValue = v
            default: others = true
            }
        }
        guard !others, let shapeLiteral = shapeValue, let fortranLiteral = fortranValue, let descr = descrValue else {
            let names = items.map { $0.0.repr }.sorted()
            throw fail("expected the header keys ['descr', 'fortran_order', 'shape'], found [\(names.joined(separator: ", "))]")
        }
        var shape: [Int] = []
        guard case .tuple(let dims) = shapeLiteral else {
            throw fail("expected shape to be a tuple of ints, found \(short(shapeLiteral.repr))")
        }
        for d in dims {
            guard case .int(let n) = d else { throw fail("expected shape to be a tuple of ints, found \(short(shapeLiteral.repr))") }
            guard n >= 0 else { throw fail("expected non-negative dimensions in shape, found \(short(shapeLiteral.repr))") }
            shape.append(n)
        }
        guard shape.count <= 64 else { throw fail("expected at most 64 dimensions, found \(shape.count)") }
        guard case .bool(let fortran) = fortranLiteral else {
            throw fail("expected fortran_order to be True or False, found \(short(fortranLiteral.repr))")
        }
        let dtype: DType
        do {
            dtype = try DType.fromDescr(descr)
        } catch let e as DescrError {
            throw fail("expected a valid dtype descriptor, found \(short(descr.repr)): \(e.message)")
        }
        guard let count = Checked.product(shape) else {
            throw fail("expected a shape whose element count fits in 64 bits, found \(short(shapeLiteral.repr))")
        }
        guard let dataBytes = Checked.mul(count, dtype.itemsize) else {
            throw fail("expected array data that fits in 64 bits, found \(count) elements of \(dtype.itemsize) bytes")
        }
        return NPYHeader(major: major, minor: minor, headerLength: headerLength, text: text, literal: literal,
                         descr: descr, dtype: dtype, shape: shape, isFortranOrder: fortran,
                         dataOffset: start + headerLength, count: count, dataBytes: dataBytes)
    }

    /// The header's descr as JSON (tuples become lists, padding entries kept).
    public var descrJSON: JSONValue { descr.json }

    /// The shape as Python writes it: `(3,)`, `(2, 3)`, `()`.
    public var shapeText: String { NPYHeader.shapeText(shape) }

    /// Python's tuple text for a shape.
    public static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

private func hex2(_ b: UInt8) -> String {
    let h = String(b, radix: 16)
    return h.count < 2 ? "0" + h : h
}

/// Shortens a long repr for a one-line message.
func short(_ s: String, limit: Int = 80) -> String {
    guard s.count > limit else { return s }
    return String(s.prefix(limit)) + "…"
}
