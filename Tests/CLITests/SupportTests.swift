import Testing

/// The test helpers themselves: the JSON parser and the float comparison.
@Suite("test support")
struct SupportTests {
    @Test func parsesNumbersAsText() throws {
        let v = try JSONTextParser.parse(#"{"a": [1.50, -0, 1e+16, "x\u00e9\ud83d\ude00"], "b": null, "c": true}"#)
        #expect(v["a"] == .array([.number("1.50"), .number("-0"), .number("1e+16"), .string("xé😀")]))
        #expect(v["b"] == .null)
        #expect(v["c"] == .bool(true))
    }

    @Test(arguments: ["", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u{01}\"", "[1] x", "nan", "-"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONTextParser.parse(text) }
    }

    @Test func floatsCompareBitExactInTheirOwnType() {
        #expect(Compare.compareFloat(expected: "6.55e+04", actual: "65500", kind: .f16) == nil)
        #expect(Compare.compareFloat(expected: "6.55e+04", actual: "65504.0", kind: .f16) != nil, "not shortest")
        #expect(Compare.compareFloat(expected: "0.1", actual: "0.10000000149011612", kind: .f32) != nil)
        #expect(Compare.compareFloat(expected: "0.1", actual: "1e-1", kind: .f32) == nil)
        #expect(Compare.compareFloat(expected: "-0", actual: "0.0", kind: .f64) != nil, "sign of zero")
        #expect(Compare.compareFloat(expected: "-0", actual: "-0.0", kind: .f64) == nil)
        #expect(Compare.compareFloat(expected: "5e-324", actual: "4.9406564584124654e-324", kind: .f64) != nil)
        #expect(Compare.compareFloat(expected: "0.33333333333333333334", actual: "0.3333333333333333", kind: .f80) != nil)
        #expect(Compare.compareFloat(expected: "4e-4951", actual: "4e-4951", kind: .f80) == nil)
    }

    @Test func structuredValuesUseKindsPerField() throws {
        let kinds = try JSONTextParser.parse(#"{"x": "f32", "n": "x"}"#)
        let e = try JSONTextParser.parse(#"[{"x": 0.1, "n": 3}, {"x": "nan", "n": 4}]"#)
        let same = try JSONTextParser.parse(#"[{"n": 3, "x": 1e-1}, {"x": "nan", "n": 4}]"#)
        let other = try JSONTextParser.parse(#"[{"x": 0.1, "n": 3.0}, {"x": 0, "n": 4}]"#)
        #expect(Compare.values(expected: e, actual: same, kinds: kinds).isEmpty)
        #expect(Compare.values(expected: e, actual: other, kinds: kinds).count == 2)
    }

    @Test func errorMembersOnlyNeedAMessage() throws {
        let e = try JSONTextParser.parse(#"{"name": "a", "error": "mine"}"#)
        #expect(Compare.info(expected: e, actual: try JSONTextParser.parse(#"{"error": "theirs", "name": "a"}"#)).isEmpty)
        #expect(!Compare.info(expected: e, actual: try JSONTextParser.parse(#"{"name": "a", "npy": {}}"#)).isEmpty)
    }
}
