import Testing
@testable import NPYBrowseUI

/// Compares rendered lines with expected ones, printing both on a mismatch.
func expectLines(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual == expected, "\nactual:\n\(dump(actual))\nexpected:\n\(dump(expected))", sourceLocation: sourceLocation)
}

func sampleDocument() -> MockDocument {
    MockDocument(path: "data.npz", members: [
        arrayMember("grid.npy", { MockArray(shape: [3, 4], value: { i, _ in String(Double(i[0] * 4 + i[1]) / 4) }) }),
        arrayMember("cube.npy", { MockArray(shape: [2, 30, 5], dtype: "<i4", itemSize: 4,
                                            value: { i, _ in String(i[0] * 1000 + i[1] * 10 + i[2]) }) },
                    method: "deflate", compressed: 300),
        MockMember(summary: MemberSummary(name: "bad.npy", method: "bzip2", compressedSize: 10, uncompressedSize: 20,
                                          error: "unsupported method bzip2"),
                   details: MemberDetails(name: "bad.npy", method: "bzip2", error: "unsupported method bzip2"),
                   open: { throw MockError(description: "unsupported method bzip2") }),
    ])
}

@Suite struct MemberViewTests {
    @Test func memberListAndInfoAt80x24() {
        let b = Browser(documents: [sampleDocument()])
        expectLines(render(b, width: 80, height: 24), [
            "npybrowse › data.npz                                              npz, 3 members",
            "name      dtype  shape       method   compressed  uncompressed  ratio",
            "grid.npy  <f8    (3, 4)      stored        224 B         224 B   100%",
            "cube.npy  <i4    (2, 30, 5)  deflate       300 B       1.3 KiB  22.6%",
            "bad.npy   unsupported method bzip2",
            "── info (Tab) ──────────────────────────────────────────────────────────────────",
            "name          grid.npy",
            "key           grid",
            "method        stored",
            "compressed    224 bytes",
            "uncompressed  224 bytes",
            "ratio         100%",
            "crc32         0xdeadbeef",
            "local header  at byte 0",
            "member data   at byte 40",
            "npy version   1.0",
            "header_len    118",
            "dtype         <f8   itemsize 8",
            "shape         (3, 4)",
            "order         C",
            "data offset   128 in the NPY stream, 168 in the file",
            "alignment     8 bytes",
            "member 1 of 3",
            "Enter open  Tab pane  : goto  / search  x hex  q back  ? help",
        ])
    }

    @Test func infoPaneScrollsToTheMemmapLineAndHeader() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.tab, .end], width: 80, height: 24)
        expectLines(Array(render(b, width: 80, height: 24)[5...]), [
            "── info (Tab: list) ────────────────────────────────────────────────────────────",
            "crc32         0xdeadbeef",
            "local header  at byte 0",
            "member data   at byte 40",
            "npy version   1.0",
            "header_len    118",
            "dtype         <f8   itemsize 8",
            "shape         (3, 4)",
            "order         C",
            "data offset   128 in the NPY stream, 168 in the file",
            "alignment     8 bytes",
            "data bytes    96",
            "np.memmap, ready to copy:",
            "np.memmap('data.npz', dtype='<f8', mode='r', offset=168, shape=(3, 4),",
            "order='C')",
            "header        {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
            "              then 58 spaces of padding and ⏎ (118 bytes)",
            "member 1 of 3  (info pane: arrows scroll, Tab returns)",
            "Enter open  Tab pane  : goto  / search  x hex  q back  ? help",
        ])
    }

    @Test func compressedAndBrokenMembersInTheInfoPane() {
        let b = Browser(documents: [sampleDocument()])
        // Wide terminals put the info pane beside the list (which drops method and ratio first).
        press(b, [.down], width: 100, height: 30)
        let lines = render(b, width: 100, height: 30)
        expectLines(Array(lines[12...21]), [
            "                                                       │ dtype         <i4   itemsize 4",
            "                                                       │ shape         (2, 30, 5)",
            "                                                       │ order         C",
            "                                                       │ data offset   128 in the NPY stream",
            "                                                       │               (compressed: not in the",
            "                                                       │               file as is)",
            "                                                       │ alignment     128 bytes",
            "                                                       │ data bytes    1,200",
            "                                                       │ np.memmap     not possible: the member is",
            "                                                       │               compressed",
        ])
        press(b, [.down], width: 100, height: 30)
        expectLines(Array(render(b, width: 100, height: 30)[0...5]), [
            "npybrowse › data.npz                                                                  npz, 3 members",
            "name      dtype  shape       compressed  uncompressed  │ name          bad.npy",
            "grid.npy  <f8    (3, 4)           224 B         224 B  │ key           bad",
            "cube.npy  <i4    (2, 30, 5)       300 B       1.3 KiB  │ error         unsupported method bzip2",
            "bad.npy   unsupported method bzip2                     │ method        bzip2",
            "                                                       │",
        ])
    }

    @Test func narrowTerminalShowsOnePaneAtATime() {
        let b = Browser(documents: [sampleDocument()])
        expectLines(render(b, width: 40, height: 10), [
            "npybrowse › data.npz      npz, 3 members",
            "name      dtype  shape",
            "grid.npy  <f8    (3, 4)",
            "cube.npy  <i4    (2, 30, 5)",
            "bad.npy   unsupported method bzip2",
            "",
            "",
            "",
            "member 1 of 3",
            "Enter open  Tab pane  q back  ? help",
        ])
        press(b, [.tab], width: 40, height: 10)
        expectLines(render(b, width: 40, height: 10), [
            "npybrowse › data.npz      npz, 3 members",
            "name         grid.npy",
            "key          grid",
            "method       stored",
            "compressed   224 bytes",
            "uncompressed 224 bytes",
            "ratio        100%",
            "crc32        0xdeadbeef",
            "member 1 of 3  (info pane: arrows scroll",
            "Enter open  Tab pane  q back  ? help",
        ])
    }

    @Test func asciiFallback() {
        let b = Browser(documents: [sampleDocument()])
        let lines = render(b, width: 80, height: 24, ascii: true)
        #expect(lines[0] == "npybrowse / data.npz                                              npz, 3 members")
        #expect(lines[5] == "-- info (Tab) " + String(repeating: "-", count: 66))
        press(b, [.tab, .end], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24, ascii: true)[21] == "              then 58 spaces of padding and \\n (118 bytes)")
        press(b, [.tab, .enter], width: 80, height: 24)
        let grid = render(b, width: 40, height: 10, ascii: true)
        #expect(grid[0] == "data.npz / grid.npy           <f8 (3, 4)")
        #expect(grid[1] == " |  0    1   2    3")
        for line in grid { #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)") }
    }

    @Test func titleGivesUpTheProgramNameThenThePathStartThenTheRightPart() {
        let screen = Screen(width: 1, height: 1)
        func title(_ width: Int) -> String {
            let (l, r) = Browser.title(path: "/data/runs/out.npz", member: "signal.npy", extra: "<f8 (4000,)", width: width, screen: screen)
            return r.isEmpty ? l : l + " | " + r
        }
        #expect(title(80) == "npybrowse › /data/runs/out.npz › signal.npy | <f8 (4000,)")
        #expect(title(50) == "/data/runs/out.npz › signal.npy | <f8 (4000,)")
        #expect(title(40) == "…/runs/out.npz › signal.npy | <f8 (4000,)")
        #expect(title(36) == "…/out.npz › signal.npy | <f8 (4000,)")
        #expect(title(35) == "…/out.npz › signal.npy | <f8 (4000,)")
        #expect(title(34) == "/data/runs/out.npz › signal.npy")
        #expect(title(27) == "…/runs/out.npz › signal.npy")
        #expect(title(26) == "…/out.npz › signal.npy")
        #expect(title(20) == "…ut.npz › signal.npy")
        #expect(title(8) == "signal.npy")
    }

    @Test func onlyRowsOnScreenAreAskedFor() {
        let doc = MockDocument(path: "many.npz", count: 100_000) { i in
            arrayMember("arr_\(i).npy", { MockArray(shape: [i % 7]) })
        }
        let b = Browser(documents: [doc])
        _ = render(b, width: 80, height: 24)
        // 24 rows: title, 9 list rows under the labels, separator, info, status, hints.
        #expect(Set(doc.requestedRows) == Set(0..<9))
        doc.requestedRows = []
        press(b, [.character("G")], width: 80, height: 24)
        #expect(Set(doc.requestedRows) == Set(99_991..<100_000))
        let lines = render(b, width: 80, height: 24)
        #expect(lines[22] == "member 100000 of 100000")
        #expect(lines[10].hasPrefix("arr_99999.npy  <f8    (4,)"))
        doc.requestedRows = []
        press(b, [.pageUp], width: 80, height: 24)
        #expect(Set(doc.requestedRows) == Set(99_982..<99_991))
        #expect(render(b, width: 80, height: 24)[22] == "member 99991 of 100000")
    }

    @Test func gotoAndSearchInTheMemberList() {
        let doc = MockDocument(path: "many.npz", count: 1000) { i in arrayMember("arr_\(i).npy", { MockArray(shape: [2]) }) }
        let b = Browser(documents: [doc])
        press(b, [.character(":")] + typed("-2") + [.enter], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[22] == "member 999 of 1000")
        press(b, [.character("/")] + typed("arr_12.") + [.enter], width: 80, height: 24)
        let lines = render(b, width: 80, height: 24)
        #expect(lines[22] == "member 13 of 1000")
        #expect(lines[23] == "search wrapped to the top")
        press(b, [.character(":")] + typed("1000") + [.enter], width: 80, height: 24)
        #expect(render(b, width: 80, height: 24)[23] == "index 1000 is out of bounds for axis 0 with size 1000")
    }

    @Test func fileChooserWithSeveralFiles() {
        let broken = MockDocument(path: "broken.npz", members: [])
        broken.error = "not a ZIP archive: no end of central directory record"
        let single = MockDocument(path: "one.npy", isArchive: false,
                                  members: [arrayMember("one.npy", { MockArray(shape: [2]) }, method: nil)])
        let b = Browser(documents: [sampleDocument(), broken, single])
        expectLines(render(b, width: 70, height: 8), [
            "npybrowse                                                      3 files",
            "file",
            "data.npz    npz, 3 members",
            "broken.npz  not a ZIP archive: no end of central directory record",
            "one.npy     npy",
            "",
            "file 1 of 3",
            "Enter open  / search  q back  ? help",
        ])
        press(b, [.down, .enter], width: 70, height: 8)
        #expect(render(b, width: 70, height: 8)[7] == "not a ZIP archive: no end of central directory record")
        press(b, [.down, .enter], width: 70, height: 8)
        expectLines(render(b, width: 70, height: 8), [
            "npybrowse › one.npy                                                npy",
            "name     dtype  shape   size",
            "one.npy  <f8    (2,)   144 B",
            "",
            "",
            "",
            "member 1 of 1",
            "Enter open  Tab pane  : goto  / search  x hex  q back  ? help",
        ])
        press(b, [.character("q")], width: 70, height: 8)
        #expect(render(b, width: 70, height: 8)[6] == "file 3 of 3")
        #expect(press(b, [.character("q")], width: 70, height: 8) == [.quit(0)])
    }
}
