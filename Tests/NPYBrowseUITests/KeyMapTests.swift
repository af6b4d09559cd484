import Foundation
import Testing
@testable import NPYBrowseUI

@Suite struct KeyMapTests {
    let map = KeyMap.standard

    @Test func requiredBindings() {
        let expected: [(Key, Command)] = [
            (.up, .goUp), (.character("k"), .goUp), (.down, .goDown), (.character("j"), .goDown),
            (.left, .goLeft), (.character("h"), .goLeft), (.right, .goRight), (.character("l"), .goRight),
            (.pageUp, .pageUp), (.character("b"), .pageUp), (.pageDown, .pageDown), (.character(" "), .pageDown),
            (.character("g"), .goFirstRow), (.home, .goFirstRow), (.character("G"), .goLastRow), (.end, .goLastRow),
            (.character("0"), .goFirstCol), (.character("$"), .goLastCol), (.character(":"), .gotoIndex),
            (.character("/"), .search), (.enter, .openMember), (.tab, .switchPane), (.character("q"), .backOrQuit),
            (.character("?"), .help), (.character("x"), .hexView), (.character("]"), .nextAxisIndex),
            (.character("["), .prevAxisIndex), (.character("t"), .transpose), (.escape, .cancel),
            (.character("R"), .reload),
        ]
        for (key, command) in expected {
            #expect(map.command(for: key) == command, "\(key.displayName)")
        }
    }

    @Test func everyKeyIsBoundOnceAndEveryCommandHasAKey() {
        let keys = map.bindings.map(\.key)
        #expect(Set(keys).count == keys.count)
        for c in Command.allCases {
            #expect(!map.keys(for: c).isEmpty, "\(c.name) has no key")
        }
    }

    @Test func commandNamesAreKebabCase() {
        for c in Command.allCases {
            #expect(c.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(c.name)")
        }
        #expect(Command(rawValue: "go-last-col") == .goLastCol)
    }

    @Test func helpIsGeneratedFromTheTable() {
        let help = map.helpLines()
        var listed: [String: String] = [:]
        for case .command(let keys, let name, _) in help { listed[name] = keys }
        for c in Command.allCases {
            #expect(listed[c.name] == map.keys(for: c).map(\.displayName).joined(separator: " "))
        }
        // A new binding shows up in the help at once.
        var custom = map
        custom.bindings.append(KeyBinding(.function(5), .reload))
        var customKeys: [String: String] = [:]
        for case .command(let keys, let name, _) in custom.helpLines() { customKeys[name] = keys }
        #expect(customKeys["reload"] == "R F5")
    }

    @Test func keyNames() {
        #expect(Key.character(" ").displayName == "Space")
        #expect(Key.control("l").displayName == "Ctrl-L")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.function(1).displayName == "F1")
        #expect(Key.backTab.displayName == "Shift-Tab")
    }

    @Test func hintsUseTheFirstKey() {
        let hints = map.hints([.openMember, .backOrQuit, .help])
        #expect(hints.map(\.key) == ["Enter", "q", "?"])
        #expect(hints.map(\.label) == ["open", "back", "help"])
    }
}

@Suite struct IndexInputTests {
    @Test func parsesIntegersWithOptionalBrackets() throws {
        #expect(try IndexInput.parse("3, 1000") == [3, 1000])
        #expect(try IndexInput.parse("  -1 ") == [-1])
        #expect(try IndexInput.parse("[2,-5]") == [2, -5])
        #expect(try IndexInput.parse("(4 5 6)") == [4, 5, 6])
        #expect(try IndexInput.parse("1_000") == [1000])
    }

    @Test func rejectsNonIntegers() {
        #expect(throws: IndexInputError.invalid("a, 1")) { try IndexInput.parse("a, 1") }
        #expect(throws: IndexInputError.invalid("")) { try IndexInput.parse("") }
        #expect(throws: IndexInputError.invalid("1.5")) { try IndexInput.parse("1.5") }
        #expect(throws: IndexInputError.invalid("2:3")) { try IndexInput.parse("2:3") }
    }

    @Test func resolvesNegativesAndChecksBoundsLikeNumpy() throws {
        #expect(try IndexInput.resolve([-1, 3], shape: [10, 20]) == [9, 3])
        #expect(try IndexInput.resolve([-10], shape: [10, 20]) == [0])
        #expect(throws: IndexInputError.outOfBounds(index: 10, axis: 0, size: 10)) {
            try IndexInput.resolve([10], shape: [10, 20])
        }
        #expect(throws: IndexInputError.outOfBounds(index: -21, axis: 1, size: 20)) {
            try IndexInput.resolve([0, -21], shape: [10, 20])
        }
        #expect(throws: IndexInputError.tooManyIndices(dimensions: 2, given: 3)) {
            try IndexInput.resolve([0, 0, 0], shape: [10, 20])
        }
        #expect(IndexInputError.outOfBounds(index: 10, axis: 0, size: 10).description
            == "index 10 is out of bounds for axis 0 with size 10")
        #expect(IndexInputError.tooManyIndices(dimensions: 0, given: 1).description
            == "too many indices for array: array is 0-dimensional, but 1 were indexed")
    }
}

@Suite struct GridStateTests {
    @Test func defaultAxes() {
        let zero = GridState(shape: [])
        #expect(zero.rowAxis == nil && zero.colAxis == nil && zero.rowCount == 1 && zero.colCount == 1)
        let one = GridState(shape: [7])
        #expect(one.rowAxis == 0 && one.colAxis == nil && one.colCount == 1)
        let three = GridState(shape: [2, 3, 4])
        #expect(three.rowAxis == 1 && three.colAxis == 2 && three.stepAxis == 0 && three.fixedAxes == [0])
        let rec = GridState(shape: [5, 6], fieldCount: 3)
        #expect(rec.rowAxis == 1 && rec.colAxis == nil && rec.colCount == 3 && rec.stepAxis == 0)
    }

    @Test func pagingLikeLess() {
        var g = GridState(shape: [100, 3])
        g.pageDown(visibleRows: 10)
        #expect(g.topRow == 10 && g.row == 10)
        g.moveRows(3, visibleRows: 10)
        #expect(g.topRow == 10 && g.row == 13)
        for _ in 0..<20 { g.pageDown(visibleRows: 10) }
        #expect(g.topRow == 90 && g.row == 99)
        g.pageUp(visibleRows: 10)
        #expect(g.topRow == 80 && g.row == 89)
        g.setRow(0, visibleRows: 10)
        #expect(g.topRow == 0 && g.row == 0)
        g.pageUp(visibleRows: 10)
        #expect(g.topRow == 0 && g.row == 0)
        g.setRow(Int.max, visibleRows: 10)
        #expect(g.topRow == 90 && g.row == 99)
        g.moveRows(Int.max, visibleRows: 10)
        #expect(g.row == 99)
    }

    @Test func shortArraysNeverScroll() {
        var g = GridState(shape: [4])
        g.pageDown(visibleRows: 10)
        #expect(g.topRow == 0 && g.row == 3)
    }

    @Test func scrollingKeepsTheCursorInViewAfterAResize() {
        var g = GridState(shape: [100, 3])
        g.setRow(50, visibleRows: 30)
        #expect(g.topRow == 21)
        g.scrollToCursor(visibleRows: 5)
        #expect(g.topRow == 46)
    }

    @Test func stepAndCycleAxesKeepTheCursor() {
        var g = GridState(shape: [3, 4, 5, 6])
        #expect(g.fixedAxes == [0, 1] && g.stepAxis == 1)
        var ok = g.stepAxisIndex(by: 1)
        #expect(ok && g.cursor == [0, 1, 0, 0])
        ok = g.cycleStepAxis()
        #expect(ok && g.stepAxis == 0)
        ok = g.stepAxisIndex(by: 2)
        #expect(ok)
        ok = g.stepAxisIndex(by: 1)
        #expect(!ok && g.cursor == [2, 1, 0, 0])
        g.setRow(4, visibleRows: 10)
        ok = g.cycleRowAxis(visibleRows: 10)
        // Rows move from axis 2 to axis 0 (axis 3 holds the columns); axis 2 keeps index 4.
        #expect(ok && g.rowAxis == 0 && g.colAxis == 3 && g.cursor == [2, 1, 4, 0] && g.row == 2)
        // The stepped axis was 0, now displayed: it becomes the last fixed axis.
        #expect(g.fixedAxes == [1, 2] && g.stepAxis == 2)
        ok = g.cycleColAxis(visibleRows: 10)
        #expect(ok && g.colAxis == 1 && g.fixedAxes == [2, 3])
        ok = g.transpose(visibleRows: 10)
        #expect(ok && g.rowAxis == 1 && g.colAxis == 0 && g.row == 1 && g.col == 2)
    }

    @Test func axisChangesThatAreNotPossible() {
        var two = GridState(shape: [3, 4])
        var ok = two.cycleColAxis(visibleRows: 5)
        #expect(!ok)
        ok = two.cycleRowAxis(visibleRows: 5)
        #expect(!ok)
        ok = two.stepAxisIndex(by: 1)
        #expect(!ok)
        ok = two.transpose(visibleRows: 5)
        #expect(ok && two.rowAxis == 1)
        var one = GridState(shape: [3])
        ok = one.transpose(visibleRows: 5)
        #expect(!ok)
        var rec = GridState(shape: [3, 4], fieldCount: 2)
        ok = rec.transpose(visibleRows: 5)
        #expect(!ok)
        ok = rec.cycleRowAxis(visibleRows: 5)
        #expect(ok && rec.rowAxis == 0 && rec.stepAxis == 1)
    }

    @Test func jumpScrollsOnlyWhenOffScreen() {
        var g = GridState(shape: [2, 1000, 30])
        g.jump(to: [1, 5], visibleRows: 10)
        #expect(g.cursor == [1, 5, 0] && g.topRow == 0)
        g.jump(to: [1, 500, 7], visibleRows: 10)
        #expect(g.cursor == [1, 500, 7] && g.topRow == 500)
        g.jump(to: [0, 999], visibleRows: 10)
        #expect(g.topRow == 990)
    }

    @Test func emptyArraysDoNotMove() {
        var g = GridState(shape: [0, 3])
        #expect(g.isEmpty)
        g.setRow(5, visibleRows: 5)
        g.setCol(2)
        #expect(g.cursor == [0, 0])
    }
}

@Suite struct ReadmeKeyTableTests {
    /// The README's key table is the key map's: change a binding and this test shows the new table.
    @Test func readmeKeyTableIsTheKeyMap() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- keys:begin -->\n", end = "<!-- keys:end -->"
        guard let b = text.range(of: begin), let e = text.range(of: end, range: b.upperBound..<text.endIndex) else {
            Issue.record("README.md has no key table between \(begin) and \(end)")
            return
        }
        let table = String(text[b.upperBound..<e.lowerBound])
        let expected = KeyMap.standard.markdownTable()
        #expect(table == expected, "README key table is stale; it should be:\n\(expected)")
    }
}
