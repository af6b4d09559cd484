/// Comparison of the CLI's JSON with expected.json, collecting readable differences.
enum Compare {
    /// How numbers at one place of a `values` tree are compared.
    enum FloatKind: String, Sendable {
        case f16, f32, f64, f80
    }

    /// `info --json` objects: exact, except that an `error` member only has to be a non-empty
    /// string (its wording is the CLI's), and object keys may come in any order.
    static func info(expected: JSONText, actual: JSONText) -> [String] {
        var d = Differences()
        walk(expected, actual, kinds: nil, path: "$", infoMode: true, into: &d)
        return d.items
    }

    /// `dump --json` values: numbers whose kind is a float kind are compared bit-exactly in that
    /// type (and must be no longer than numpy's shortest text); everything else exactly.
    static func values(expected: JSONText, actual: JSONText, kinds: JSONText) -> [String] {
        var d = Differences()
        walk(expected, actual, kinds: kinds, path: "values", infoMode: false, into: &d)
        return d.items
    }

    struct Differences {
        var items: [String] = []
        var limit = 12
        var isFull: Bool { items.count >= limit }
        mutating func add(_ path: String, _ message: String) {
            if items.count < limit { items.append("\(path): \(message)") }
            if items.count == limit { items.append("(further differences not shown)"); limit = -1 }
        }
    }

    private static func typeName(_ v: JSONText) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "a bool"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func walk(_ e: JSONText, _ a: JSONText, kinds: JSONText?, path: String, infoMode: Bool,
                             into d: inout Differences) {
        if d.isFull || d.limit < 0 { return }
        switch (e, a) {
        case let (.object(em), .object(am)):
            var seen = Set<String>()
            for m in am where !seen.insert(m.key).inserted {
                d.add(path, "key \"\(m.key)\" appears twice")
            }
            let ekeys = em.map(\.key)
            let akeys = Set(am.map(\.key))
            let missing = ekeys.filter { !akeys.contains($0) }
            let extra = am.map(\.key).filter { !ekeys.contains($0) }
            if !missing.isEmpty { d.add(path, "missing keys \(missing)") }
            if !extra.isEmpty { d.add(path, "unexpected keys \(extra)") }
            for m in em {
                guard let av = a[m.key] else { continue }
                let sub = path + "." + m.key
                if infoMode && m.key == "error" {
                    if (av.stringValue ?? "").isEmpty {
                        d.add(sub, "expected a non-empty error message, got \(av.text())")
                    }
                    continue
                }
                let k: JSONText?
                if let ko = kinds, case .object = ko { k = ko[m.key] } else { k = kinds }
                walk(m.value, av, kinds: k, path: sub, infoMode: infoMode, into: &d)
            }
        case let (.array(ea), .array(aa)):
            if ea.count != aa.count {
                d.add(path, "expected \(ea.count) items, got \(aa.count)")
            }
            for i in 0..<min(ea.count, aa.count) {
                walk(ea[i], aa[i], kinds: kinds, path: "\(path)[\(i)]", infoMode: infoMode, into: &d)
                if d.isFull { return }
            }
        case let (.number(et), .number(at)):
            if let k = kinds, case .string(let name) = k, let fk = FloatKind(rawValue: name) {
                if let problem = compareFloat(expected: et, actual: at, kind: fk) {
                    d.add(path, problem)
                }
            } else if et != at {
                d.add(path, "expected \(et), got \(at)")
            }
        case let (.string(es), .string(as_)):
            if es != as_ { d.add(path, "expected \(e.text()), got \(a.text())") }
        case let (.bool(eb), .bool(ab)):
            if eb != ab { d.add(path, "expected \(eb), got \(ab)") }
        case (.null, .null):
            break
        default:
            d.add(path, "expected \(typeName(e)) \(e.text(limit: 80)), got \(typeName(a)) \(a.text(limit: 80))")
        }
    }

    /// Significant digits of a number's text (leading and trailing zeros of the digit string dropped).
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        var digits = mantissa.filter { $0.isASCII && $0.isNumber }
        while digits.first == "0" { digits.removeFirst() }
        while digits.last == "0" { digits.removeLast() }
        return max(digits.count, 1)
    }

    /// nil when `actual` denotes the same value of the float type as `expected`, bit for bit
    /// (so -0 differs from 0), and is no longer than the expected shortest text.
    static func compareFloat(expected et: String, actual at: String, kind: FloatKind) -> String? {
        let same: Bool?
        var detail = ""
        switch kind {
        case .f16:
            #if os(Linux) || arch(arm64)
            if let x = Float16(et), let y = Float16(at) {
                same = x.bitPattern == y.bitPattern
                detail = " (float16 bits 0x\(String(x.bitPattern, radix: 16)) vs 0x\(String(y.bitPattern, radix: 16)))"
            } else { same = nil }
            #else
            if let x = Float(et), let y = Float(at) { same = x.bitPattern == y.bitPattern } else { same = nil }
            #endif
        case .f32:
            if let x = Float(et), let y = Float(at) {
                same = x.bitPattern == y.bitPattern
                detail = " (float32 bits 0x\(String(x.bitPattern, radix: 16)) vs 0x\(String(y.bitPattern, radix: 16)))"
            } else { same = nil }
        case .f64:
            if let x = Double(et), let y = Double(at) {
                same = x.bitPattern == y.bitPattern
                detail = " (float64 bits 0x\(String(x.bitPattern, radix: 16)) vs 0x\(String(y.bitPattern, radix: 16)))"
            } else { same = nil }
        case .f80:
            #if arch(x86_64) || arch(i386)
            if let x = Float80(et), let y = Float80(at) {
                same = x.sign == y.sign && x.exponentBitPattern == y.exponentBitPattern
                    && x.significandBitPattern == y.significandBitPattern
                detail = " (as 80-bit long doubles)"
            } else { same = nil }
            #else
            same = et == at
            #endif
        }
        guard let s = same else { return "cannot parse \(et) or \(at) as \(kind.rawValue)" }
        if !s { return "expected \(et), got \(at)\(detail)" }
        let ed = significantDigits(et)
        let ad = significantDigits(at)
        if ad > ed {
            return "\(at) is the right \(kind.rawValue) but not the shortest round-trip text: "
                + "\(ad) significant digits where \(et) needs \(ed)"
        }
        return nil
    }
}
