import Testing
@testable import NPYBrowseUI

@Suite struct ScreenTests {
    @Test func writesAndClipsAtMaxWidthAndEdge() {
        var s = Screen(width: 10, height: 2)
        #expect(s.write(x: 2, y: 0, "hello world", maxWidth: 5) == 5)
        #expect(s.write(x: 7, y: 1, "abcdef") == 3)
        #expect(s.lines() == ["  hello", "       abc"])
        #expect(s.write(x: 0, y: 5, "off screen") == 0)
        #expect(s.write(x: -2, y: 1, "xyz") == 3)
        #expect(s.line(1) == "z      abc")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverHalfFit() {
        var s = Screen(width: 6, height: 2)
        #expect(s.write(x: 0, y: 0, "日本語") == 6)
        #expect(s[1, 0].isContinuation)
        #expect(s.displayWidth("日本語") == 6)
        // Only one column left for a wide character: a blank instead.
        #expect(s.write(x: 0, y: 1, "ab日本", maxWidth: 5) == 5)
        #expect(s.lines() == ["日本語", "ab日"])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var s = Screen(width: 6, height: 1)
        s.write(x: 0, y: 0, "日本語")
        s.write(x: 3, y: 0, "x")
        #expect(s.lines() == ["日 x語"])
        s.write(x: 4, y: 0, "y")
        #expect(s.lines() == ["日 xy"])
    }

    @Test func combiningCharactersJoinTheirBaseCell() {
        var s = Screen(width: 5, height: 1)
        #expect(s.write(x: 0, y: 0, "e\u{301}te\u{301}") == 3)
        #expect(s[0, 0].text == "e\u{301}")
        #expect(s.lines() == ["e\u{301}te\u{301}"])
    }

    @Test func controlCharactersAreReplaced() {
        var s = Screen(width: 8, height: 2)
        s.write(x: 0, y: 0, "a\tb\u{1B}c")
        #expect(s.lines()[0] == "a\u{FFFD}b\u{FFFD}c")
        var a = Screen(width: 8, height: 1, asciiOnly: true)
        a.write(x: 0, y: 0, "a\tb")
        #expect(a.lines() == ["a?b"])
    }

    @Test func asciiModeDrawsOnlyASCII() {
        var s = Screen(width: 12, height: 1, asciiOnly: true)
        #expect(s.write(x: 0, y: 0, "βeta 日本 e\u{301}") == 9)
        #expect(s.lines() == ["?eta ?? e"])
        #expect(s.truncate("abcdefgh", to: 5) == "abcd>")
        #expect(Screen(width: 1, height: 1).truncate("abcdefgh", to: 5) == "abcd…")
    }

    @Test func fitPadsAndTruncatesByDisplayWidth() {
        let s = Screen(width: 1, height: 1)
        #expect(s.fit("ab", width: 5) == "ab   ")
        #expect(s.fit("ab", width: 5, alignment: .right) == "   ab")
        #expect(s.fit("日本語", width: 5) == "日本…")
        #expect(s.fit("日本語x", width: 4) == "日… ")
    }

    @Test func wrapBreaksAfterBlanksAndCommas() {
        let s = Screen(width: 1, height: 1)
        #expect(s.wrap("{'descr': '<f8', 'shape': (3,), }", width: 16) == ["{'descr': '<f8',", " 'shape': (3,), ", "}"])
        #expect(s.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(s.wrap("", width: 4) == [""])
    }

    @Test func fillAndStyles() {
        var s = Screen(width: 4, height: 2)
        s.fill(Rect(x: 1, y: 0, width: 10, height: 1), style: .selection)
        #expect(s[0, 0].style == .normal)
        #expect(s[3, 0].style == .selection)
        #expect(s[3, 1].style == .normal)
    }

    @Test func characterWidths() {
        #expect(CharacterWidth.of("a") == 1)
        #expect(CharacterWidth.of("\u{7}") == -1)
        #expect(CharacterWidth.of("\u{301}") == 0)
        #expect(CharacterWidth.of("\u{200B}") == 0)
        #expect(CharacterWidth.of("日") == 2)
        #expect(CharacterWidth.of("한") == 2)
        #expect(CharacterWidth.of("Ａ") == 2)
        #expect(CharacterWidth.of("😀") == 2)
        #expect(CharacterWidth.of("é") == 1)
        #expect(CharacterWidth.of("β") == 1)
        #expect(CharacterWidth.of("│") == 1)
    }

    @Test func rectDivisions() {
        let r = Rect(x: 0, y: 0, width: 40, height: 10)
        let (top, rest) = r.dividedTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 40, height: 1))
        #expect(rest == Rect(x: 0, y: 1, width: 40, height: 9))
        let (bottom, _) = rest.dividedBottom(2)
        #expect(bottom == Rect(x: 0, y: 8, width: 40, height: 2))
        let (left, right) = r.dividedLeft(15)
        #expect(left.width == 15 && right.x == 15 && right.width == 25)
        #expect(r.dividedRight(50).right == r)
        #expect(r.insetBy(dx: 30, dy: 1) == Rect(x: 30, y: 1, width: 0, height: 8))
        #expect(r.insetBy(dx: 30, dy: 1).isEmpty)
    }

    @Test func textHelpers() {
        #expect(shapeText([]) == "()")
        #expect(shapeText([5]) == "(5,)")
        #expect(shapeText([3, 4]) == "(3, 4)")
        #expect(humanBytes(800) == "800 B")
        #expect(humanBytes(7782) == "7.6 KiB")
        #expect(humanBytes(125_829_120) == "120 MiB")
        #expect(percentText(0.125) == "12.5%")
        #expect(percentText(1) == "100%")
        #expect(percentText(0.002) == "0.2%")
        #expect(groupedDigits(8_000_128) == "8,000,128")
        #expect(pythonStringLiteral("a'b\\c\n") == "\"a'b\\\\c\\n\"")
        #expect(pythonStringLiteral("x.npz") == "'x.npz'")
        #expect(MemberDetails.memmapLine(path: "d/x.npz", descr: "'<f8'", offset: 168, shape: [3, 4], isFortranOrder: false)
            == "np.memmap('d/x.npz', dtype='<f8', mode='r', offset=168, shape=(3, 4), order='C')")
        #expect(MemberDetails.memmapLine(path: "p.npy", descr: "[('x', '<f4'), ('y', '<f4')]", offset: 128, shape: [7], isFortranOrder: true)
            == "np.memmap('p.npy', dtype=np.dtype([('x', '<f4'), ('y', '<f4')]), mode='r', offset=128, shape=(7,), order='F')")
    }

    @Test func alignmentOfTheDataOffset() {
        #expect(MemberDetails(name: "a", arrayDataOffset: 128, absoluteDataOffset: 185).alignment == 1)
        #expect(MemberDetails(name: "a", arrayDataOffset: 128, absoluteDataOffset: 192).alignment == 64)
        #expect(MemberDetails(name: "a", arrayDataOffset: 80).alignment == 16)
        #expect(MemberDetails(name: "a").alignment == nil)
    }
}
