import Foundation
import NPYFormat
import Testing

// Every expected string here comes from numpy, through the fixture files written by
// Tests/Fixtures/gen_format_cases.py (into Tests/Fixtures/generated/format, not committed).

// MARK: - fixtures

struct FloatCase: Decodable, Sendable {
    let bits: String
    let str: String
    let json: String?
}

struct FloatFixtures: Decodable, Sendable {
    let f2: [FloatCase]
    let f4: [FloatCase]
    let f8: [FloatCase]
    let f10: [FloatCase]
    let f10Noncanonical: [FloatCase]

    enum CodingKeys: String, CodingKey {
        case f2, f4, f8, f10
        case f10Noncanonical = "f10_noncanonical"
    }
}

struct ComplexCase: Decodable, Sendable {
    let re: String
    let im: String
    let str: String
}

struct ComplexFixtures: Decodable, Sendable {
    let c8: [ComplexCase]
    let c16: [ComplexCase]
    let c20: [ComplexCase]
}

struct TimeCase: Decodable, Sendable {
    let unit: String
    let count: Int
    let value: Int64
    let text: String
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

enum FormatFixtures {
    /// The package root is three levels above this file.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/generated/format")

    static let floats: Result<FloatFixtures, any Error> = load("floats.json")
    static let complex: Result<ComplexFixtures, any Error> = load("complex.json")
    static let datetimes: Result<[TimeCase], any Error> = load("datetime.json")
    static let timedeltas: Result<[TimeCase], any Error> = load("timedelta.json")

    static func load<T: Decodable>(_ name: String) -> Result<T, any Error> {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(FixtureError(description: """
                missing fixture \(url.path): generate the numpy fixtures with \
                `python3 Tests/Fixtures/gen_format_cases.py Tests/Fixtures/generated/format` \
                (from the package root; needs numpy)
                """))
        }
        return Result { try JSONDecoder().decode(T.self, from: data) }
    }
}

/// Counts mismatches and records the first few as issues.
struct Mismatches {
    var count = 0
    var checked = 0

    mutating func check(_ got: String, _ expected: String, _ context: @autoclosure () -> String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        checked += 1
        guard got != expected else { return }
        count += 1
        if count <= 10 {
            Issue.record("\(context()): got \(got), numpy \(expected)", sourceLocation: sourceLocation)
        }
    }
}

func hexBits<T: FixedWidthInteger>(_ s: String, as _: T.Type = T.self) -> T {
    T(s, radix: 16)!
}

/// True when `text` matches RFC 8259's number grammar:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
/// (JSONSerialization cannot judge: it refuses numbers beyond the double range.)
func isJSONNumber(_ text: String) -> Bool {
    let b = Array(text.utf8)
    var i = 0
    func digits() -> Int {
        let start = i
        while i < b.count && b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") { i += 1 }
        return i - start
    }
    if i < b.count && b[i] == UInt8(ascii: "-") { i += 1 }
    if i < b.count && b[i] == UInt8(ascii: "0") {
        i += 1
    } else if digits() == 0 {
        return false
    }
    if i < b.count && b[i] == UInt8(ascii: ".") {
        i += 1
        if digits() == 0 { return false }
    }
    if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
        i += 1
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        if digits() == 0 { return false }
    }
    return i == b.count
}

// MARK: - floats

@Suite("Formatting: floats")
struct FloatFormattingTests {
    @Test func float16StrAndJSONForEveryValue() throws {
        let cases = try FormatFixtures.floats.get().f2
        #expect(cases.count == 65536)
        var m = Mismatches()
        for c in cases {
            let x = Float16(bitPattern: hexBits(c.bits))
            m.check(ScalarFormat.text(x), c.str, "f2 \(c.bits) str")
            m.check(ScalarFormat.json(x), c.json!, "f2 \(c.bits) json")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) float16 texts differ from numpy")
    }

    @Test func float32StrAndJSON() throws {
        let cases = try FormatFixtures.floats.get().f4
        var m = Mismatches()
        for c in cases {
            let x = Float(bitPattern: hexBits(c.bits))
            m.check(ScalarFormat.text(x), c.str, "f4 \(c.bits) str")
            m.check(ScalarFormat.json(x), c.json!, "f4 \(c.bits) json")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) float32 texts differ from numpy")
    }

    @Test func float64StrAndJSON() throws {
        let cases = try FormatFixtures.floats.get().f8
        var m = Mismatches()
        for c in cases {
            let x = Double(bitPattern: hexBits(c.bits))
            m.check(ScalarFormat.text(x), c.str, "f8 \(c.bits) str")
            m.check(ScalarFormat.json(x), c.json!, "f8 \(c.bits) json")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) float64 texts differ from numpy")
    }

    @Test func jsonTextsAreJSONNumbersThatRoundTrip() throws {
        let f = try FormatFixtures.floats.get()
        var bad: [String] = []
        func verify(_ kind: String, _ c: FloatCase, _ json: String, _ roundTrips: (String) -> Bool) {
            if json.hasPrefix("\"") {
                if !["\"nan\"", "\"inf\"", "\"-inf\""].contains(json) { bad.append("\(kind) \(c.bits): \(json)") }
            } else if !isJSONNumber(json) || !roundTrips(json) {
                bad.append("\(kind) \(c.bits): \(json)")
            }
        }
        for c in f.f2 {
            let x = Float16(bitPattern: hexBits(c.bits))
            verify("f2", c, ScalarFormat.json(x)) { Float16(Double($0)!).bitPattern == x.bitPattern }
        }
        for c in f.f4 {
            let x = Float(bitPattern: hexBits(c.bits))
            verify("f4", c, ScalarFormat.json(x)) { Float($0)!.bitPattern == x.bitPattern }
        }
        for c in f.f8 {
            let x = Double(bitPattern: hexBits(c.bits))
            verify("f8", c, ScalarFormat.json(x)) { Double($0)!.bitPattern == x.bitPattern }
        }
        #if arch(x86_64)
        for c in f.f10 {
            let x = longDouble(c.bits)
            verify("f10", c, ScalarFormat.json(x)) { text in
                let y = Float80(text)!
                return y.sign == x.sign && y.exponentBitPattern == x.exponentBitPattern
                    && y.significandBitPattern == x.significandBitPattern
            }
        }
        #endif
        #expect(bad.count == 0, "not valid round-tripping JSON: \(bad.prefix(10))")
    }

    #if arch(x86_64)
    /// A canonical Float80 from "SSSS" + "MMMMMMMMMMMMMMMM" (sign+exponent, significand) hex.
    func longDouble(_ bits: String) -> Float80 {
        let (hi, lo) = longDoubleFields(bits)
        return Float80(sign: hi & 0x8000 != 0 ? .minus : .plus,
                       exponentBitPattern: UInt(hi & 0x7fff),
                       significandBitPattern: lo & ((1 << 63) - 1))
    }

    @Test func longDoubleStrAndJSON() throws {
        let cases = try FormatFixtures.floats.get().f10
        var m = Mismatches()
        for c in cases {
            let x = longDouble(c.bits)
            let (hi, lo) = longDoubleFields(c.bits)
            m.check(ScalarFormat.text(x), c.str, "f10 \(c.bits) str")
            m.check(ScalarFormat.json(x), c.json!, "f10 \(c.bits) json")
            m.check(ScalarFormat.longDoubleText(significand: lo, signAndExponent: hi), c.str, "f10 \(c.bits) bits str")
            m.check(ScalarFormat.longDoubleJSON(significand: lo, signAndExponent: hi), c.json!, "f10 \(c.bits) bits json")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) longdouble texts differ from numpy")
    }

    @Test func longDoubleNonCanonicalEncodingsPrintAsNumpyDoes() throws {
        let cases = try FormatFixtures.floats.get().f10Noncanonical
        #expect(!cases.isEmpty)
        var m = Mismatches()
        for c in cases {
            let (hi, lo) = longDoubleFields(c.bits)
            m.check(ScalarFormat.longDoubleText(significand: lo, signAndExponent: hi), c.str, "f10 \(c.bits)")
            // The JSON text of the same fields is a JSON number or one of the quoted specials.
            let json = ScalarFormat.longDoubleJSON(significand: lo, signAndExponent: hi)
            #expect(isJSONNumber(json) || json.hasPrefix("\""), "\(c.bits): \(json)")
        }
        #expect(m.count == 0)
    }
    #endif
}

func longDoubleFields(_ bits: String) -> (UInt16, UInt64) {
    (hexBits(String(bits.prefix(4))), hexBits(String(bits.dropFirst(4))))
}

// MARK: - complex

@Suite("Formatting: complex")
struct ComplexFormattingTests {
    @Test func complex64() throws {
        var m = Mismatches()
        for c in try FormatFixtures.complex.get().c8 {
            let re = Float(bitPattern: hexBits(c.re))
            let im = Float(bitPattern: hexBits(c.im))
            m.check(ScalarFormat.complexText(re: re, im: im), c.str, "c8 \(c.re) \(c.im)")
        }
        #expect(m.count == 0 && m.checked > 0)
    }

    @Test func complex128() throws {
        var m = Mismatches()
        for c in try FormatFixtures.complex.get().c16 {
            let re = Double(bitPattern: hexBits(c.re))
            let im = Double(bitPattern: hexBits(c.im))
            m.check(ScalarFormat.complexText(re: re, im: im), c.str, "c16 \(c.re) \(c.im)")
        }
        #expect(m.count == 0 && m.checked > 0)
    }

    #if arch(x86_64)
    @Test func complexLongDouble() throws {
        var m = Mismatches()
        for c in try FormatFixtures.complex.get().c20 {
            let (rh, rl) = longDoubleFields(c.re)
            let (ih, il) = longDoubleFields(c.im)
            let re = Float80(sign: rh & 0x8000 != 0 ? .minus : .plus, exponentBitPattern: UInt(rh & 0x7fff),
                             significandBitPattern: rl & ((1 << 63) - 1))
            let im = Float80(sign: ih & 0x8000 != 0 ? .minus : .plus, exponentBitPattern: UInt(ih & 0x7fff),
                             significandBitPattern: il & ((1 << 63) - 1))
            m.check(ScalarFormat.complexText(re: re, im: im), c.str, "c20 \(c.re) \(c.im)")
        }
        #expect(m.count == 0 && m.checked > 0)
    }
    #endif
}

// MARK: - datetime64 and timedelta64

@Suite("Formatting: datetime64 and timedelta64")
struct DateTimeFormattingTests {
    @Test(arguments: DateTimeUnit.allCases)
    func datetimeAsString(unit: DateTimeUnit) throws {
        let cases = try FormatFixtures.datetimes.get().filter { $0.unit == unit.rawValue }
        #expect(!cases.isEmpty)
        var m = Mismatches()
        for c in cases {
            m.check(ScalarFormat.datetime(c.value, unit: unit, count: c.count), c.text,
                    "M8[\(c.count)\(c.unit)] \(c.value)")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) datetime64[\(unit.rawValue)] texts differ")
    }

    @Test(arguments: DateTimeUnit.allCases)
    func timedeltaStr(unit: DateTimeUnit) throws {
        let cases = try FormatFixtures.timedeltas.get().filter { $0.unit == unit.rawValue }
        #expect(!cases.isEmpty)
        var m = Mismatches()
        for c in cases {
            m.check(ScalarFormat.timedeltaText(c.value, unit: unit, count: c.count), c.text,
                    "m8[\(c.count)\(c.unit)] \(c.value)")
        }
        #expect(m.count == 0, "\(m.count) of \(m.checked) timedelta64[\(unit.rawValue)] texts differ")
    }
}
