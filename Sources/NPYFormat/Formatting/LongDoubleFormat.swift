// numpy's longdouble on x86-64 Linux is the x87 80-bit extended format (`<f16` in
// files: 10 bytes of value, 6 of padding), which Swift has as Float80 on x86 only.
#if !(os(Windows) || os(Android)) && (arch(i386) || arch(x86_64))

extension ScalarFormat {
    /// numpy's `str()` of a longdouble scalar: shortest 80-bit digits, e.g. `0.1`, `1e+16`, `3.6e-4951`.
    public static func text(_ x: Float80) -> String {
        if !x.isFinite { return nonFiniteText(isNaN: x.isNaN, negative: x.sign == .minus) }
        let layout = FloatLayout.scalar(positional: isPositional(x.magnitude))
        return format(negative: x.sign == .minus, { _ in layout }) { FloatDigits.shortest(x, into: $0) }
    }

    /// JSON text of a longdouble: the shortest digits that round-trip in 80 bits, laid out like Python's float repr.
    public static func json(_ x: Float80) -> String {
        if !x.isFinite { return nonFiniteJSON(isNaN: x.isNaN, negative: x.sign == .minus) }
        return format(negative: x.sign == .minus, FloatLayout.json) { FloatDigits.shortest(x, into: $0) }
    }

    /// numpy's `str()` of a clongdouble scalar: `(1+2j)`, `(0.1+0.1j)`, `1e+20j`.
    public static func complexText(re: Float80, im: Float80) -> String {
        complexText(re, im) { isPositional($0) }
    }

    /// numpy's `str()` of an 80-bit longdouble given by its raw fields (bytes 0-7 and 8-9,
    /// little-endian), reproducing numpy for encodings the FPU rejects as well.
    ///
    /// Loading such bytes as a `Float80` goes through the x87 unit, which turns
    /// unnormals into NaN; numpy instead prints them from their bits: the explicit
    /// integer bit is ignored, unnormals (exponent set, integer bit clear) print
    /// positionally, pseudo-denormals (exponent 0, integer bit set) in scientific form.
    public static func longDoubleText(significand: UInt64, signAndExponent: UInt16) -> String {
        let fields = LongDoubleFields(significand: significand, signAndExponent: signAndExponent)
        guard let value = fields.value else {
            return nonFiniteText(isNaN: fields.isNaN, negative: fields.negative)
        }
        switch fields.kind {
        case .canonical:
            return text(value)
        case .unnormal, .pseudoDenormal:
            let layout = FloatLayout.scalar(positional: fields.kind == .unnormal)
            return format(negative: fields.negative, { _ in layout }) {
                FloatDigits.shortest(value, into: $0)
            }
        }
    }

    /// JSON text of an 80-bit longdouble given by its raw fields; non-canonical encodings
    /// read as numpy's printer reads them (see `longDoubleText`).
    public static func longDoubleJSON(significand: UInt64, signAndExponent: UInt16) -> String {
        let fields = LongDoubleFields(significand: significand, signAndExponent: signAndExponent)
        guard let value = fields.value else {
            return nonFiniteJSON(isNaN: fields.isNaN, negative: fields.negative)
        }
        return format(negative: fields.negative, FloatLayout.json) { FloatDigits.shortest(value, into: $0) }
    }

    static func isPositional(_ magnitude: Float80) -> Bool {
        magnitude == 0 || (magnitude < 1e16 && magnitude >= 1e-4)
    }
}

/// The fields of an x87 extended value, read the way numpy's Dragon4 reads them.
struct LongDoubleFields {
    enum Kind { case canonical, unnormal, pseudoDenormal }

    let negative: Bool
    let kind: Kind
    /// The value numpy prints (integer bit ignored), or nil for infinities and NaNs.
    let value: Float80?
    let isNaN: Bool

    init(significand: UInt64, signAndExponent: UInt16) {
        negative = signAndExponent & 0x8000 != 0
        let exponent = signAndExponent & 0x7fff
        let fraction = significand & ((1 << 63) - 1)
        let integerBit = significand >> 63 != 0
        if exponent == 0x7fff {
            kind = .canonical
            value = nil
            isNaN = fraction != 0
            return
        }
        isNaN = false
        if exponent == 0 {
            kind = integerBit ? .pseudoDenormal : .canonical
        } else {
            kind = integerBit ? .canonical : .unnormal
        }
        value = Float80(sign: negative ? .minus : .plus,
                        exponentBitPattern: UInt(exponent), significandBitPattern: fraction)
    }
}

#endif
