// Shortest round-trip decimal digits of binary floating-point values.
//
// numpy prints floats with Dragon4 in "unique" mode: the fewest significant digits
// that read back as the same value in the element's own type, the closest such
// digits when several qualify, ties to an even last digit, interval ends included
// when the significand is even. Swift's `description` for Float, Double and Float80
// produces exactly these digits (checked against numpy on about 300,000 values per
// type, random bit patterns and decimal-looking values, and by the fixture tests from
// Tests/Fixtures/gen_format_cases.py), so those types parse their description.
// Float16's description prints integers from 4096 up exactly instead of shortest
// ("65504.0" where the shortest digits are 655e2), so Float16 has its own exact
// implementation below.

/// A decimal `0.d1d2d3... * 10^(exp10 + 1)`: `count` ASCII digits (no leading or
/// trailing zeros; `count == 0` means zero) and the decimal exponent of the first digit.
struct DecimalDigits {
    var count: Int
    var exp10: Int
}

/// Room for the digits of any supported type (Float80 needs at most 21).
let digitCapacity = 40

enum FloatDigits {
    /// Reads the digits and exponent out of a Swift float description such as
    /// `"123.45"`, `"1.5e-05"`, `"1e+16"`, `"0.0001"` or `"-0.0"`. The sign is ignored.
    static func parse(description utf8: UnsafeBufferPointer<UInt8>,
                      into digits: UnsafeMutablePointer<UInt8>) -> DecimalDigits {
        var i = 0
        let n = utf8.count
        if i < n && utf8[i] == UInt8(ascii: "-") { i += 1 }
        var count = 0
        var mantissaDigits = 0
        var pointAt = -1
        var leadingZeros = 0
        while i < n {
            let c = utf8[i]
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { break }
            if c == UInt8(ascii: ".") {
                pointAt = mantissaDigits
            } else {
                mantissaDigits += 1
                if count == 0 && c == UInt8(ascii: "0") {
                    leadingZeros += 1
                } else if count < digitCapacity {
                    digits[count] = c
                    count += 1
                }
            }
            i += 1
        }
        if pointAt < 0 { pointAt = mantissaDigits }
        var exponent = 0
        if i < n {
            i += 1  // the "e"
            var negativeExponent = false
            if i < n && (utf8[i] == UInt8(ascii: "-") || utf8[i] == UInt8(ascii: "+")) {
                negativeExponent = utf8[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < n {
                exponent = exponent * 10 + Int(utf8[i] &- UInt8(ascii: "0"))
                i += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        while count > 0 && digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
        if count == 0 { return DecimalDigits(count: 0, exp10: 0) }
        return DecimalDigits(count: count, exp10: pointAt - 1 - leadingZeros + exponent)
    }

    /// Shortest digits of `value` via its description (Float, Double, Float80).
    ///
    /// `write(to:)` hands the description's ASCII bytes from a stack buffer straight to
    /// `_writeASCII` (a public requirement of TextOutputStream), which saves allocating
    /// a String per value. Should a future standard library call `write(_: String)`
    /// instead, the result is the same, only slower.
    @inline(__always)
    static func shortest<T: TextOutputStreamable>(
        _ value: T, into digits: UnsafeMutablePointer<UInt8>
    ) -> DecimalDigits {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DescriptionSink.capacity) { raw in
            var sink = DescriptionSink(bytes: raw.baseAddress!)
            value.write(to: &sink)
            if sink.overflowed {
                var text = String(describing: value)
                return text.withUTF8 { parse(description: $0, into: digits) }
            }
            return parse(description: UnsafeBufferPointer(start: raw.baseAddress!, count: sink.count),
                         into: digits)
        }
    }

    /// Shortest digits of a float16 given by its bits, computed exactly the way
    /// numpy's Dragon4 does (Burger and Dybvig's free-format algorithm).
    static func shortest(float16Bits bits: UInt16,
                         into digits: UnsafeMutablePointer<UInt8>) -> DecimalDigits {
        let fraction = UInt64(bits & 0x3ff)
        let biased = Int((bits >> 10) & 0x1f)
        let mantissa: UInt64
        let exponent: Int
        var unequalMargins = false
        if biased != 0 {
            mantissa = 0x400 | fraction
            exponent = biased - 25
            unequalMargins = biased != 1 && fraction == 0
        } else {
            mantissa = fraction
            exponent = -24
        }
        if mantissa == 0 { return DecimalDigits(count: 0, exp10: 0) }

        // Everything is scaled by 2^26 * 10^12 so that the value, both rounding
        // margins and every decimal digit position in reach are integers:
        // value = mantissa * 2^exponent with exponent >= -24; the smallest margin is
        // 2^(exponent - 2); float16 values lie in [6e-8, 65504] and need <= 5 digits.
        let shift = exponent + 26                       // 2 ... 31
        let tenTo12: UInt128 = 1_000_000_000_000
        let value = (UInt128(mantissa) << shift) * tenTo12
        let marginHigh = (UInt128(1) << (shift - 1)) * tenTo12
        let marginLow = unequalMargins ? (UInt128(1) << (shift - 2)) * tenTo12 : marginHigh
        let isEven = mantissa & 1 == 0

        // unit(k) = 2^26 * 10^(k + 12) is the size of one unit in the 10^k digit.
        var k = 4
        var unit = (UInt128(1) << 26) * pow10(k + 12)
        while unit > value {
            k -= 1
            unit /= 10
        }
        while true {
            let (q, r) = value.quotientAndRemainder(dividingBy: unit)
            let low = isEven ? r <= marginLow : r < marginLow
            let high = isEven ? unit - r <= marginHigh : unit - r < marginHigh
            if low || high {
                var roundDown = low
                if low == high {
                    let twice = r << 1
                    roundDown = twice < unit || (twice == unit && q & 1 == 0)
                }
                return write(UInt64(roundDown ? q : q + 1), lastDigitExponent: k, into: digits)
            }
            k -= 1
            unit /= 10
        }
    }

    private static func pow10(_ n: Int) -> UInt128 {
        var p: UInt128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// Writes the digits of `d * 10^lastDigitExponent` (d > 0) without trailing zeros.
    private static func write(_ d: UInt64, lastDigitExponent: Int,
                              into digits: UnsafeMutablePointer<UInt8>) -> DecimalDigits {
        var count = 0
        var n = d
        while n > 0 {
            count += 1
            n /= 10
        }
        n = d
        for i in stride(from: count - 1, through: 0, by: -1) {
            digits[i] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        }
        let exp10 = lastDigitExponent + count - 1
        while digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
        return DecimalDigits(count: count, exp10: exp10)
    }
}

/// Collects a float's description into a fixed buffer.
struct DescriptionSink: TextOutputStream {
    /// Longer than any float description ("-1.189731495357231765e+4932" is 27 bytes).
    static let capacity = 64

    let bytes: UnsafeMutablePointer<UInt8>
    var count = 0
    var overflowed = false

    init(bytes: UnsafeMutablePointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        append(buffer)
    }

    mutating func write(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0) }
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard count + buffer.count <= Self.capacity else {
            overflowed = true
            return
        }
        for i in 0..<buffer.count { bytes[count + i] = buffer[i] }
        count += buffer.count
    }
}
