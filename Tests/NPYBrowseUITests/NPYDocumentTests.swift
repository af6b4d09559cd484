import Foundation
import Testing
@testable import NPYBrowseUI

/// The adapter between NPYFormat and the browser, on real files of the generated corpus
/// (Tests/Fixtures/gen_corpus.py); expected values are numpy's, from its expected.json.
@Suite struct NPYDocumentTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/generated/corpus")

    /// numpy's text (str of the scalar) of chosen elements of the big signal array, by index;
    /// written by gen_corpus.py next to the file.
    static func numpyText() throws -> [Int: String] {
        let url = corpus.appendingPathComponent("big/signal_text.json")
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("missing \(url.path): run Scripts/test (it generates the corpus)")
            return [:]
        }
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let text = try #require(root["text"] as? [String: String])
        return Dictionary(uniqueKeysWithValues: text.compactMap { k, v in Int(k).map { ($0, v) } })
    }

    /// The deflated signal member (1,000,003 float64, ~8 MB inflated) with a far-read distance
    /// small enough that its last values are a far jump.
    static func deflatedSignal() throws -> NPYArraySource {
        let doc = NPYDocument(path: corpus.appendingPathComponent("big/big_deflated.npz").path)
        #expect(doc.error == nil)
        let source = try #require(try doc.openArray(0) as? NPYArraySource)
        source.farRead = 64 << 10
        return source
    }

    /// Runs the index build in 20 ms slices, as the browser's run loop does, until ready.
    static func prepareFully(_ source: NPYArraySource) throws {
        var slices = 0
        while case .working(_, let done, let total) = try source.prepare(for: .milliseconds(20)) {
            #expect(done <= total)
            slices += 1
            if slices > 10_000 { Issue.record("indexing does not finish"); break }
        }
    }

    @Test func farReadShowsAPlaceholderThenTheValueOnceIndexed() throws {
        let source = try Self.deflatedSignal()
        let n = source.shape[0]
        let expected = try Self.numpyText()
        try #require(expected.count >= 5)
        #expect(source.preparation == .ready)
        // The first values are near: read at once.
        #expect(try source.text(at: [0], field: nil) == expected[0])
        // The last ones are far past what has been inflated: a placeholder, and work to do.
        #expect(try source.text(at: [n - 1], field: nil) == "…")
        guard case .working(let label, let done, let total) = source.preparation else {
            Issue.record("expected indexing to be under way, found \(source.preparation)")
            return
        }
        #expect(label.contains("indexing"))
        #expect(done < total && total >= UInt64(source.dataOffset) + UInt64(n - 1) * 8)
        try Self.prepareFully(source)
        #expect(source.preparation == .ready)
        // Every chosen element, the far ones and (served from a checkpoint) the middle ones.
        for (i, text) in expected.sorted(by: { $0.key > $1.key }) {
            #expect(try source.text(at: [i], field: nil) == text, "element \(i)")
        }
    }

    @Test func escCancelsIndexingAndANearReadAllowsItAgain() throws {
        let source = try Self.deflatedSignal()
        let n = source.shape[0]
        #expect(try source.text(at: [n - 1], field: nil) == "…")
        source.cancelPreparation()
        #expect(source.preparation == .ready)
        // While cancelled, a far read says why it has no value instead of restarting the work.
        #expect(throws: (any Error).self) { try source.text(at: [n - 1], field: nil) }
        #expect(try source.prepare(for: .milliseconds(20)) == .ready)
        // Moving back near the inflated data re-arms far reads.
        _ = try source.text(at: [1], field: nil)
        #expect(try source.text(at: [n - 1], field: nil) == "…")
        #expect(source.preparation != .ready)
    }

    @Test func anUnreadableFileIsADocumentWithAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npyb-doc-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try Data(contentsOf: Self.corpus.appendingPathComponent("big/big_stored.npz"))
        let cut = dir.appendingPathComponent("cut.npz")
        try whole.prefix(whole.count / 2).write(to: cut)
        let doc = NPYDocument(path: cut.path)
        let error = try #require(doc.error)
        #expect(error.contains("cut.npz") && error.contains("at byte"))
        #expect(doc.memberCount == 0)
        #expect(throws: (any Error).self) { try doc.openArray(0) }
    }
}
