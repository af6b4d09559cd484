import Foundation
import Testing
@testable import NPYFormat

/// Slicing and dtype facts checked against numpy (Tests/Fixtures/gen_core_cases.py).
@Suite struct CoreCases {
    static func cases() throws -> [String: Any] {
        try Fixtures.json("core_cases.json", generator: "gen_core_cases.py") as! [String: Any]
    }

    @Test func basicIndexingMatchesNumpy() throws {
        let slices = try Self.cases()["slices"] as! [[String: Any]]
        #expect(slices.count >= 300)
        for c in slices {
            let shape = c["shape"] as! [Int]
            let text = c["slice"] as! String
            let view = ArrayView(shape: shape, fortranOrder: c["fortran"] as! Bool)
            let expr = try SliceExpression.parse(text)
            if let err = c["index_error"] as? String {
                #expect(throws: FormatError.self, "numpy: \(err) for \(shape)\(text)") { try view.applying(expr) }
                continue
            }
            let r = try view.applying(expr)
            #expect(r.shape == c["result_shape"] as! [Int], "\(shape)\(text)")
            // Walk the view in C order and compare storage indices with numpy's values of arange.
            var got: [Int] = []
            var idx = [Int](repeating: 0, count: r.shape.count)
            if r.count > 0 {
                outer: while true {
                    got.append(r.storageIndex(idx))
                    var k = idx.count - 1
                    while k >= 0 {
                        idx[k] += 1
                        if idx[k] < r.shape[k] { continue outer }
                        idx[k] = 0
                        k -= 1
                    }
                    break
                }
            }
            #expect(got == c["storage"] as! [Int], "\(shape) fortran=\(c["fortran"]!) \(text)")
        }
    }

    @Test func descrsGiveNumpysDtypeFacts() throws {
        let dtypes = try Self.cases()["dtypes"] as! [[String: Any]]
        for d in dtypes {
            let repr = d["descr_repr"] as! String
            let lit = try PyLiteralParser.parse(repr, base: 0, inflated: false, utf8Offsets: false)
            let dt = try DType.fromDescr(lit)
            #expect(dt.str == d["str"] as! String, "\(repr)")
            #expect(dt.itemsize == d["itemsize"] as! Int, "\(repr)")
            #expect(dt.fields?.map(\.name) == d["fields"] as? [String], "\(repr)")
        }
    }
}

@Suite struct SliceSyntax {
    @Test(arguments: ["[1:2:0]", "[..., ...]", "[1:2:3:4]", "[a]", "[1.5]", "[1", "[,]"])
    func rejectsBadSyntax(_ text: String) {
        #expect(throws: SliceSyntaxError.self) { try SliceExpression.parse(text) }
    }

    @Test func parsesItems() throws {
        #expect(try SliceExpression.parse("[-5:]").items == [.range(start: -5, stop: nil, step: nil)])
        #expect(try SliceExpression.parse("3, :, ::2").items == [.index(3), .range(start: nil, stop: nil, step: nil), .range(start: nil, stop: nil, step: 2)])
        #expect(try SliceExpression.parse("[...,0]").items == [.ellipsis, .index(0)])
        #expect(try SliceExpression.parse("[]").items == [])
    }
}

@Suite struct LiteralParser {
    func parse(_ s: String) throws -> PyLiteral { try PyLiteralParser.parse(s, base: 100, inflated: false, utf8Offsets: false) }

    @Test func parsesHeaderShapes() throws {
        #expect(try parse("{'descr': '<f8', 'fortran_order': False, 'shape': (3L, 4L), }") ==
            .dict([(.string("descr"), .string("<f8")), (.string("fortran_order"), .bool(false)), (.string("shape"), .tuple([.int(3), .int(4)]))]))
        #expect(try parse("(5,)") == .tuple([.int(5)]))
        #expect(try parse("(5)") == .int(5))
        #expect(try parse("()") == .tuple([]))
        #expect(try parse("  {\"a\" :\n [1, -2 ,]}  \n") == .dict([(.string("a"), .list([.int(1), .int(-2)]))]))
        #expect(try parse("'it\\'s \\x41\\u00e9'") == .string("it's Aé"))
    }

    @Test(arguments: ["{'a': 1", "{'a' 1}", "(1, 2", "'abc", "__import__('os')", "1.5", "99999999999999999999999", "{1: 2}}", "lambda: 0"])
    func rejectsNonLiterals(_ s: String) {
        #expect(throws: FormatError.self) { try parse(s) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: FormatError.self) { try parse(deep) }
    }

    @Test func errorsNameTheAbsoluteOffset() throws {
        do {
            _ = try parse("{'a': @}")
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.location == .file(106))
        }
    }
}

@Suite struct CanonicalHeaderFastPath {
    /// numpy's headers parse the same through the fast path and the full parser; structured ones fall back.
    @Test func agreesWithTheFullParser() throws {
        let headers = try CoreCases.cases()["headers"] as! [String]
        #expect(headers.count >= 20)
        var fast = 0
        for h in headers {
            let bytes = Array(h.unicodeScalars.map { UInt8($0.value) })
            let full = try PyLiteralParser.parse(h, base: 0, inflated: false, utf8Offsets: false)
            if let f = bytes.withUnsafeBufferPointer({ PyLiteralParser.parseCanonicalHeader($0) }) {
                #expect(f == full, "\(h)")
                fast += 1
            } else {
                #expect(h.contains("[("), "a simple numpy header missed the fast path: \(h)")
            }
        }
        #expect(fast >= headers.count - 3)
    }

    @Test(arguments: ["{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }\n",
                      "{'shape': (3,), 'descr': '<f8', 'fortran_order': False}\n",
                      "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } x\n",
                      "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }\n"])
    func leavesOtherFormsToTheFullParser(_ h: String) {
        let bytes = Array(h.utf8)
        #expect(bytes.withUnsafeBufferPointer { PyLiteralParser.parseCanonicalHeader($0) } == nil)
    }
}
