/// How values are written: numpy's scalar text (the grid, `dump` without `--json`) or JSON.
public enum ValueStyle: Sendable {
    case text
    case json
}

/// Decodes one element from raw bytes (unaligned, either byte order) and writes it as text or JSON.
public enum ValueWriter {
    /// Loads a fixed-width integer at `p` in `order`.
    @inlinable
    public static func load<T: FixedWidthInteger>(_ p: UnsafeRawPointer, _ order: ByteOrder, as: T.Type = T.self) -> T {
        let v = p.loadUnaligned(as: T.self)
        return order == .big ? T(bigEndian: v) : T(littleEndian: v)
    }

    /// The raw x87 fields of a longdouble stored in 16 bytes: (significand, sign and exponent).
    /// Big-endian longdouble is the 16 bytes reversed.
    public static func float80Fields(_ p: UnsafeRawPointer, _ order: ByteOrder) -> (UInt64, UInt16) {
        if order == .big {
            return (UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 6, as: UInt16.self)))
        }
        return (UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
                UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    }

    /// Loads an 80-bit x87 extended value stored in 16 bytes (longdouble).
    public static func loadFloat80(_ p: UnsafeRawPointer, _ order: ByteOrder) -> Float80 {
        let (mant, se) = float80Fields(p, order)
        let exp = se & 0x7fff
        let sign: FloatingPointSign = se & 0x8000 != 0 ? .minus : .plus
        let integerBit = mant >> 63
        if exp == 0x7fff {
            if mant << 1 == 0 { return sign == .minus ? -.infinity : .infinity }
            return .nan
        }
        // Unnormals (exponent set, integer bit clear) are invalid operands on x87: numpy shows nan.
        if exp != 0 && integerBit == 0 { return .nan }
        return Float80(sign: sign, exponentBitPattern: UInt(exp), significandBitPattern: mant & ((1 << 63) - 1))
    }

    /// Writes the element at `p` of type `dtype` into `out`. `nested` quotes strings as numpy does inside records.
    public static func write(_ p: UnsafeRawPointer, _ dtype: DType, _ style: ValueStyle, into out: inout String, nested: Bool = false) {
        switch dtype {
        case .bool:
            let b = p.load(as: UInt8.self) != 0
            out += style == .json ? (b ? "true" : "false") : (b ? "True" : "False")
        case .int(let size, let signed, let order):
            switch (size, signed) {
            case (1, true): out += String(p.load(as: Int8.self))
            case (1, false): out += String(p.load(as: UInt8.self))
            case (2, true): out += String(load(p, order, as: Int16.self))
            case (2, false): out += String(load(p, order, as: UInt16.self))
            case (4, true): out += String(load(p, order, as: Int32.self))
            case (4, false): out += String(load(p, order, as: UInt32.self))
            case (8, true): out += String(load(p, order, as: Int64.self))
            default: out += String(load(p, order, as: UInt64.self))
            }
        case .float(let size, let order):
            writeFloat(p, size: size, order: order, style, into: &out)
        case .complex(let size, let order):
            let half = size / 2
            if style == .json {
                out += "["
                writeFloat(p, size: half, order: order, .json, into: &out)
                out += ", "
                writeFloat(p + half, size: half, order: order, .json, into: &out)
                out += "]"
            } else {
                out += complexText(p, half: half, order: order)
            }
        case .bytes(let size):
            var n = size
            while n > 0 && p.load(fromByteOffset: n - 1, as: UInt8.self) == 0 { n -= 1 }
            if style == .json {
                var s = String.UnicodeScalarView()
                for i in 0..<n { s.append(Unicode.Scalar(p.load(fromByteOffset: i, as: UInt8.self))) }
                JSONValue.writeString(String(s), to: &out)
            } else {
                out += bytesRepr(UnsafeRawBufferPointer(start: p, count: n))
            }
        case .unicode(let chars, let order):
            var n = chars
            while n > 0 && load(p + (n - 1) * 4, order, as: UInt32.self) == 0 { n -= 1 }
            var s = String.UnicodeScalarView()
            for i in 0..<n {
                let c = load(p + i * 4, order, as: UInt32.self)
                s.append(Unicode.Scalar(c) ?? "\u{FFFD}")
            }
            let str = String(s)
            if style == .json { JSONValue.writeString(str, to: &out) } else { out += nested ? PyLiteral.string(str).repr : str }
        case .void(let size):
            let buf = UnsafeRawBufferPointer(start: p, count: size)
            if style == .json {
                out += "\""
                for b in buf { out += hexByte(b) }
                out += "\""
            } else {
                out += bytesRepr(buf, all: true)
            }
        case .datetime(let unit, let count, let order):
            let v = load(p, order, as: Int64.self)
            let s = ScalarFormat.datetime(v, unit: unit, count: count)
            if style == .json { JSONValue.writeString(s, to: &out) } else { out += nested ? "'" + s + "'" : s }
        case .timedelta(let unit, let count, let order):
            let v = load(p, order, as: Int64.self)
            if style == .json {
                out += v == Int64.min ? "\"NaT\"" : String(v)
            } else {
                out += ScalarFormat.timedeltaText(v, unit: unit, count: count)
            }
        case .object:
            out += style == .json ? "null" : "<object>"
        case .structured(let fields, _):
            if style == .json {
                out += "{"
                for (i, f) in fields.enumerated() {
                    if i > 0 { out += ", " }
                    JSONValue.writeString(f.name, to: &out)
                    out += ": "
                    write(p + f.offset, f.dtype, style, into: &out, nested: true)
                }
                out += "}"
            } else {
                out += "("
                for (i, f) in fields.enumerated() {
                    if i > 0 { out += ", " }
                    write(p + f.offset, f.dtype, style, into: &out, nested: true)
                }
                if fields.count == 1 { out += "," }
                out += ")"
            }
        case .subarray(let base, let shape):
            writeBlock(p, base, shape: shape[...], style, into: &out)
        }
    }

    /// Writes a C-ordered block of `base` elements with `shape` as nested lists.
    public static func writeBlock(_ p: UnsafeRawPointer, _ base: DType, shape: ArraySlice<Int>, _ style: ValueStyle, into out: inout String) {
        guard let n = shape.first else {
            write(p, base, style, into: &out, nested: true)
            return
        }
        let inner = (Checked.product(Array(shape.dropFirst())) ?? 0) * base.itemsize
        out += "["
        for i in 0..<n {
            if i > 0 { out += style == .json ? ", " : " " }
            writeBlock(p + i * inner, base, shape: shape.dropFirst(), style, into: &out)
        }
        out += "]"
    }

    static func writeFloat(_ p: UnsafeRawPointer, size: Int, order: ByteOrder, _ style: ValueStyle, into out: inout String) {
        switch size {
        case 2:
            let x = Float16(bitPattern: load(p, order, as: UInt16.self))
            out += style == .json ? ScalarFormat.json(x) : ScalarFormat.text(x)
        case 4:
            let x = Float(bitPattern: load(p, order, as: UInt32.self))
            out += style == .json ? ScalarFormat.json(x) : ScalarFormat.text(x)
        case 8:
            let x = Double(bitPattern: load(p, order, as: UInt64.self))
            out += style == .json ? ScalarFormat.json(x) : ScalarFormat.text(x)
        default:
            // The raw fields, so that non-canonical encodings print as numpy prints them.
            let (mant, se) = float80Fields(p, order)
            out += style == .json ? ScalarFormat.longDoubleJSON(significand: mant, signAndExponent: se)
                                  : ScalarFormat.longDoubleText(significand: mant, signAndExponent: se)
        }
    }

    static func complexText(_ p: UnsafeRawPointer, half: Int, order: ByteOrder) -> String {
        switch half {
        case 4:
            return ScalarFormat.complexText(re: Float(bitPattern: load(p, order, as: UInt32.self)), im: Float(bitPattern: load(p + 4, order, as: UInt32.self)))
        case 8:
            return ScalarFormat.complexText(re: Double(bitPattern: load(p, order, as: UInt64.self)), im: Double(bitPattern: load(p + 8, order, as: UInt64.self)))
        default:
            return ScalarFormat.complexText(re: loadFloat80(p, order), im: loadFloat80(p + 16, order))
        }
    }

    /// Python's repr of a bytes value: `b'ab\x00'`.
    static func bytesRepr(_ buf: UnsafeRawBufferPointer, all: Bool = false) -> String {
        let hasSingle = buf.contains(0x27), hasDouble = buf.contains(0x22)
        let q: UInt8 = hasSingle && !hasDouble ? 0x22 : 0x27
        var s = "b" + String(UnicodeScalar(q))
        for b in buf {
            switch b {
            case 0x5c: s += "\\\\"
            case q: s += "\\" + String(UnicodeScalar(q))
            case 0x0a: s += "\\n"
            case 0x0d: s += "\\r"
            case 0x09: s += "\\t"
            case 0x20..<0x7f: s.unicodeScalars.append(UnicodeScalar(b))
            default: s += "\\x" + hexByte(b)
            }
        }
        return s + String(UnicodeScalar(q))
    }

    @inline(__always) static func hexByte(_ b: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
