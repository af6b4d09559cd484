/// Byte order of a multi-byte element.
public enum ByteOrder: Sendable, Equatable {
    case little, big
    /// Single bytes, strings of bytes, void: order does not apply (`|`).
    case notApplicable

    /// numpy's order character.
    public var character: String {
        switch self {
        case .little: return "<"
        case .big: return ">"
        case .notApplicable: return "|"
        }
    }
}

/// One named field of a structured dtype.
public struct DTypeField: Sendable, Equatable {
    /// The field's name (the key of `arr[name]`).
    public var name: String
    /// The title, when the descr gave `(title, name)`.
    public var title: String?
    /// Byte offset inside the record.
    public var offset: Int
    /// The field's type (a `.subarray` for fields like `('y', '<f8', (2,))`).
    public var dtype: DType
}

/// A numpy dtype as an NPY header can describe it.
public indirect enum DType: Sendable, Equatable {
    case bool
    case int(size: Int, signed: Bool, order: ByteOrder)
    /// IEEE floats of 2, 4, 8 bytes; 16 is x86_64's longdouble (80-bit extended, padded).
    case float(size: Int, order: ByteOrder)
    /// Pairs of floats: 8, 16, 32 bytes.
    case complex(size: Int, order: ByteOrder)
    /// `S`: fixed-length bytes.
    case bytes(size: Int)
    /// `U`: fixed-length UCS-4, `chars` code points.
    case unicode(chars: Int, order: ByteOrder)
    /// `V`: raw bytes.
    case void(size: Int)
    case datetime(unit: DateTimeUnit, count: Int, order: ByteOrder)
    case timedelta(unit: DateTimeUnit, count: Int, order: ByteOrder)
    /// `O`: Python objects, stored as a pickle; never decoded.
    case object
    /// A record of fields; `itemsize` includes padding.
    case structured(fields: [DTypeField], itemsize: Int)
    /// A fixed-shape block of `base` elements (only as a field type).
    case subarray(base: DType, shape: [Int])

    /// Bytes per element.
    public var itemsize: Int {
        switch self {
        case .bool: return 1
        case .int(let s, _, _), .float(let s, _), .complex(let s, _): return s
        case .bytes(let s), .void(let s): return s
        case .unicode(let n, _): return n &* 4
        case .datetime, .timedelta, .object: return 8
        case .structured(_, let s): return s
        case .subarray(let base, let shape): return base.itemsize &* (Checked.product(shape) ?? 0)
        }
    }

    /// numpy's `dtype.str`: `<f8`, `|b1`, `|V12` for structured, `<M8[ns]`.
    public var str: String {
        switch self {
        case .bool: return "|b1"
        case .int(let s, let signed, let o): return (s == 1 ? "|" : o.character) + (signed ? "i" : "u") + String(s)
        case .float(let s, let o): return o.character + "f" + String(s)
        case .complex(let s, let o): return o.character + "c" + String(s)
        case .bytes(let s): return "|S" + String(s)
        case .unicode(let n, let o): return o.character + "U" + String(n)
        case .void(let s): return "|V" + String(s)
        case .datetime(let u, let c, let o): return o.character + "M8" + DType.unitSuffix(u, c)
        case .timedelta(let u, let c, let o): return o.character + "m8" + DType.unitSuffix(u, c)
        case .object: return "|O"
        case .structured(_, let s): return "|V" + String(s)
        case .subarray(let base, _): return base.str
        }
    }

    /// A short readable name for the browser: `float64`, `>int32`, `datetime64[ns]`, `struct{3}`.
    public var displayName: String {
        let swapped: (ByteOrder) -> String = { $0 == .big ? ">" : "" }
        switch self {
        case .bool: return "bool"
        case .int(let s, let signed, let o): return swapped(o) + (signed ? "int" : "uint") + String(s * 8)
        case .float(let s, let o): return swapped(o) + (s == 16 ? "longdouble" : "float" + String(s * 8))
        case .complex(let s, let o): return swapped(o) + (s == 32 ? "clongdouble" : "complex" + String(s * 8))
        case .bytes(let s): return "S" + String(s)
        case .unicode(let n, let o): return swapped(o) + "U" + String(n)
        case .void(let s): return "V" + String(s)
        case .datetime(let u, let c, let o): return swapped(o) + "datetime64" + DType.unitSuffix(u, c)
        case .timedelta(let u, let c, let o): return swapped(o) + "timedelta64" + DType.unitSuffix(u, c)
        case .object: return "object"
        case .structured(let f, let s): return "struct{\(f.count) fields, \(s) B}"
        case .subarray(let base, let shape): return base.displayName + "(" + shape.map(String.init).joined(separator: ",") + ")"
        }
    }

    private static func unitSuffix(_ u: DateTimeUnit, _ c: Int) -> String {
        if u == .generic { return "" }
        return "[" + (c == 1 ? "" : String(c)) + u.rawValue + "]"
    }

    /// The same type in native (little-endian) byte order, as numpy scalars have it; records keep theirs.
    public var nativeOrder: DType {
        switch self {
        case .int(let s, let sg, .big): return .int(size: s, signed: sg, order: .little)
        case .float(let s, .big): return .float(size: s, order: .little)
        case .complex(let s, .big): return .complex(size: s, order: .little)
        case .unicode(let n, .big): return .unicode(chars: n, order: .little)
        case .datetime(let u, let c, .big): return .datetime(unit: u, count: c, order: .little)
        case .timedelta(let u, let c, .big): return .timedelta(unit: u, count: c, order: .little)
        default: return self
        }
    }

    /// True when any part of this dtype is an object (pickle) field.
    public var containsObject: Bool {
        switch self {
        case .object: return true
        case .structured(let f, _): return f.contains { $0.dtype.containsObject }
        case .subarray(let b, _): return b.containsObject
        default: return false
        }
    }

    /// The fields when structured, else nil.
    public var fields: [DTypeField]? {
        if case .structured(let f, _) = self { return f }
        return nil
    }
}

extension DType {
    /// Limits that a header cannot talk past.
    public static let maxFields = 100_000

    /// Builds a dtype from a descr literal as numpy's `descr_to_dtype` does.
    /// Errors name the bad part; `at` locates the header for the message.
    public static func fromDescr(_ descr: PyLiteral, depth: Int = 0) throws -> DType {
        guard depth < 32 else { throw DescrError("nesting deeper than 32 levels") }
        switch descr {
        case .string(let s):
            return try fromString(s)
        case .tuple(let parts) where parts.count == 2:
            // (descr, shape): a subarray; only meaningful as a field type.
            let base = try fromDescr(parts[0], depth: depth + 1)
            let shape = try subarrayShape(parts[1])
            return .subarray(base: base, shape: shape)
        case .list(let entries):
            guard entries.count <= maxFields else { throw DescrError("more than \(maxFields) fields") }
            var fields: [DTypeField] = []
            var offset = 0
            var seen = Set<String>()
            for entry in entries {
                guard case .tuple(let t) = entry, t.count == 2 || t.count == 3 else {
                    throw DescrError("a field must be a (name, descr) or (name, descr, shape) tuple, found \(entry.repr)")
                }
                var dt = try fromDescr(t[1], depth: depth + 1)
                if t.count == 3 {
                    dt = .subarray(base: dt, shape: try subarrayShape(t[2]))
                }
                var name: String
                var title: String? = nil
                switch t[0] {
                case .string(let s): name = s
                case .tuple(let nt) where nt.count == 2:
                    guard case .string(let n) = nt[1] else { throw DescrError("a field name must be a string, found \(nt[1].repr)") }
                    name = n
                    if case .string(let ti) = nt[0] { title = ti } else { title = nt[0].repr }
                default:
                    throw DescrError("a field name must be a string or a (title, name) tuple, found \(t[0].repr)")
                }
                let size = dt.itemsize
                let isPadding: Bool = { if name.isEmpty, case .void = dt { return true }; return false }()
                if !isPadding {
                    if name.isEmpty { name = "f\(fields.count)" }
                    guard !seen.contains(name) else { throw DescrError("field name \(PyLiteral.string(name).repr) appears twice") }
                    seen.insert(name)
                    fields.append(DTypeField(name: name, title: title, offset: offset, dtype: dt))
                }
                guard let next = Checked.add(offset, size), next <= Int(Int32.max) else {
                    throw DescrError("record size overflows")
                }
                offset = next
            }
            return .structured(fields: fields, itemsize: offset)
        default:
            throw DescrError("expected a string, a list of fields or a (descr, shape) tuple, found \(descr.repr)")
        }
    }

    private static func subarrayShape(_ v: PyLiteral) throws -> [Int] {
        var dims: [Int]
        switch v {
        case .int(let n): dims = [n]
        case .tuple(let xs):
            dims = []
            for x in xs {
                guard case .int(let n) = x else { throw DescrError("a subarray shape must hold ints, found \(v.repr)") }
                dims.append(n)
            }
        default: throw DescrError("a subarray shape must be an int or a tuple of ints, found \(v.repr)")
        }
        guard dims.allSatisfy({ $0 >= 0 }), let p = Checked.product(dims), p <= Int(Int32.max) else {
            throw DescrError("a subarray shape must be non-negative and small, found \(v.repr)")
        }
        return dims
    }

    /// Parses a dtype string such as `<f8`, `|S5`, `>U3`, `<M8[10s]`, `|O` (allocation-free for the common forms).
    public static func fromString(_ s: String) throws -> DType {
        var str = s
        return try str.withUTF8 { try fromUTF8($0, original: s) }
    }

    /// The dtype a descr string's bytes name, or nil when they name none (no error text built).
    static func fromDescrBytes(_ b: UnsafeBufferPointer<UInt8>) -> DType? {
        try? fromUTF8(b, original: "")
    }

    private static func fromUTF8(_ b: UnsafeBufferPointer<UInt8>, original s: String) throws -> DType {
        var bad: DescrError { DescrError("unknown dtype \(PyLiteral.string(s).repr)") }
        var i = 0
        var order: ByteOrder = .little
        if i < b.count {
            switch b[i] {
            case UInt8(ascii: ">"), UInt8(ascii: "!"): order = .big; i += 1
            case UInt8(ascii: "|"): order = .notApplicable; i += 1
            case UInt8(ascii: "<"), UInt8(ascii: "="): i += 1  // '=' native: little on every platform npybrowse builds for
            default: break
            }
        }
        guard i < b.count else { throw DescrError("empty dtype string \(PyLiteral.string(s).repr)") }
        let code = b[i]
        i += 1
        // The decimal number that follows the code, if any; nil when absent, throws when malformed or huge.
        func number() throws -> Int? {
            var v = 0
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                guard digits < 10 else { throw bad }
                v = v * 10 + Int(b[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : v
        }
        let n = try number()
        let atEnd = { i == b.count }
        let multiOrder: (Int) -> ByteOrder = { size in size == 1 ? .notApplicable : (order == .notApplicable ? .little : order) }
        switch code {
        case UInt8(ascii: "b"):
            // 'b1' is bool; a bare 'b' is int8 in numpy.
            guard atEnd() else { throw bad }
            if n == 1 { return .bool }
            if n == nil { return .int(size: 1, signed: true, order: .notApplicable) }
            throw bad
        case UInt8(ascii: "?"):
            guard atEnd(), n == nil || n == 1 else { throw bad }
            return .bool
        case UInt8(ascii: "i"), UInt8(ascii: "u"):
            guard atEnd(), let n, [1, 2, 4, 8].contains(n) else { throw bad }
            return .int(size: n, signed: code == UInt8(ascii: "i"), order: multiOrder(n))
        case UInt8(ascii: "f"):
            guard atEnd(), let n, [2, 4, 8, 16].contains(n) else { throw bad }
            return .float(size: n, order: multiOrder(n))
        case UInt8(ascii: "c"):
            guard atEnd(), let n, [8, 16, 32].contains(n) else { throw bad }
            return .complex(size: n, order: multiOrder(n))
        case UInt8(ascii: "S"), UInt8(ascii: "a"):
            guard atEnd(), (n ?? 0) <= Int(Int32.max) else { throw bad }
            return .bytes(size: n ?? 0)
        case UInt8(ascii: "U"):
            guard atEnd(), (n ?? 0) <= Int(Int32.max) / 4 else { throw bad }
            return .unicode(chars: n ?? 0, order: multiOrder(4))
        case UInt8(ascii: "V"):
            guard atEnd(), let n, n <= Int(Int32.max) else { throw bad }
            return .void(size: n)
        case UInt8(ascii: "O"):
            guard atEnd(), n == nil || n == 8 else { throw bad }
            return .object
        case UInt8(ascii: "M"), UInt8(ascii: "m"):
            guard n == 8 else { throw bad }
            var unit = DateTimeUnit.generic
            var count = 1
            if !atEnd() {
                guard b[i] == UInt8(ascii: "["), b[b.count - 1] == UInt8(ascii: "]") else { throw bad }
                i += 1
                if let c = try number() {
                    guard c > 0, c <= Int(Int32.max) else { throw bad }
                    count = c
                }
                let name = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(b.count - 1)]), as: UTF8.self)
                guard let parsed = DateTimeUnit(rawValue: name), parsed != .generic else { throw bad }
                unit = parsed
            }
            let o = order == .notApplicable ? ByteOrder.little : order
            return code == UInt8(ascii: "M") ? .datetime(unit: unit, count: count, order: o) : .timedelta(unit: unit, count: count, order: o)
        default:
            throw bad
        }
    }
}

/// Why a descr was refused (wrapped into a `FormatError` with the header's location).
public struct DescrError: Error, Sendable {
    /// What is wrong.
    public let message: String
    init(_ message: String) { self.message = message }
}
