import Testing
@testable import NPYBrowseUI

/// A browser showing `array` (a lone .npy, opened at once).
func arrayBrowser(_ array: @escaping () -> MockArray, name: String = "a.npy", options: BrowserOptions = BrowserOptions()) -> (Browser, MockDocument) {
    let doc = MockDocument(path: name, isArchive: false, members: [arrayMember(name, array, method: nil)])
    return (Browser(documents: [doc], options: options), doc)
}

/// 2-D table whose values are `row.col`, and a record of which elements were read.
final class Recorder {
    var array: MockArray?
    func make(shape: [Int]) -> () -> MockArray {
        { [self] in
            let a = MockArray(shape: shape, value: { i, _ in i.map(String.init).joined(separator: ".") })
            array = a
            return a
        }
    }
}

@Suite struct ArrayViewTests {
    @Test func twoDimensionalTable() {
        let (b, _) = arrayBrowser({ MockArray(shape: [3, 4], value: { i, _ in String(Double(i[0] * 4 + i[1]) / 4) }) })
        expectLines(render(b, width: 60, height: 12), [
            "npybrowse › a.npy › a.npy                         <f8 (3, 4)",
            " │  0    1   2    3",
            "0│0.0 0.25 0.5 0.75",
            "1│1.0 1.25 1.5 1.75",
            "2│2.0 2.25 2.5 2.75",
            "",
            "",
            "",
            "",
            "",
            "a[0:3, 0:4]  row 1/3  col 1/4  [0, 0] = 0.0",
            ": goto  / search  t transpose  x hex  q back  ? help",
        ])
        press(b, [.down, .character("$")], width: 60, height: 12)
        #expect(render(b, width: 60, height: 12)[10] == "a[0:3, 0:4]  row 2/3  col 4/4  [1, 3] = 1.75")
        // The cursor cell is drawn reversed.
        var screen = Screen(width: 60, height: 12)
        b.render(into: &screen)
        #expect(screen[15, 3].style == .selection && screen[18, 3].style == .selection && screen[14, 3].style == .normal)
        #expect(press(b, [.character("q")], width: 60, height: 12) == [.quit(0)])
    }

    @Test func oneDimensionalIsAColumnOfIndexAndValue() {
        let (b, _) = arrayBrowser({ MockArray(shape: [12], dtype: "<U5", value: { i, _ in "'s\(i[0])'" }) }, name: "names.npy")
        expectLines(render(b, width: 40, height: 10), [
            "names.npy › names.npy          <U5 (12,)",
            "  │value",
            " 0│'s0'",
            " 1│'s1'",
            " 2│'s2'",
            " 3│'s3'",
            " 4│'s4'",
            " 5│'s5'",
            "names[0:6]  row 1/12  [0] = 's0'",
            ": goto  / search  x hex  q back  ? help",
        ])
        press(b, [.character("G")], width: 40, height: 10)
        expectLines(Array(render(b, width: 40, height: 10)[1...8]), [
            "  │value",
            " 6│'s6'",
            " 7│'s7'",
            " 8│'s8'",
            " 9│'s9'",
            "10│'s10'",
            "11│'s11'",
            "names[6:12]  row 12/12  [11] = 's11'",
        ])
    }

    @Test func zeroDimensionalIsOneValue() {
        let (b, _) = arrayBrowser({ MockArray(shape: [], value: { _, _ in "3.141592653589793" }) }, name: "pi.npy")
        expectLines(Array(render(b, width: 50, height: 6)[1...4]), [
            "  │            value",
            "()│3.141592653589793",
            "",
            "pi[()]  [()] = 3.141592653589793",
        ])
        // Nothing moves, nothing breaks.
        press(b, [.down, .character("G"), .character("$"), .character("t"), .character("]")], width: 50, height: 6)
        #expect(render(b, width: 50, height: 6)[4] == "pi[()]  [()] = 3.141592653589793")
    }

    @Test func nDimensionalStepsTheHiddenAxes() {
        let (b, _) = arrayBrowser({ MockArray(shape: [3, 4, 5, 6], dtype: "<i4", itemSize: 4,
                                              value: { i, _ in i.map(String.init).joined() }) }, name: "t.npy")
        expectLines(render(b, width: 60, height: 9), [
            "npybrowse › t.npy › t.npy                   <i4 (3, 4, 5, 6)",
            " │   0    1    2    3    4    5",
            "0│0000 0001 0002 0003 0004 0005",
            "1│0010 0011 0012 0013 0014 0015",
            "2│0020 0021 0022 0023 0024 0025",
            "3│0030 0031 0032 0033 0034 0035",
            "4│0040 0041 0042 0043 0044 0045",
            "t[0, 0, 0:5, 0:6]  row 1/5  col 1/6  [ ] axis 1",
            ": goto  / search  [ ] step axis  t transpose  q back  ? help",
        ])
        press(b, [.character("]"), .character("]"), .character("a"), .character("]"), .character("[")], width: 60, height: 9)
        #expect(render(b, width: 60, height: 9)[7] == "t[0, 2, 0:5, 0:6]  row 1/5  col 1/6  [ ] axis 0")
        press(b, [.character("]"), .character("]"), .character("]")], width: 60, height: 9)
        let atEnd = render(b, width: 60, height: 9)
        #expect(atEnd[7] == "t[2, 2, 0:5, 0:6]  row 1/5  col 1/6  [ ] axis 0")
        #expect(atEnd[8] == "axis 0 is at its last index")
        #expect(atEnd[2] == "0│2200 2201 2202 2203 2204 2205")
        press(b, [.down, .right, .character("t")], width: 60, height: 9)
        expectLines(render(b, width: 60, height: 9), [
            "npybrowse › t.npy › t.npy                   <i4 (3, 4, 5, 6)",
            " │   0    1    2    3    4",
            "0│2200 2210 2220 2230 2240",
            "1│2201 2211 2221 2231 2241",
            "2│2202 2212 2222 2232 2242",
            "3│2203 2213 2223 2233 2243",
            "4│2204 2214 2224 2234 2244",
            "t[2, 2, 0:5, 0:5]  row 2/6  col 2/5  [ ] axis 0",
            ": goto  / search  [ ] step axis  t transpose  q back  ? help",
        ])
        // Rows become axis 0; axis 3 (rows until now) stays at the cursor's index 1.
        press(b, [.character("r")], width: 60, height: 9)
        expectLines(Array(render(b, width: 60, height: 9)[1...7]), [
            " │   0    1    2    3    4",
            "0│0201 0211 0221 0231 0241",
            "1│1201 1211 1221 1231 1241",
            "2│2201 2211 2221 2231 2241",
            "",
            "",
            "t[0:3, 2, 0:5, 1]  row 3/3  col 2/5  [ ] axis 3",
        ])
        press(b, [.character("c")], width: 60, height: 9)
        // Columns move from axis 2 to axis 3 (axis 0 holds the rows); [ ] now step axis 2.
        #expect(render(b, width: 60, height: 9)[7] == "t[0:3, 2, 1, 0:6]  row 3/3  col 2/6  [ ] axis 2")
    }

    @Test func structuredArraysShowOneColumnPerField() {
        let fields = [
            FieldColumn(name: "pos.x", dtype: "<f4", byteOffset: 0, byteCount: 4),
            FieldColumn(name: "pos.y", dtype: "<f4", byteOffset: 4, byteCount: 4),
            FieldColumn(name: "vel", dtype: "<f4", subarrayShape: [3], byteOffset: 8, byteCount: 12),
            FieldColumn(name: "name", dtype: "|S4", byteOffset: 20, byteCount: 4),
        ]
        let (b, _) = arrayBrowser({
            MockArray(shape: [2, 50], dtype: "|V24", itemSize: 24, fields: fields, value: { i, f in
                switch f! {
                case 0: return String(Double(i[1]) / 2)
                case 1: return String(i[0] * 100 + i[1])
                case 2: return "[0. 1. \(i[1]).]"
                default: return "b'p\(i[1])'"
                }
            })
        }, name: "rec.npy")
        expectLines(render(b, width: 60, height: 8), [
            "npybrowse › rec.npy › rec.npy          |V24 (2, 50) 4 fields",
            "  │pos.x pos.y vel        name",
            " 0│  0.0     0 [0. 1. 0.] b'p0'",
            " 1│  0.5     1 [0. 1. 1.] b'p1'",
            " 2│  1.0     2 [0. 1. 2.] b'p2'",
            " 3│  1.5     3 [0. 1. 3.] b'p3'",
            "rec[0, 0:4] fields 0:4  row 1/50  col 1/4  [ ] axis 0",
            ": goto  / search  [ ] step axis  r row axis  q back  ? help",
        ])
        press(b, [.character("]"), .right, .right], width: 60, height: 8)
        #expect(render(b, width: 60, height: 8)[6] == "rec[1, 0:4] fields 0:4  row 1/50  col 3/4  [ ] axis 0")
        press(b, [.character("t")], width: 60, height: 8)
        #expect(render(b, width: 60, height: 8)[7] == "columns show the fields of a structured array")
        press(b, [.character("h"), .character("x")], width: 60, height: 8)
        let hex = render(b, width: 60, height: 8)
        #expect(hex[1] == "offsets in the file; header 0x0-0x7f; element [1, 0] at 0x20c, 4 bytes"
            || hex[1].hasPrefix("file offsets; header 0x0-0x7f; element [1, 0] at 0x"))
    }

    @Test func columnWidthsFollowTheValuesOnScreen() {
        let (b, _) = arrayBrowser({ MockArray(shape: [100, 3], value: { i, _ in i[0] < 50 ? "1" : "123456.789" }) })
        #expect(render(b, width: 40, height: 6)[2] == " 0│1 1 1")
        press(b, [.character("G")], width: 40, height: 6)
        #expect(render(b, width: 40, height: 6)[2] == "98│123456.789 123456.789 123456.789")
    }

    @Test func wideColumnsScrollSideways() {
        let (b, _) = arrayBrowser({ MockArray(shape: [2, 40], value: { i, _ in "v\(i[1])" + String(repeating: "x", count: i[1] % 3) }) })
        expectLines(Array(render(b, width: 30, height: 6)[1...4]), [
            " │ 0   1    2  3   4    5  6",
            "0│v0 v1x v2xx v3 v4x v5xx v6",
            "1│v0 v1x v2xx v3 v4x v5xx v6",
            "a[0:2, 0:7]  row 1/2  col 1/40",
        ])
        press(b, Array(repeating: .right, count: 7), width: 30, height: 6)
        // The cursor column comes in at the right edge, as many columns left of it as fit.
        expectLines(Array(render(b, width: 30, height: 6)[1...4]), [
            " │  1    2  3   4    5  6   7",
            "0│v1x v2xx v3 v4x v5xx v6 v7x",
            "1│v1x v2xx v3 v4x v5xx v6 v7x",
            "a[0:2, 1:8]  row 1/2  col 8/40",
        ])
        press(b, [.character("$")], width: 30, height: 6)
        #expect(render(b, width: 30, height: 6)[4] == "a[0:2, 35:40]  row 1/2")
        #expect(render(b, width: 30, height: 6)[1] == " │   35  36   37    38  39")
        press(b, [.character("0")], width: 30, height: 6)
        #expect(render(b, width: 30, height: 6)[4] == "a[0:2, 0:7]  row 1/2  col 1/40")
    }

    @Test func onlyVisibleCellsAreRead() {
        let rec = Recorder()
        let (b, _) = arrayBrowser(rec.make(shape: [1_000_000, 1000]))
        _ = render(b, width: 80, height: 24)
        let first = Set(rec.array!.requested.map { [$0[0], $0[1]] })
        // 21 rows of values; columns as far as fit, plus the one just past the edge that is measured and dropped.
        #expect(first.allSatisfy { $0[0] < 21 && $0[1] <= 13 })
        #expect(first.count <= 21 * 14)
        rec.array!.requested = []
        press(b, [.character("G")], width: 80, height: 24)
        let bottom = Set(rec.array!.requested.map { [$0[0], $0[1]] })
        #expect(!bottom.isEmpty && bottom.allSatisfy { $0[0] >= 999_980 && $0[1] <= 13 })
        rec.array!.requested = []
        press(b, [.character("$")], width: 80, height: 24)
        let corner = Set(rec.array!.requested.map { [$0[0], $0[1]] })
        #expect(!corner.isEmpty && corner.allSatisfy { $0[0] >= 999_980 && $0[1] >= 990 })
        #expect(render(b, width: 80, height: 24)[22].hasPrefix("a[999980:1000000, 994:1000]  row 1000000/1000000  col 1000/1000"))
    }

    @Test func pagingKeys() {
        let (b, _) = arrayBrowser({ MockArray(shape: [100, 3]) })
        func status() -> String { render(b, width: 40, height: 10)[8] }
        // 10 rows: title, column labels, 6 rows of values, status, hints.
        press(b, [.pageDown], width: 40, height: 10)
        #expect(status().hasPrefix("a[6:12, 0:3]  row 7/100"))
        press(b, [.character(" "), .character("j")], width: 40, height: 10)
        #expect(status().hasPrefix("a[12:18, 0:3]  row 14/100"))
        press(b, [.character("b")], width: 40, height: 10)
        #expect(status().hasPrefix("a[6:12, 0:3]  row 8/100"))
        press(b, [.end], width: 40, height: 10)
        #expect(status().hasPrefix("a[94:100, 0:3]  row 100/100"))
        press(b, [.pageDown, .character("j")], width: 40, height: 10)
        #expect(status().hasPrefix("a[94:100, 0:3]  row 100/100"))
        press(b, [.character("k"), .character("k"), .home], width: 40, height: 10)
        #expect(status().hasPrefix("a[0:6, 0:3]  row 1/100"))
        press(b, [.character("l"), .character("l"), .character("l")], width: 40, height: 10)
        #expect(status().hasPrefix("a[0:6, 0:3]  row 1/100  col 3/3"))
        press(b, [.character("^")], width: 40, height: 10)
        #expect(status().hasPrefix("a[0:6, 0:3]  row 1/100  col 1/3"))
    }

    @Test func gotoMultiIndexWithNegatives() {
        let (b, _) = arrayBrowser({ MockArray(shape: [4, 2000, 30]) }, name: "v.npy")
        func status() -> String { render(b, width: 80, height: 24)[22] }
        // 24 rows leave 20 rows of values.
        press(b, [.character(":")] + typed("3, 1000") + [.enter], width: 80, height: 24)
        #expect(status() == "v[3, 1000:1020, 0:8]  row 1001/2000  col 1/30  [ ] axis 0")
        press(b, [.character(":")] + typed("-1, -1, -1") + [.enter], width: 80, height: 24)
        #expect(status() == "v[3, 1980:2000, 23:30]  row 2000/2000  col 30/30  [ ] axis 0")
        #expect(render(b, width: 80, height: 24)[21].hasSuffix(" 3.1999.29"))
        press(b, [.character(":")] + typed("[1]") + [.enter], width: 80, height: 24)
        #expect(status().hasPrefix("v[1, 1980:2000, 23:30]  row 2000/2000  col 30/30"))
        press(b, [.character(":")] + typed("4") + [.enter], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[23] == "index 4 is out of bounds for axis 0 with size 4")
        press(b, [.character(":")] + typed("0, 0, 0, 0") + [.enter], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[23] == "too many indices for array: array is 3-dimensional, but 4 were indexed")
        press(b, [.character(":")] + typed("x") + [.enter], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[23] == "not an index: 'x' (expected integers like 3, -1)")
        // The prompt shows what is typed; Esc abandons it.
        press(b, [.character(":")] + typed("12") + [.backspace] + typed("3"), width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[23] == "goto index: 13")
        press(b, [.escape], width: 80, height: 24)
        #expect(status().hasPrefix("v[1, 1980:2000, "))
    }

    @Test func resizeTo40x10KeepsTheCursorVisible() {
        let (b, _) = arrayBrowser({ MockArray(shape: [100, 50]) })
        press(b, [.character(":")] + typed("60, 45") + [.enter], width: 120, height: 40)
        // The jump puts column 45 first; the columns end before the screen does, so more come in on the left.
        #expect(render(b, width: 120, height: 40)[38].hasPrefix("a[60:96, 31:50]  row 61/100  col 46/50"))
        expectLines(render(b, width: 40, height: 10), [
            "npybrowse › a.npy › a.npy  <f8 (100, 50)",
            "  │   40    41    42    43    44    45",
            "60│60.40 60.41 60.42 60.43 60.44 60.45",
            "61│61.40 61.41 61.42 61.43 61.44 61.45",
            "62│62.40 62.41 62.42 62.43 62.44 62.45",
            "63│63.40 63.41 63.42 63.43 63.44 63.45",
            "64│64.40 64.41 64.42 64.43 64.44 64.45",
            "65│65.40 65.41 65.42 65.43 65.44 65.45",
            "a[60:66, 40:46]  row 61/100  col 46/50",
            ": goto  / search  q back  ? help",
        ])
        // Smaller than usable: a notice, and keys still work.
        expectLines(render(b, width: 15, height: 3), ["terminal too", "small: 15x3; q", "quits"])
        #expect(b.update(.key(.character("q"))) == [.quit(0)])
    }

    @Test func emptyObjectAndUnreadableMembers() {
        let doc = MockDocument(path: "odd.npz", members: [
            arrayMember("empty.npy", { MockArray(shape: [0, 3]) }),
            arrayMember("obj.npy", { MockArray(shape: [3], dtype: "|O", explanation: "object array: elements are pickled Python objects, never unpickled") }),
            MockMember(summary: MemberSummary(name: "gone.npy", method: "stored", error: "local header unreadable"),
                       details: MemberDetails(name: "gone.npy", error: "local header unreadable"),
                       open: { throw MockError(description: "at byte 4000: expected a local file header signature") }),
        ])
        let b = Browser(documents: [doc])
        press(b, [.enter], width: 60, height: 8)
        expectLines(Array(render(b, width: 60, height: 8)[1...7]), [
            "empty array: shape (0, 3) has no elements",
            "", "", "", "",
            "empty",
            "Tab pane  x hex  q back  ? help",
        ])
        press(b, [.character("j"), .character("G"), .character("/")] + typed("1") + [.enter], width: 60, height: 8)
        press(b, [.character("q"), .down, .enter], width: 60, height: 8)
        expectLines(Array(render(b, width: 60, height: 8)[1...3]), [
            "object array: elements are pickled Python objects, never",
            "unpickled",
            "",
        ])
        press(b, [.character("q"), .down, .enter], width: 60, height: 8)
        expectLines(Array(render(b, width: 60, height: 8)[0...2]), [
            "npybrowse › odd.npz › gone.npy",
            "cannot open gone.npy: at byte 4000: expected a local file",
            "header signature",
        ])
        press(b, [.tab], width: 60, height: 8)
        expectLines(Array(render(b, width: 60, height: 8)[1...2]), [
            "name          gone.npy",
            "key           gone",
        ])
        #expect(render(b, width: 60, height: 8)[3] == "error         local header unreadable")
    }

    @Test func readErrorsAreShownInTheGridAndTheBrowserStaysOpen() {
        let (b, _) = arrayBrowser({
            MockArray(shape: [100, 4], value: { i, _ in
                if i[0] >= 50 { throw MockError(description: "at byte 1800 of the inflated member: invalid distance too far back") }
                return "\(i[0])"
            })
        }, name: "z.npy")
        press(b, [.character(":")] + typed("60") + [.enter], width: 60, height: 8)
        expectLines(Array(render(b, width: 60, height: 8)[1...6]), [
            "cannot read z[60, 0]: at byte 1800 of the inflated member:",
            "invalid distance too far back",
            "", "", "",
            "z[60:64, 0:1]  row 61/100  col 1/4",
        ])
        press(b, [.character("g")], width: 60, height: 8)
        #expect(render(b, width: 60, height: 8)[2] == " 0│0 0 0 0")
    }

    @Test func hexViewShowsBytesAroundTheElement() {
        let (b, _) = arrayBrowser({ MockArray(shape: [2, 3], dtype: "<i2", itemSize: 2, dataOffset: 80, streamFileOffset: 1000) }, name: "h.npy")
        press(b, [.down, .right, .character("x")], width: 80, height: 10)
        expectLines(render(b, width: 80, height: 10), [
            "npybrowse › h.npy › h.npy                                             <i2 (2, 3)",
            "file offsets; header 0x3e8-0x437; element [1, 1] at 0x440, 2 bytes",
            "00000408  72 61 6e 5f 6f 72 64 65  72 27 3a 20 46 61 6c 73  ran_order': Fals",
            "00000418  65 2c 20 27 73 68 61 70  65 27 3a 20 28 32 2c 20  e, 'shape': (2,",
            "00000428  33 29 2c 20 7d 20 20 20  20 20 20 20 20 20 20 0a  3), }          .",
            "00000438  00 01 02 03 04 05 06 07  08 09 0a 0b              ............",
            "",
            "",
            "h[1, 1]: hex",
            "Down move  PgDn page  x hex  q back  ? help",
        ])
        var screen = Screen(width: 80, height: 10)
        b.render(into: &screen)
        // Header bytes are dimmed, the element (bytes 8 and 9 of the data, at 0x440) reversed.
        #expect(screen[10, 2].style == .headerBytes && screen[60, 2].style == .headerBytes)
        #expect(screen[10, 5].style == .normal && screen[33, 5].style == .normal)
        #expect(screen[35, 5].style == .selection && screen[39, 5].style == .selection)
        #expect(screen[68, 5].style == .selection && screen[69, 5].style == .selection && screen[70, 5].style == .normal)
        press(b, [.character("x")], width: 80, height: 10)
        #expect(render(b, width: 80, height: 10)[8].hasPrefix("h[0:2, 0:3]  row 2/2  col 2/3"))
    }

    @Test func fortranOrderHexOffsets() {
        let (b, _) = arrayBrowser({ MockArray(shape: [2, 3], dtype: "<i2", itemSize: 2, fortran: true, dataOffset: 80, streamFileOffset: nil) }, name: "f.npy")
        press(b, [.down, .right, .character("x")], width: 80, height: 10)
        // Element [1, 1] of a Fortran-ordered (2, 3) array is the 4th in memory: 80 + 3 * 2.
        #expect(render(b, width: 100, height: 10)[1] == "offsets in the inflated NPY stream; header 0x0-0x4f; element [1, 1] at 0x56, 2 bytes")
    }
}
