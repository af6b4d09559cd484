/// A Python literal as it appears in an NPY header: parsed, never evaluated.
public indirect enum PyLiteral: Equatable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case none
    case tuple([PyLiteral])
    case list([PyLiteral])
    /// A dict with its keys in the order written.
    case dict([(PyLiteral, PyLiteral)])

    public static func == (a: PyLiteral, b: PyLiteral) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.none, .none): return true
        case let (.tuple(x), .tuple(y)), let (.list(x), .list(y)): return x == y
        case let (.dict(x), .dict(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Python's repr of the value, for error messages (`'<f8'`, `(3, 4)`, `True`).
    public var repr: String {
        switch self {
        case .string(let s):
            var out = "'"
            for c in s.unicodeScalars {
                switch c {
                case "'": out += "\\'"
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if c.value < 0x20 || c.value == 0x7f {
                        let h = String(c.value, radix: 16)
                        out += "\\x" + (h.count < 2 ? "0" : "") + h
                    } else { out.unicodeScalars.append(c) }
                }
            }
            return out + "'"
        case .int(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let xs): return xs.count == 1 ? "(\(xs[0].repr),)" : "(" + xs.map(\.repr).joined(separator: ", ") + ")"
        case .list(let xs): return "[" + xs.map(\.repr).joined(separator: ", ") + "]"
        case .dict(let kvs): return "{" + kvs.map { "\($0.0.repr): \($0.1.repr)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as JSON: tuples and lists become arrays, dict keys their string form.
    public var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .int(Int64(i))
        case .bool(let b): return .bool(b)
        case .none: return .null
        case .tuple(let xs), .list(let xs): return .array(xs.map(\.json))
        case .dict(let kvs):
            return .object(kvs.map { k, v in
                if case .string(let s) = k { return (s, v.json) }
                return (k.repr, v.json)
            })
        }
    }
}

/// Parses the subset of Python literal syntax that NPY headers use: dicts, tuples, lists,
/// strings ('..' and "..", with escapes and b/u prefixes), ints (with Python 2's `L`), True/False/None.
///
/// Depth and size are limited so that a hostile header cannot exhaust the stack or memory.
public struct PyLiteralParser {
    /// Deepest nesting accepted (dicts, lists, tuples).
    public static let maxDepth = 64

    private let scalars: [Unicode.Scalar]
    private var pos = 0
    /// Absolute offset of the header text, for errors; plus a per-scalar byte offset table.
    private let byteOffsets: [Int]
    private let base: UInt64
    private let inflated: Bool

    /// Parses `text`, whose first byte lies at `base` (inflated: in the inflated member).
    public static func parse(_ text: String, base: UInt64, inflated: Bool, utf8Offsets: Bool) throws -> PyLiteral {
        var p = PyLiteralParser(text: text, base: base, inflated: inflated, utf8Offsets: utf8Offsets)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.pos < p.scalars.count {
            throw p.error("expected the end of the header literal, found \(p.describeHere())")
        }
        return v
    }

    private init(text: String, base: UInt64, inflated: Bool, utf8Offsets: Bool) {
        scalars = Array(text.unicodeScalars)
        var offs: [Int] = []
        offs.reserveCapacity(scalars.count + 1)
        var o = 0
        for s in scalars {
            offs.append(o)
            o += utf8Offsets ? String(s).utf8.count : 1
        }
        offs.append(o)
        byteOffsets = offs
        self.base = base
        self.inflated = inflated
    }

    private func error(_ message: String) -> FormatError {
        let off = base + UInt64(byteOffsets[min(pos, byteOffsets.count - 1)])
        return FormatError(inflated ? .inflated(off) : .file(off), message)
    }

    private func describeHere() -> String {
        guard pos < scalars.count else { return "the end of the header" }
        var s = ""
        var i = pos
        while i < scalars.count && s.unicodeScalars.count < 12 { s.unicodeScalars.append(scalars[i]); i += 1 }
        return PyLiteral.string(s).repr
    }

    private mutating func skipSpace() {
        while pos < scalars.count {
            switch scalars[pos] {
            case " ", "\t", "\n", "\r", "\u{0C}", "\u{0B}": pos += 1
            case "\\" where pos + 1 < scalars.count && scalars[pos + 1] == "\n": pos += 2
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws -> PyLiteral {
        guard depth < PyLiteralParser.maxDepth else {
            throw error("expected at most \(PyLiteralParser.maxDepth) levels of nesting in the header, found more")
        }
        skipSpace()
        guard pos < scalars.count else { throw error("expected a value, found the end of the header") }
        let c = scalars[pos]
        switch c {
        case "{": return try dict(depth: depth)
        case "(": return try sequence(open: "(", close: ")", depth: depth)
        case "[": return try sequence(open: "[", close: "]", depth: depth)
        case "'", "\"": return .string(try string())
        case "-", "+", "0"..."9": return .int(try integer())
        default:
            if c.properties.isAlphabetic || c == "_" {
                let start = pos
                while pos < scalars.count, scalars[pos].properties.isAlphabetic || scalars[pos] == "_" || ("0"..."9").contains(scalars[pos]) { pos += 1 }
                var word = ""
                for s in scalars[start..<pos] { word.unicodeScalars.append(s) }
                if pos < scalars.count, scalars[pos] == "'" || scalars[pos] == "\"" {
                    let lower = word.lowercased()
                    if ["b", "u", "r", "br", "rb"].contains(lower) {
                        return .string(try string(raw: lower.contains("r")))
                    }
                }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default:
                    pos = start
                    throw error("expected a Python literal (dict, tuple, list, string, int, True, False, None), found \(PyLiteral.string(word).repr)")
                }
            }
            throw error("expected a Python literal, found \(describeHere())")
        }
    }

    private mutating func dict(depth: Int) throws -> PyLiteral {
        pos += 1
        var items: [(PyLiteral, PyLiteral)] = []
        while true {
            skipSpace()
            guard pos < scalars.count else { throw error("expected '}' closing the dict, found the end of the header") }
            if scalars[pos] == "}" { pos += 1; return .dict(items) }
            let key = try value(depth: depth + 1)
            skipSpace()
            guard pos < scalars.count, scalars[pos] == ":" else { throw error("expected ':' after a dict key, found \(describeHere())") }
            pos += 1
            let v = try value(depth: depth + 1)
            if let i = items.firstIndex(where: { $0.0 == key }) { items[i].1 = v } else { items.append((key, v)) }
            skipSpace()
            guard pos < scalars.count else { throw error("expected '}' closing the dict, found the end of the header") }
            if scalars[pos] == "," { pos += 1; continue }
            if scalars[pos] == "}" { pos += 1; return .dict(items) }
            throw error("expected ',' or '}' in the dict, found \(describeHere())")
        }
    }

    private mutating func sequence(open: Unicode.Scalar, close: Unicode.Scalar, depth: Int) throws -> PyLiteral {
        pos += 1
        var items: [PyLiteral] = []
        var sawComma = false
        while true {
            skipSpace()
            guard pos < scalars.count else { throw error("expected '\(close)', found the end of the header") }
            if scalars[pos] == close { pos += 1; break }
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard pos < scalars.count else { throw error("expected '\(close)', found the end of the header") }
            if scalars[pos] == "," { pos += 1; sawComma = true; continue }
            if scalars[pos] == close { pos += 1; break }
            throw error("expected ',' or '\(close)', found \(describeHere())")
        }
        if open == "(" {
            // (x) is just x in Python; (x,) is a tuple.
            if items.count == 1 && !sawComma { return items[0] }
            return .tuple(items)
        }
        return .list(items)
    }

    private static func digit(_ s: Unicode.Scalar) -> Int? {
        s.value >= 48 && s.value <= 57 ? Int(s.value - 48) : nil
    }

    private mutating func integer() throws -> Int {
        let start = pos
        var negative = false
        if scalars[pos] == "-" || scalars[pos] == "+" {
            negative = scalars[pos] == "-"
            pos += 1
            skipSpace()
        }
        var v = 0
        var digits = 0
        while pos < scalars.count, let d = PyLiteralParser.digit(scalars[pos]) {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(negative ? -d : d)
            if o1 || o2 {
                pos = start
                throw error("expected an integer that fits in 64 bits, found a larger one")
            }
            v = a
            digits += 1
            pos += 1
            if pos < scalars.count, scalars[pos] == "_" { pos += 1 }
        }
        if digits == 0 { pos = start; throw error("expected digits, found \(describeHere())") }
        // Python 2 long suffix: 3L.
        if pos < scalars.count, scalars[pos] == "L" || scalars[pos] == "l" { pos += 1 }
        if pos < scalars.count, scalars[pos] == "." || scalars[pos] == "e" || scalars[pos] == "E" || scalars[pos] == "j" {
            pos = start
            throw error("expected an integer, found a float or complex literal \(describeHere())")
        }
        return v
    }

    private mutating func string(raw: Bool = false) throws -> String {
        let quote = scalars[pos]
        var triple = false
        if pos + 2 < scalars.count, scalars[pos + 1] == quote, scalars[pos + 2] == quote {
            triple = true
            pos += 3
        } else {
            pos += 1
        }
        var out = String.UnicodeScalarView()
        while true {
            guard pos < scalars.count else { throw error("expected a closing quote, found the end of the header") }
            let c = scalars[pos]
            if c == quote {
                if !triple { pos += 1; break }
                if pos + 2 < scalars.count, scalars[pos + 1] == quote, scalars[pos + 2] == quote { pos += 3; break }
            }
            if c == "\n" && !triple { throw error("expected a closing quote before the end of the line") }
            if c == "\\" && !raw {
                pos += 1
                guard pos < scalars.count else { throw error("expected an escape character, found the end of the header") }
                let e = scalars[pos]
                pos += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\u{0}")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                case "\\", "'", "\"": out.append(e)
                case "\n": break
                case "x", "u", "U":
                    let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
                    guard pos + n <= scalars.count else { throw error("expected \(n) hex digits after \\\(e), found the end of the header") }
                    var hex = ""
                    for s in scalars[pos..<pos + n] { hex.unicodeScalars.append(s) }
                    guard let code = UInt32(hex, radix: 16), let u = Unicode.Scalar(code) else {
                        throw error("expected \(n) hex digits after \\\(e), found \(PyLiteral.string(hex).repr)")
                    }
                    out.append(u)
                    pos += n
                default:
                    out.append("\\")
                    out.append(e)
                }
                continue
            }
            out.append(c)
            pos += 1
        }
        return String(out)
    }
}

extension PyLiteralParser {
    /// Parses the exact form numpy writes, `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`
    /// plus padding, without building a scanner; returns nil for anything else (the full parser decides).
    /// This keeps `ls` of archives with tens of thousands of members fast.
    public static func parseCanonicalHeader(_ b: UnsafeBufferPointer<UInt8>) -> PyLiteral? {
        var i = 0
        func expect(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            let p = s.utf8Start
            for k in 0..<n where b[i + k] != p[k] { return false }
            i += n
            return true
        }
        guard expect("{'descr': '") else { return nil }
        let ds = i
        while i < b.count, b[i] != 0x27 {
            guard b[i] >= 0x20, b[i] < 0x7f, b[i] != 0x5c else { return nil }
            i += 1
        }
        guard i < b.count else { return nil }
        let descr = String(decoding: UnsafeBufferPointer(rebasing: b[ds..<i]), as: UTF8.self)
        i += 1
        guard expect(", 'fortran_order': ") else { return nil }
        let fortran: Bool
        if expect("False") { fortran = false } else if expect("True") { fortran = true } else { return nil }
        guard expect(", 'shape': (") else { return nil }
        var dims: [PyLiteral] = []
        while i < b.count, b[i] != 0x29 {
            var v = 0
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
                if o1 || o2 { return nil }
                v = a
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            dims.append(.int(v))
            if expect(", ") { continue }
            if expect(",") { continue }
            guard i < b.count, b[i] == 0x29 else { return nil }
        }
        guard expect("), }") else { return nil }
        while i < b.count, b[i] == 0x20 || b[i] == 0x0a { i += 1 }
        guard i == b.count else { return nil }
        // One element with no comma would be `(3)`, an int in Python: numpy never writes it.
        return .dict([(.string("descr"), .string(descr)), (.string("fortran_order"), .bool(fortran)), (.string("shape"), .tuple(dims))])
    }
}
