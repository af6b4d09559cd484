import Testing
@testable import NPYBrowseUI

/// Runs ticks until the browser is idle (at most `limit`); returns how many it took.
@discardableResult
func drain(_ b: Browser, limit: Int = 10_000) -> Int {
    var n = 0
    while b.isBusy && n < limit {
        _ = b.update(.tick)
        n += 1
    }
    return n
}

@Suite struct SearchTests {
    func table() -> (Browser, MockDocument) {
        arrayBrowser({ MockArray(shape: [50, 4], value: { i, _ in String(i[0] * 4 + i[1]) }) })
    }

    @Test func findsForwardAndWraps() {
        let (b, _) = table()
        press(b, [.character("/")] + typed("77") + [.enter], width: 60, height: 10)
        #expect(!b.isBusy)
        #expect(render(b, width: 60, height: 10)[8] == "a[14:20, 0:4]  row 20/50  col 2/4  [19, 1] = 77")
        // n: the next value containing "77" is 177 at [44, 1]; then back around to 77.
        press(b, [.character("n")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8] == "a[39:45, 0:4]  row 45/50  col 2/4  [44, 1] = 177")
        press(b, [.character("n")], width: 60, height: 10)
        let wrapped = render(b, width: 60, height: 10)
        #expect(wrapped[8] == "a[19:25, 0:4]  row 20/50  col 2/4  [19, 1] = 77")
        #expect(wrapped[9] == "search wrapped to the top")
        // N goes backwards, and n forwards again (vim).
        press(b, [.character("N")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasSuffix("[44, 1] = 177"))
        press(b, [.character("n")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasSuffix("[19, 1] = 77"))
    }

    @Test func exactMatchAndNotFound() {
        let (b, _) = table()
        press(b, [.character("/")] + typed("=7") + [.enter], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasSuffix("[1, 3] = 7"))
        press(b, [.character("/")] + typed("abc") + [.enter], width: 60, height: 10)
        let lines = render(b, width: 60, height: 10)
        #expect(lines[9] == "'abc' not found in the shown plane")
        #expect(lines[8].hasSuffix("[1, 3] = 7"))
        #expect(render(b, width: 60, height: 10)[9] == "'abc' not found in the shown plane")
        press(b, [.character("j")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[9] == ": goto  / search  t transpose  x hex  q back  ? help")
    }

    @Test func searchesOnlyThePlaneOnScreen() {
        let (b, _) = arrayBrowser({ MockArray(shape: [3, 10, 10], value: { i, _ in i.map(String.init).joined(separator: ",") }) })
        press(b, [.character("/")] + typed("=2,5,5") + [.enter], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[9] == "'2,5,5' not found in the shown plane")
        press(b, [.character("]"), .character("]"), .character("/")] + typed("=2,5,5") + [.enter], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8] == "a[2, 0:6, 0:9]  row 6/10  col 6/10  [ ] axis 0")
    }

    @Test func longSearchesRunInSlicesAndEscCancels() {
        let rec = Recorder()
        let options = BrowserOptions(workSlice: .zero)
        let (b, _) = arrayBrowser(rec.make(shape: [1000, 100]), options: options)
        press(b, [.character("/")] + typed("=999.99") + [.enter], width: 60, height: 10)
        // One slice checks 64 elements when the budget is zero; the browser stays responsive.
        #expect(b.isBusy)
        #expect(render(b, width: 60, height: 10)[9] == "searching for '999.99': 64 of 100000 checked; Esc cancels")
        _ = b.update(.tick)
        #expect(b.isBusy)
        press(b, [.escape], width: 60, height: 10)
        #expect(!b.isBusy)
        #expect(render(b, width: 60, height: 10)[9] == "search cancelled")
        press(b, [.character("n")], width: 60, height: 10)
        let ticks = drain(b)
        #expect(ticks > 1000)
        #expect(render(b, width: 60, height: 10)[8] == "a[994:1000, 92:100]  row 1000/1000  col 100/100")
    }

    @Test func searchInMemberNames() {
        let doc = MockDocument(path: "m.npz", members: ["x.npy", "weights.npy", "bias.npy"].map { n in
            arrayMember(n, { MockArray(shape: [1]) })
        })
        let b = Browser(documents: [doc])
        press(b, [.character("/")] + typed("bias") + [.enter], width: 60, height: 24)
        #expect(render(b, width: 60, height: 24)[22] == "member 3 of 3")
        press(b, [.character("/")] + typed("zzz") + [.enter], width: 60, height: 24)
        #expect(render(b, width: 60, height: 24)[23] == "'zzz' not found in member names")
    }
}

@Suite struct PreparationTests {
    func deflated(steps: Int) -> (Browser, () -> MockArray?) {
        final class Box { var array: MockArray? }
        let box = Box()
        let doc = MockDocument(path: "d.npz", members: [
            arrayMember("big.npy", {
                let a = MockArray(shape: [10, 3], preparationSteps: steps)
                box.array = a
                return a
            }, method: "deflate", compressed: 100),
        ])
        return (Browser(documents: [doc]), { box.array })
    }

    @Test func progressIsShownAndKeysStillWork() {
        let (b, array) = deflated(steps: 4)
        press(b, [.enter], width: 40, height: 10)
        #expect(b.isBusy)
        expectLines(render(b, width: 40, height: 10), [
            "npybrowse › d.npz › big.npy  <f8 (10, 3)",
            "indexing: 0%",
            "░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░",
            "0 B of 4.0 KiB; Esc cancels",
            "", "", "", "",
            "big: preparing",
            "Esc cancel",
        ])
        _ = b.update(.tick)
        _ = b.update(.tick)
        #expect(render(b, width: 40, height: 10)[1] == "indexing: 50%")
        #expect(render(b, width: 40, height: 10)[2] == "███████████████████░░░░░░░░░░░░░░░░░░░")
        // Moving keys do nothing meanwhile; no values are read.
        press(b, [.down, .character("G")], width: 40, height: 10)
        #expect(array()!.requested.isEmpty)
        drain(b)
        #expect(!b.isBusy)
        #expect(render(b, width: 40, height: 10)[8] == "big[0:6, 0:3]  row 1/10  col 1/3")
    }

    @Test func escCancelsAndReturnsToTheList() {
        let (b, array) = deflated(steps: 100)
        press(b, [.enter], width: 40, height: 10)
        _ = b.update(.tick)
        press(b, [.escape], width: 40, height: 10)
        #expect(!b.isBusy)
        #expect(array()!.cancelled)
        let lines = render(b, width: 40, height: 10)
        #expect(lines[8] == "member 1 of 1")
        #expect(lines[9] == "indexing cancelled")
    }

    @Test func preparationErrorsAreShown() {
        final class Failing: ArrayDataSource {
            let shape = [3]
            let dtype = "<f8"
            let itemSize = 8
            let isFortranOrder = false
            let dataOffset: UInt64 = 128
            let streamSize: UInt64 = 152
            let streamFileOffset: UInt64? = nil
            var preparation: PreparationStatus { .working(label: "indexing", done: 0, total: 10) }
            func prepare(for budget: Duration) throws -> PreparationStatus {
                throw MockError(description: "at byte 700 of the inflated member: invalid block type")
            }
            func text(at index: [Int], field: Int?) throws -> String { "" }
            func bytes(at offset: UInt64, count: Int) throws -> [UInt8] { [] }
        }
        let doc = MockDocument(path: "d.npz", members: [
            MockMember(summary: MemberSummary(name: "f.npy"), details: MemberDetails(name: "f.npy"), open: { Failing() }),
        ])
        let b = Browser(documents: [doc])
        press(b, [.enter], width: 60, height: 8)
        drain(b)
        #expect(render(b, width: 60, height: 8)[1] == "cannot open f.npy: at byte 700 of the inflated member:")
    }
}

@Suite struct ReloadTests {
    @Test func changedFileIsNoticedAndReloadKeepsThePlace() {
        let doc = MockDocument(path: "r.npz", members: [
            arrayMember("a.npy", { MockArray(shape: [5]) }),
            arrayMember("b.npy", { MockArray(shape: [40, 3]) }),
        ])
        let fresh = MockDocument(path: "r.npz", members: [
            arrayMember("b.npy", { MockArray(shape: [40, 3], value: { i, _ in "new\(i[0])" }) }),
        ])
        doc.reopened = { fresh }
        let b = Browser(documents: [doc])
        press(b, [.down, .enter, .character(":")] + typed("20, 2") + [.enter], width: 60, height: 10)
        _ = b.update(.tick)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("b[20:26, 0:3]  row 21/40"))
        doc.changed = true
        _ = b.update(.tick)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("file changed on disk: R reloads  b[20:26, 0:3]"))
        press(b, [.character("R")], width: 60, height: 10)
        let lines = render(b, width: 60, height: 10)
        #expect(doc.reopenCount == 1)
        #expect(lines[8] == "b[20:26, 0:3]  row 21/40  col 3/3  [20, 2] = new20")
        #expect(lines[9] == "reloaded r.npz")
        // Back in the list, the member keeps its selection at its new position.
        press(b, [.character("q")], width: 60, height: 24)
        #expect(render(b, width: 60, height: 24)[22] == "member 1 of 1")
    }

    @Test func reloadWhenTheMemberIsGone() {
        let doc = MockDocument(path: "r.npz", members: [arrayMember("a.npy", { MockArray(shape: [5]) })])
        doc.reopened = { MockDocument(path: "r.npz", members: [arrayMember("z.npy", { MockArray(shape: [2]) })]) }
        let b = Browser(documents: [doc])
        press(b, [.enter, .character("R")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[9] == "reloaded; member 'a.npy' is gone")
        #expect(render(b, width: 60, height: 10)[1].hasPrefix("name   dtype  shape"))
    }

    @Test func failedReloadKeepsTheOldDocument() {
        let doc = MockDocument(path: "r.npz", members: [arrayMember("a.npy", { MockArray(shape: [5]) })])
        doc.reopened = { throw MockError(description: "r.npz: no such file") }
        let b = Browser(documents: [doc])
        press(b, [.character("R")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[9] == "reload failed: r.npz: no such file")
        #expect(render(b, width: 60, height: 10)[8] == "member 1 of 1")
    }
}

@Suite struct HelpAndKeysTests {
    @Test func helpListsEveryBindingAt40x10() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.character("?")], width: 40, height: 10)
        var seen: [String] = []
        for _ in 0..<200 {
            seen += render(b, width: 40, height: 10)[1...7]
            press(b, [.down], width: 40, height: 10)
        }
        let text = seen.joined(separator: "\n")
        for binding in KeyMap.standard.bindings {
            #expect(text.contains(binding.command.name), "\(binding.command.name)")
        }
        for command in Command.allCases {
            let keys = KeyMap.standard.keys(for: command).map(\.displayName).joined(separator: " ")
            #expect(seen.contains("  " + keys + "  " + command.name), "\(keys) \(command.name)")
        }
        press(b, [.character("q")], width: 40, height: 10)
        #expect(render(b, width: 40, height: 10)[8] == "member 1 of 3")
    }

    @Test func helpAt80ColumnsIsOneLinePerCommand() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.function(1)], width: 100, height: 12)
        expectLines(render(b, width: 100, height: 12), [
            "npybrowse › data.npz                                                                            help",
            "Moving",
            "  Up k              go-up            previous row (member, help line)",
            "  Down j            go-down          next row",
            "  Left h            go-left          previous column",
            "  Right l           go-right         next column",
            "  PgUp b            page-up          one screen up",
            "  PgDn Space        page-down        one screen down",
            "  g Home            go-first-row     first row",
            "  G End             go-last-row      last row",
            "help: line 1 of 41",
            "Down move  PgDn page  q back  ? help",
        ])
    }

    @Test func quitAndBackSemantics() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.enter], width: 60, height: 10)
        #expect(press(b, [.character("q")], width: 60, height: 10) == [])
        #expect(press(b, [.character("q")], width: 60, height: 10) == [.quit(0)])
        let b2 = Browser(documents: [sampleDocument()])
        press(b2, [.enter, .character("x")], width: 60, height: 10)
        #expect(press(b2, [.character("Q")], width: 60, height: 10) == [.quit(0)])
        #expect(b2.update(.key(.control("l"))) == [.redrawAll])
        #expect(b2.update(.command(.quit)) == [.quit(0)])
    }

    @Test func escClosesOverlaysButDoesNotQuit() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.enter, .character("x")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasSuffix(": hex"))
        press(b, [.escape], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("grid[0:3, 0:4]"))
        #expect(press(b, [.escape], width: 60, height: 10) == [])
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("grid[0:3, 0:4]"))
    }

    @Test func unboundKeysSaySo() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.character("Z")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[9] == "Z is not bound; ? lists the keys")
    }

    @Test func tabInTheArrayShowsTheInfoPane() {
        let b = Browser(documents: [sampleDocument()])
        press(b, [.enter, .tab], width: 60, height: 10)
        let lines = render(b, width: 60, height: 10)
        #expect(lines[1] == "name          grid.npy")
        #expect(lines[8] == "grid: info")
        press(b, [.tab], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("grid[0:3, 0:4]"))
    }
}

@Suite struct ReadsWhilePreparingTests {
    @Test func gridShowsAtOnceAndProgressGoesToTheBottomLine() {
        final class Box { var array: MockArray? }
        let box = Box()
        let doc = MockDocument(path: "d.npz", members: [
            arrayMember("big.npy", {
                let a = MockArray(shape: [10, 3], preparationSteps: 4)
                a.readsDuringPreparation = true
                box.array = a
                return a
            }, method: "deflate", compressed: 100),
        ])
        let b = Browser(documents: [doc])
        press(b, [.enter], width: 60, height: 10)
        #expect(b.isBusy)
        var lines = render(b, width: 60, height: 10)
        #expect(lines[2] == "0│0.0 0.1 0.2")
        #expect(lines[9] == "indexing: 0% of 4.0 KiB; values far in may be slow; Esc sto…")
        _ = b.update(.tick)
        press(b, [.down], width: 60, height: 10)
        lines = render(b, width: 60, height: 10)
        #expect(lines[8].hasPrefix("big[0:6, 0:3]  row 2/10"))
        #expect(lines[9].hasPrefix("indexing: 25% of 4.0 KiB"))
        // Esc stops the indexing and keeps the values.
        press(b, [.escape], width: 60, height: 10)
        #expect(!b.isBusy && box.array!.cancelled)
        lines = render(b, width: 60, height: 10)
        #expect(lines[3] == "1│1.0 1.1 1.2")
        #expect(lines[9] == "indexing stopped: reads far into the member will be slower")
    }

    @Test func leavingTheArrayStopsTheIndexing() {
        final class Box { var array: MockArray? }
        let box = Box()
        let doc = MockDocument(path: "d.npz", members: [
            arrayMember("big.npy", {
                let a = MockArray(shape: [10, 3], preparationSteps: 100)
                a.readsDuringPreparation = true
                box.array = a
                return a
            }, method: "deflate", compressed: 100),
        ])
        let b = Browser(documents: [doc])
        press(b, [.enter, .character("q")], width: 60, height: 10)
        #expect(!b.isBusy && box.array!.cancelled)
    }
}

@Suite struct EdgeTests {
    @Test func searchPositionsNeverOverflow() {
        let big = SearchJob(query: "x", isExact: false, isForward: true, scope: .plane, total: Int.max, origin: Int.max - 2)
        #expect(big.position(1) == Int.max - 1)
        #expect(big.position(2) == 0)
        #expect(big.position(Int.max) == Int.max - 2)
        let back = SearchJob(query: "x", isExact: false, isForward: false, scope: .plane, total: 10, origin: 1)
        #expect((1...10).map(back.position) == [0, 9, 8, 7, 6, 5, 4, 3, 2, 1])
        let fwd = SearchJob(query: "x", isExact: false, isForward: true, scope: .plane, total: 4, origin: 2)
        #expect((1...4).map(fwd.position) == [3, 0, 1, 2])
    }

    @Test func hugeShapesWithZeroItemSize() {
        // dtype S0 costs no bytes, so a header may declare an enormous shape.
        let (b, _) = arrayBrowser({ MockArray(shape: [Int.max / 2, 3], dtype: "|S0", itemSize: 0, value: { _, _ in "b''" }) })
        press(b, [.character("G"), .character("$"), .pageDown, .character("x")], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("a[4611686018427387902, 2]: hex"))
        press(b, [.character("x"), .character(":")] + typed("-1, -1") + [.enter], width: 60, height: 10)
        #expect(render(b, width: 60, height: 10)[8].hasPrefix("a[4611686018427387897:4611686018427387903, 0:3]"))
    }

    @Test func zeroDimensionalStructured() {
        let fields = [FieldColumn(name: "a", dtype: "<i4", byteOffset: 0, byteCount: 4),
                      FieldColumn(name: "b", dtype: "<f8", byteOffset: 4, byteCount: 8)]
        let (b, _) = arrayBrowser({ MockArray(shape: [], dtype: "|V12", itemSize: 12, fields: fields, value: { _, f in f == 0 ? "7" : "2.5" }) })
        expectLines(Array(render(b, width: 40, height: 5)[1...3]), [
            "  │a   b",
            "()│7 2.5",
            "a[()] fields 0:2  col 1/2  [()]['a'] = 7",
        ])
    }
}
