/// The units of numpy's datetime64 and timedelta64 (`generic` is the unit-less `M8`/`m8`).
public enum DateTimeUnit: String, Sendable, CaseIterable {
    /// No unit (`M8`, `m8`): only NaT is a valid datetime.
    case generic = ""
    /// Years.
    case Y
    /// Months.
    case M
    /// Weeks (datetimes print as days).
    case W
    /// Days.
    case D
    /// Hours.
    case h
    /// Minutes.
    case m
    /// Seconds.
    case s
    /// Milliseconds.
    case ms
    /// Microseconds.
    case us
    /// Nanoseconds.
    case ns
    /// Picoseconds.
    case ps
    /// Femtoseconds.
    case fs
    /// Attoseconds.
    case `as`
}

/// numpy-compatible text of scalar values: `str()` for display, shortest round-trip JSON numbers, datetimes.
///
/// Floats: numpy prints the shortest digits that round-trip in the element's own type,
/// positional when `1e-4 <= |x| < threshold` (and for zero and NaN), scientific otherwise.
/// The threshold is 1e16 for float64 and longdouble, 1e6 for float32 and 1e3 for float16
/// (numpy >= 2.0; checked against numpy 2.4). The comparison uses the value itself, so the
/// float32 nearest to 1e-4 (slightly below it) prints `1e-04`.
///
/// JSON numbers use the same digits laid out like Python's float `repr` (positional for
/// decimal exponents -4 through 15), so float64 JSON equals `repr(float(x))`.
public enum ScalarFormat {

    // MARK: - str()

    /// numpy's `str()` of a float64 scalar: `0.1`, `1e+16`, `1.5e-05`, `nan`, `-inf`, `-0.0`, `100.0`.
    public static func text(_ x: Double) -> String {
        if !x.isFinite { return nonFiniteText(isNaN: x.isNaN, negative: x.sign == .minus) }
        let layout = FloatLayout.scalar(positional: isPositional(x.magnitude))
        return format(negative: x.sign == .minus, { _ in layout }) { FloatDigits.shortest(x, into: $0) }
    }

    /// numpy's `str()` of a float32 scalar: shortest float32 digits, scientific from 1e6 and below 1e-4.
    public static func text(_ x: Float) -> String {
        if !x.isFinite { return nonFiniteText(isNaN: x.isNaN, negative: x.sign == .minus) }
        let layout = FloatLayout.scalar(positional: isPositional(x.magnitude))
        return format(negative: x.sign == .minus, { _ in layout }) { FloatDigits.shortest(x, into: $0) }
    }

    /// numpy's `str()` of a float16 scalar: shortest float16 digits, scientific from 1e3 and below 1e-4.
    public static func text(_ x: Float16) -> String {
        if !x.isFinite { return nonFiniteText(isNaN: x.isNaN, negative: x.sign == .minus) }
        let layout = FloatLayout.scalar(positional: isPositional(x.magnitude))
        return format(negative: x.sign == .minus, { _ in layout }) {
            FloatDigits.shortest(float16Bits: x.bitPattern, into: $0)
        }
    }

    // MARK: - JSON

    /// JSON text of a float64: Python's `repr(float(x))`; NaN and infinities as the JSON strings `"nan"`, `"inf"`, `"-inf"`.
    public static func json(_ x: Double) -> String {
        if !x.isFinite { return nonFiniteJSON(isNaN: x.isNaN, negative: x.sign == .minus) }
        return format(negative: x.sign == .minus, FloatLayout.json) { FloatDigits.shortest(x, into: $0) }
    }

    /// JSON text of a float32: the shortest digits that round-trip in float32, laid out like Python's float repr.
    public static func json(_ x: Float) -> String {
        if !x.isFinite { return nonFiniteJSON(isNaN: x.isNaN, negative: x.sign == .minus) }
        return format(negative: x.sign == .minus, FloatLayout.json) { FloatDigits.shortest(x, into: $0) }
    }

    /// JSON text of a float16: the shortest digits that round-trip in float16, laid out like Python's float repr.
    public static func json(_ x: Float16) -> String {
        if !x.isFinite { return nonFiniteJSON(isNaN: x.isNaN, negative: x.sign == .minus) }
        return format(negative: x.sign == .minus, FloatLayout.json) {
            FloatDigits.shortest(float16Bits: x.bitPattern, into: $0)
        }
    }

    // MARK: - complex

    /// numpy's `str()` of a complex64 scalar: `(1+2j)`, `0j`, `-0j`, `(nan+infj)`, `(1e+06+100j)`.
    public static func complexText(re: Float, im: Float) -> String {
        complexText(re, im) { isPositional($0) }
    }

    /// numpy's `str()` of a complex128 scalar: `(1+2j)`, `0j`, `(-0+0j)`, `(1e+16+1e-05j)`, `1e+20j`.
    public static func complexText(re: Double, im: Double) -> String {
        complexText(re, im) { isPositional($0) }
    }

    // MARK: - datetime64 and timedelta64

    /// `np.datetime_as_string` of a `datetime64[count unit]` value (numpy 2.4, whose
    /// arithmetic wraps on int64 overflow); `NaT` for int64.min. Generic-unit values other
    /// than NaT, which numpy refuses to convert, give the plain integer.
    public static func datetime(_ value: Int64, unit: DateTimeUnit, count: Int) -> String {
        DateTimeText.datetime(value, unit: unit, count: Int64(truncatingIfNeeded: count))
    }

    /// numpy's `str()` of a `timedelta64[count unit]` scalar: `5 days`, `-3 seconds`, `7 generic time units`, `NaT`.
    public static func timedeltaText(_ value: Int64, unit: DateTimeUnit, count: Int) -> String {
        DateTimeText.timedelta(value, unit: unit, count: Int64(truncatingIfNeeded: count))
    }

    // MARK: - helpers

    static func isPositional(_ magnitude: Double) -> Bool {
        magnitude == 0 || (magnitude < 1e16 && magnitude >= 1e-4)
    }

    static func isPositional(_ magnitude: Float) -> Bool {
        // numpy compares against the long double 1e-4; no float32 lies between that and
        // the double 1e-4, but the float32 literal 1e-4 would be wrong: compare in Double.
        magnitude == 0 || (magnitude < 1e6 && Double(magnitude) >= 1e-4)
    }

    static func isPositional(_ magnitude: Float16) -> Bool {
        magnitude == 0 || (magnitude < 1000 && Double(magnitude) >= 1e-4)
    }

    static func nonFiniteText(isNaN: Bool, negative: Bool) -> String {
        isNaN ? "nan" : negative ? "-inf" : "inf"
    }

    static func nonFiniteJSON(isNaN: Bool, negative: Bool) -> String {
        isNaN ? "\"nan\"" : negative ? "\"-inf\"" : "\"inf\""
    }

    /// Fills a stack buffer with the digits and renders them with the chosen layout.
    @inline(__always)
    static func format(negative: Bool, _ layout: (DecimalDigits) -> FloatLayout,
                       _ fill: (UnsafeMutablePointer<UInt8>) -> DecimalDigits) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digitCapacity) { buffer in
            let digits = buffer.baseAddress!
            let d = fill(digits)
            return layout(d).render(negative: negative, digits: digits, d)
        }
    }

    /// numpy's complex `str()`: a real part of +0 is left out; otherwise `(re±imj)`.
    static func complexText<T: BinaryFloatingPoint & TextOutputStreamable>(
        _ re: T, _ im: T, positional: (T) -> Bool
    ) -> String {
        func part(_ v: T, plusSign: Bool) -> String {
            let layout = FloatLayout.complexPart(positional: positional(v.magnitude), plusSign: plusSign)
            return format(negative: v.sign == .minus, { _ in layout }) { FloatDigits.shortest(v, into: $0) }
        }
        if re == 0 && re.sign == .plus {
            if im.isNaN { return "nanj" }
            if im.isInfinite { return im < 0 ? "-infj" : "infj" }
            return part(im, plusSign: false) + "j"
        }
        let r = re.isNaN ? "nan" : re.isInfinite ? (re < 0 ? "-inf" : "inf") : part(re, plusSign: false)
        let i = im.isNaN ? "+nan" : im.isInfinite ? (im < 0 ? "-inf" : "+inf") : part(im, plusSign: true)
        return "(" + r + i + "j)"
    }
}
