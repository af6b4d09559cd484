// Small text helpers (no Foundation).

/// A shape as Python prints a tuple: `()`, `(5,)`, `(3, 4)`.
public func shapeText(_ shape: [Int]) -> String {
    switch shape.count {
    case 0: return "()"
    case 1: return "(\(shape[0]),)"
    default: return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// A string as Python's `repr` writes it, so a line with it can be pasted into Python.
public func pythonStringLiteral(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if Character(scalar) == quote {
                out += "\\" + String(quote)
            } else if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
                out += "\\x" + hex(UInt64(scalar.value), digits: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out.append(quote)
    return out
}

/// `value` in lowercase hexadecimal, zero-padded to at least `digits` digits.
public func hex(_ value: UInt64, digits: Int) -> String {
    let s = String(value, radix: 16)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
}

/// `value` with thousands separators: `8,000,128`.
public func groupedDigits(_ value: UInt64) -> String {
    let s = String(value)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out += "," }
        out.append(ch)
    }
    return out
}

/// `x` with one decimal, rounded half away from zero (`7.6`), without Foundation.
func oneDecimal(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let tenths = (x * 10).rounded()
    guard abs(tenths) < 1e15 else { return "\(Int64(x.rounded()))" }
    let t = Int64(tenths)
    let sign = t < 0 ? "-" : ""
    let a = t.magnitude
    return "\(sign)\(a / 10).\(a % 10)"
}

/// A byte count for narrow columns: `800 B`, `7.6 KiB`, `120 MiB`, `1.2 GiB`.
public func humanBytes(_ n: UInt64) -> String {
    if n < 1024 { return "\(n) B" }
    let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var v = Double(n) / 1024
    var u = 0
    while v >= 1024 && u < units.count - 1 {
        v /= 1024
        u += 1
    }
    if v < 10 { return "\(oneDecimal(v)) \(units[u])" }
    return "\(Int64(v.rounded())) \(units[u])"
}

/// A compression ratio as a percentage: `12.5%`, `100%`.
public func percentText(_ ratio: Double) -> String {
    let p = ratio * 100
    if p >= 99.95 || p == p.rounded() && p >= 10 { return "\(Int64(p.rounded()))%" }
    return oneDecimal(p) + "%"
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r"]
        guard let first = firstIndex(where: { !ws.contains($0) }) else { return "" }
        let last = lastIndex(where: { !ws.contains($0) })!
        return String(self[first...last])
    }
}
