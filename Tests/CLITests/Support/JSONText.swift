/// A JSON value that keeps every number as its source text, so floats can be compared
/// bit-exactly in their own type (Float16, Float, Double, Float80) instead of through Double.
enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONText])
    case object([Member])

    /// One key/value pair of an object, in source order.
    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONText
    }

    /// The value of `key` in an object (the last one when a key repeats), else nil.
    subscript(key: String) -> JSONText? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var arrayValue: [JSONText]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var objectValue: [Member]? {
        if case .object(let m) = self { return m }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as an Int when its text is a plain integer that fits.
    var intValue: Int? {
        if case .number(let t) = self { return Int(t) }
        return nil
    }

    var isNull: Bool { self == .null }

    /// Replaces the value of `key` in an object (adds it when missing).
    func setting(_ key: String, to value: JSONText) -> JSONText {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = value
        } else {
            members.append(Member(key: key, value: value))
        }
        return .object(members)
    }

    /// Compact JSON text, cut to `limit` characters for failure messages.
    func text(limit: Int = 300) -> String {
        var out = ""
        write(to: &out, limit: limit)
        if out.count > limit { return String(out.prefix(limit)) + "…" }
        return out
    }

    private func write(to out: inout String, limit: Int) {
        if out.count > limit { return }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let t): out += t
        case .string(let s): out += JSONText.quoted(s)
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                x.write(to: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "]"
        case .object(let ms):
            out += "{"
            for (i, m) in ms.enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quoted(m.key) + ":"
                m.value.write(to: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Why a text is not JSON, with the byte offset where that was found.
struct JSONParseError: Error, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// A small strict JSON parser (RFC 8259) that keeps numbers as text.
struct JSONTextParser {
    private let bytes: [UInt8]
    private var pos = 0
    private let maxDepth = 512

    /// Parses one JSON value filling the whole input (surrounding whitespace allowed).
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONText {
        var p = JSONTextParser(bytes: bytes)
        p.skipWhitespace()
        let v = try p.value(depth: 0)
        p.skipWhitespace()
        if p.pos != bytes.count { throw p.error("trailing characters after the value") }
        return v
    }

    static func parse(_ text: String) throws(JSONParseError) -> JSONText {
        try parse(Array(text.utf8))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(offset: pos, message: message)
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 {
            pos += 1
        }
    }

    private mutating func expectLiteral(_ word: String, _ v: JSONText) throws(JSONParseError) -> JSONText {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else {
            throw error("expected \(word)")
        }
        pos += w.count
        return v
    }

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONText {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth)") }
        guard pos < bytes.count else { throw error("unexpected end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var members: [JSONText.Member] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a key string") }
                let key = try string()
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':'") }
                pos += 1
                skipWhitespace()
                let v = try value(depth: depth + 1)
                members.append(.init(key: key, value: v))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            pos += 1
            var items: [JSONText] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            return try expectLiteral("true", .bool(true))
        case UInt8(ascii: "f"):
            return try expectLiteral("false", .bool(false))
        case UInt8(ascii: "n"):
            return try expectLiteral("null", .null)
        default:
            return .number(try number())
        }
    }

    private func isDigit(_ i: Int) -> Bool {
        i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws(JSONParseError) -> String {
        let start = pos
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard isDigit(pos) else { throw error("expected a value") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if isDigit(pos) { throw error("leading zero in a number") }
        } else {
            while isDigit(pos) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(pos) else { throw error("expected digits after '.'") }
            while isDigit(pos) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(pos) else { throw error("expected exponent digits") }
            while isDigit(pos) { pos += 1 }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    private mutating func string() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        var out: [UInt8] = []
        func append(_ scalar: UInt32) {
            let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(u)).utf8))
        }
        while true {
            guard pos < bytes.count else { throw error("unterminated string") }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; break }
            if c < 0x20 { throw error("unescaped control character 0x\(String(c, radix: 16)) in a string") }
            if c != UInt8(ascii: "\\") { out.append(c); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { throw error("unterminated escape") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let hi = try hex4()
                if (0xD800...0xDBFF).contains(hi), pos + 6 <= bytes.count,
                   bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let lo = try hex4()
                    if (0xDC00...0xDFFF).contains(lo) {
                        append(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                    } else {
                        append(0xFFFD)
                        pos = save
                    }
                } else {
                    append(hi)  // lone surrogates become U+FFFD
                }
            default:
                throw error("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
