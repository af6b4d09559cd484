import NPYFormat

/// Renders `info` facts as readable text (the JSON form is the contract; this is for people).
enum InfoText {
    static func render(_ facts: JSONValue) -> String {
        var out = ""
        write(facts, indent: 0, into: &out)
        return out
    }

    private static func scalar(_ v: JSONValue) -> String? {
        switch v {
        case .null: return "-"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .number(let s): return s
        case .string(let s): return s
        case .array(let xs) where xs.allSatisfy({ scalar($0) != nil && !isContainer($0) }):
            return "[" + xs.compactMap(scalar).joined(separator: ", ") + "]"
        default: return nil
        }
    }

    private static func isContainer(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return true
        default: return false
        }
    }

    private static func write(_ v: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch v {
        case .object(let kvs):
            for (k, val) in kvs {
                if k == "header", case .string(let h) = val {
                    out += pad + "header: " + h.debugDescriptionTrimmed + "\n"
                } else if k == "descr" {
                    out += pad + "descr: " + val.serialized(pretty: false) + "\n"
                } else if let s = scalar(val) {
                    out += pad + k + ": " + s + "\n"
                } else if case .array(let xs) = val, k == "members" {
                    for (i, x) in xs.enumerated() {
                        out += pad + "member \(i):\n"
                        write(x, indent: indent + 1, into: &out)
                    }
                } else {
                    out += pad + k + ":\n"
                    write(val, indent: indent + 1, into: &out)
                }
            }
        case .array(let xs):
            for x in xs { write(x, indent: indent, into: &out) }
        default:
            out += pad + (scalar(v) ?? "") + "\n"
        }
    }
}

extension String {
    /// The header text with its padding shown compactly: trailing spaces counted, newline escaped.
    var debugDescriptionTrimmed: String {
        var body = Substring(self)
        var nl = ""
        if body.hasSuffix("\n") { body = body.dropLast(); nl = "\\n" }
        let trimmed = body.reversed().drop(while: { $0 == " " })
        let spaces = body.count - trimmed.count
        let core = String(body.prefix(trimmed.count))
        return core + (spaces > 0 ? " + \(spaces) spaces" : "") + (nl.isEmpty ? "" : " + \\n")
    }
}
