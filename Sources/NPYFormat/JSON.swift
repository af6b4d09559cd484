/// A JSON value with ordered object keys and numbers kept as their exact text.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    /// A number already formatted as JSON text (e.g. shortest round-trip float digits).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.uint(x), .uint(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Convenience for an optional integer offset.
    public static func optional(_ v: UInt64?) -> JSONValue { v.map { .uint($0) } ?? .null }

    /// Serializes compactly (`pretty == false`) or with two-space indentation.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Appends this value's JSON text to `out`.
    public func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .number(let s): out += s
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let xs):
            if xs.isEmpty { out += "[]"; return }
            // Arrays of scalars stay on one line even when pretty.
            let flat = !pretty || xs.allSatisfy { !$0.isContainer }
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += flat ? (pretty ? ", " : ",") : "," }
                if !flat { out += "\n" + String(repeating: "  ", count: indent + 1) }
                x.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if !flat { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let kvs):
            if kvs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in kvs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(k, to: &out)
                out += pretty ? ": " : ":"
                v.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }

    /// Appends `s` as a JSON string literal. Runs of characters that need no escape are copied
    /// whole (this runs for every member of 100,000-member listings).
    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                // Byte-bounded slices (at ASCII bytes, so on scalar boundaries), never rounded to
                // Character boundaries: a quote followed by a combining mark is one Character.
                out += Substring(utf8[runStart..<i])
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                i = utf8.index(after: i)
                runStart = i
            } else {
                i = utf8.index(after: i)
            }
        }
        out += Substring(utf8[runStart..<utf8.endIndex])
        out += "\""
    }
}
