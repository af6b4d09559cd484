import Foundation
import Testing
import NPYFormat

/// The `ls` fast path must agree with `Member` on every member it accepts, and leave the rest
/// to it: run over every archive of the fixture corpus and the samples.
@Suite struct QuickListingTests {
    static func archives() -> [String] {
        var out: [String] = []
        for root in [Fixtures.root.path, Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples").path] {
            guard let e = FileManager.default.enumerator(atPath: root) else { continue }
            while let f = e.nextObject() as? String { if f.hasSuffix(".npz") { out.append(root + "/" + f) } }
        }
        return out.sorted()
    }

    @Test func agreesWithMemberOnEveryCorpusArchive() throws {
        let files = Self.archives()
        #expect(files.count > 20, "run Scripts/test (it generates the corpus) first")
        var quick = 0, slow = 0
        for path in files {
            guard let c = try? NPYContainer(path: path) else { continue }
            for i in 0..<c.memberCount {
                let m = c.transientMember(i)
                guard let q = c.quickListing(i) else { slow += 1; continue }
                quick += 1
                guard case .success(let h) = m.header else {
                    Issue.record("\(path) member \(i): fast path accepted what Member refuses: \(m.header)")
                    continue
                }
                #expect(q.dtype.str == h.dtype.str, "\(path) \(m.name)")
                #expect(q.shapeText == h.shapeText, "\(path) \(m.name)")
                #expect(q.isFortranOrder == h.isFortranOrder, "\(path) \(m.name)")
                #expect(q.absoluteDataOffset == m.absoluteDataOffset, "\(path) \(m.name)")
            }
        }
        // numpy's stored members take the fast path; deflated, structured and odd ones do not.
        #expect(quick > 50 && slow > 20, "quick \(quick), slow \(slow)")
    }
}
