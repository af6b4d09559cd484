// Lays shortest digits out as text, the way numpy's Dragon4 front ends do.

/// How a finite value's digits become text.
struct FloatLayout {
    /// Positional (`123.45`, `0.0001`) or scientific (`1.5e-05`).
    var positional: Bool
    /// numpy's TrimMode_LeaveOneZero (`100.0`) versus TrimMode_DptZeros (`100`).
    var keepPointZero: Bool
    /// Print `+` before non-negative values (the imaginary part of a complex).
    var plusSign: Bool

    /// numpy's `str()` of a real scalar.
    static func scalar(positional: Bool) -> FloatLayout {
        FloatLayout(positional: positional, keepPointZero: true, plusSign: false)
    }

    /// A part of numpy's `str()` of a complex scalar.
    static func complexPart(positional: Bool, plusSign: Bool) -> FloatLayout {
        FloatLayout(positional: positional, keepPointZero: false, plusSign: plusSign)
    }

    /// Python's float repr rule: positional for decimal exponents -4 ..< 16.
    static func json(_ d: DecimalDigits) -> FloatLayout {
        FloatLayout(positional: d.count == 0 || (d.exp10 >= -4 && d.exp10 < 16),
                    keepPointZero: true, plusSign: false)
    }

    /// The number of bytes `render` writes.
    func length(negative: Bool, _ d: DecimalDigits) -> Int {
        let sign = negative || plusSign ? 1 : 0
        let pointZero = keepPointZero ? 2 : 0
        if positional {
            if d.count == 0 { return sign + 1 + pointZero }
            if d.exp10 >= 0 {
                let whole = d.exp10 + 1
                return sign + (d.count > whole ? d.count + 1 : whole + pointZero)
            }
            return sign + 1 + -d.exp10 + d.count
        }
        let magnitude = d.count == 0 ? 0 : (d.exp10 < 0 ? -d.exp10 : d.exp10)
        let exponentDigits = magnitude >= 1000 ? 4 : magnitude >= 100 ? 3 : 2
        return sign + 1 + (d.count > 1 ? d.count : 0) + 2 + exponentDigits
    }

    /// The text of `digits` (a finite value; `d.count == 0` is zero) with the given sign.
    func render(negative: Bool, digits: UnsafePointer<UInt8>, _ d: DecimalDigits) -> String {
        let magnitude = d.exp10 < 0 ? -d.exp10 : d.exp10
        // The exact length: up to 15 bytes String stores inline, without allocating.
        return String(unsafeUninitializedCapacity: length(negative: negative, d)) { out in
            var p = 0
            if negative {
                out[p] = UInt8(ascii: "-"); p += 1
            } else if plusSign {
                out[p] = UInt8(ascii: "+"); p += 1
            }
            let zero = UInt8(ascii: "0")
            if positional {
                if d.count == 0 {
                    out[p] = zero; p += 1
                    if keepPointZero {
                        out[p] = UInt8(ascii: "."); out[p + 1] = zero; p += 2
                    }
                } else if d.exp10 >= 0 {
                    let whole = d.exp10 + 1
                    for i in 0..<whole {
                        out[p] = i < d.count ? digits[i] : zero; p += 1
                    }
                    if d.count > whole {
                        out[p] = UInt8(ascii: "."); p += 1
                        for i in whole..<d.count {
                            out[p] = digits[i]; p += 1
                        }
                    } else if keepPointZero {
                        out[p] = UInt8(ascii: "."); out[p + 1] = zero; p += 2
                    }
                } else {
                    out[p] = zero; out[p + 1] = UInt8(ascii: "."); p += 2
                    for _ in 0..<(-d.exp10 - 1) {
                        out[p] = zero; p += 1
                    }
                    for i in 0..<d.count {
                        out[p] = digits[i]; p += 1
                    }
                }
            } else {
                out[p] = d.count == 0 ? zero : digits[0]; p += 1
                if d.count > 1 {
                    out[p] = UInt8(ascii: "."); p += 1
                    for i in 1..<d.count {
                        out[p] = digits[i]; p += 1
                    }
                }
                out[p] = UInt8(ascii: "e")
                out[p + 1] = d.exp10 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
                p += 2
                // At least two exponent digits, like numpy and Python.
                var e = d.count == 0 ? 0 : magnitude
                var width = 1
                var scale = 1
                while scale * 10 <= e {
                    scale *= 10
                    width += 1
                }
                if width < 2 {
                    out[p] = zero; p += 1
                }
                while scale > 0 {
                    out[p] = zero + UInt8(e / scale); p += 1
                    e %= scale
                    scale /= 10
                }
            }
            return p
        }
    }
}
