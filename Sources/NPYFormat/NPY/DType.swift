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

    /// Parses a dtype string such as `<f8`, `|S5`, `>U3`, `<M8[10s]`, `|O`.
    public static func fromString(_ s: String) throws -> DType {
        var chars = Array(s.unicodeScalars)
        var order: ByteOrder = .little
        var explicitOrder = false
        if let c = chars.first, "<>|=!".unicodeScalars.contains(c) {
            switch c {
            case ">", "!": order = .big
            case "|": order = .notApplicable
            default: order = .little  // '=' native: little on every platform npybrowse builds for
            }
            explicitOrder = true
            chars.removeFirst()
        }
        _ = explicitOrder
        guard let code = chars.first else { throw DescrError("empty dtype string \(PyLiteral.string(s).repr)") }
        let rest = String(String.UnicodeScalarView(chars.dropFirst()))
        func num(_ t: String) -> Int? {
            guard !t.isEmpty, t.count <= 12, t.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else { return nil }
            return Int(t)
        }
        let bad = DescrError("unknown dtype \(PyLiteral.string(s).repr)")
        let multiOrder: (Int) -> ByteOrder = { size in size == 1 ? .notApplicable : (order == .notApplicable ? .little : order) }
        switch code {
        case "b":
            // 'b1' is bool; a bare 'b' is int8 in numpy.
            if rest == "1" { return .bool }
            if rest.isEmpty { return .int(size: 1, signed: true, order: .notApplicable) }
            throw bad
        case "?":
            guard rest.isEmpty || rest == "1" else { throw bad }
            return .bool
        case "i", "u":
            guard let n = num(rest), [1, 2, 4, 8].contains(n) else { throw bad }
            return .int(size: n, signed: code == "i", order: multiOrder(n))
        case "f":
            guard let n = num(rest), [2, 4, 8, 16].contains(n) else { throw bad }
            return .float(size: n, order: multiOrder(n))
        case "c":
            guard let n = num(rest), [8, 16, 32].contains(n) else { throw bad }
            return .complex(size: n, order: multiOrder(n))
        case "S", "a":
            if rest.isEmpty { return .bytes(size: 0) }
            guard let n = num(rest), n <= Int(Int32.max) else { throw bad }
            return .bytes(size: n)
        case "U":
            if rest.isEmpty { return .unicode(chars: 0, order: multiOrder(4)) }
            guard let n = num(rest), n <= Int(Int32.max) / 4 else { throw bad }
            return .unicode(chars: n, order: multiOrder(4))
        case "V":
            guard let n = num(rest), n <= Int(Int32.max) else { throw bad }
            return .void(size: n)
        case "O":
            guard rest.isEmpty || rest == "8" else { throw bad }
            return .object
        case "M", "m":
            var r = Substring(rest)
            if r.hasPrefix("8") { r = r.dropFirst() } else { throw bad }
            var unit = DateTimeUnit.generic
            var count = 1
            if !r.isEmpty {
                guard r.hasPrefix("["), r.hasSuffix("]") else { throw bad }
                let inner = r.dropFirst().dropLast()
                let digits = inner.prefix { $0.isASCII && $0.isNumber }
                let u = inner.dropFirst(digits.count)
                if !digits.isEmpty {
                    guard let c = num(String(digits)), c > 0, c <= Int(Int32.max) else { throw bad }
                    count = c
                }
                guard let parsed = DateTimeUnit(rawValue: String(u)), parsed != .generic else { throw bad }
                unit = parsed
            }
            let o = order == .notApplicable ? ByteOrder.little : order
            return code == "M" ? .datetime(unit: unit, count: count, order: o) : .timedelta(unit: unit, count: count, order: o)
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
