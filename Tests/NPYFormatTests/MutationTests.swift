import Foundation
import Testing
@testable import NPYFormat

/// Go's archive/zip `messWith` idea: every fixture truncated at each structural boundary and
/// with seeded byte flips over its header and directory regions. Each mutant must open to
/// facts or fail with a `FormatError` naming a byte offset: never a trap, a hang or a huge allocation.
@Suite struct Mutations {
    /// Every small fixture file of the generated corpus and the samples.
    static func fixtureFiles() -> [URL] {
        let roots = [Fixtures.root.appendingPathComponent("corpus"), Fixtures.root.appendingPathComponent("zip"),
                     Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")]
        var files: [URL] = []
        for root in roots {
            guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey]) else { continue }
            for case let u as URL in e where ["npy", "npz", "zip"].contains(u.pathExtension) {
                let size = (try? u.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
                if size > 0 && size <= 4 << 20 && !u.path.contains("/malformed/") { files.append(u) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Structural boundaries of a well-formed file, from our own reading of it.
    static func boundaries(of c: NPYContainer) -> [Int] {
        var b: Set<Int> = [0, 1, 4, 6, 8, 9, 10, 11, 12, 13]
        let size = Int(c.file.size)
        if let z = c.archive {
            b.formUnion([Int(z.centralDirectoryOffset), Int(z.centralDirectoryOffset) + 1, Int(z.centralDirectoryOffset + z.centralDirectorySize),
                         Int(z.endRecordOffset), Int(z.endRecordOffset) + 12, Int(z.endRecordOffset) + 21, Int(z.endRecordOffset) + 22])
            for e in z.entries.prefix(64) {
                let lh = Int(e.localHeaderOffset)
                b.formUnion([lh, lh + 4, lh + 26, lh + 30, Int(e.centralHeaderOffset), Int(e.centralHeaderOffset) + 46])
                if let d = try? z.dataRange(of: e) {
                    let o = Int(d.offset)
                    b.formUnion([o, o + 8, o + 10, o + 64, o + Int(d.length) / 2, o + Int(d.length) - 1, o + Int(d.length)])
                }
            }
        } else if case .success(let h) = c.member(0).header {
            b.formUnion([h.dataOffset - 1, h.dataOffset, h.dataOffset + h.dataBytes / 2, h.dataOffset + h.dataBytes - 1, 8 + h.headerLength / 2])
        }
        return b.filter { $0 >= 0 && $0 < size }.sorted()
    }

    /// Regions whose bytes are structure (headers, directory), for flips.
    static func structuralRegions(of c: NPYContainer) -> [Range<Int>] {
        let size = Int(c.file.size)
        var r: [Range<Int>] = []
        if let z = c.archive {
            r.append(Int(z.centralDirectoryOffset)..<size)
            for e in z.entries.prefix(64) {
                let lh = Int(e.localHeaderOffset)
                let end = (try? z.dataRange(of: e)).map { Int($0.offset) + 256 } ?? lh + 128
                r.append(lh..<min(end, size))
            }
        } else {
            let end = (try? c.member(0).header.get()).map { $0.dataOffset } ?? 256
            r.append(0..<min(end, size))
        }
        return r.filter { !$0.isEmpty }
    }

    /// Opens the bytes as the CLI does and touches everything a listing and a first/last page touch.
    static func exercise(_ bytes: [UInt8], scratch: String) -> String? {
        _ = FileManager.default.createFile(atPath: scratch, contents: Data(bytes))
        do {
            let c = try NPYContainer(path: scratch)
            _ = Facts.file(c).serialized(pretty: false)
            for i in 0..<min(c.memberCount, 64) {
                guard let a = try? c.member(i).array() else { continue }
                let v = a.fullView
                guard v.count > 0 else { continue }
                for idx in [[Int](repeating: 0, count: v.shape.count), v.shape.map { $0 - 1 }] {
                    do { _ = try a.text(view: v, index: idx) } catch let e as FormatError {
                        if let p = problem(e) { return p }
                    }
                }
            }
            return nil
        } catch let e as FormatError {
            return problem(e)
        } catch {
            return "non-FormatError thrown: \(error)"
        }
    }

    /// A FormatError must name the file and, unless it is about the file as a whole, a byte offset.
    static func problem(_ e: FormatError) -> String? {
        let d = e.description
        if d.contains("\n") { return "multi-line error: \(d)" }
        if e.file == nil { return "error without the file: \(d)" }
        if e.location == .none && !d.contains("empty file") { return "error without a byte offset: \(d)" }
        return nil
    }

    @Test func truncationsAndFlipsFailCleanly() throws {
        let files = Self.fixtureFiles()
        #expect(files.count >= 20, "the corpus is missing: run Scripts/test (or Tests/Fixtures/gen_corpus.py)")
        let scratch = NSTemporaryDirectory() + "npybrowse-mutant-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var rng = SplitMix(seed: 0x5eed)
        var mutants = 0
        for url in files {
            let original = [UInt8](try Data(contentsOf: url))
            guard let good = try? NPYContainer(path: url.path) else { continue }
            for cut in Self.boundaries(of: good) {
                mutants += 1
                if let p = Self.exercise(Array(original[0..<cut]), scratch: scratch) {
                    Issue.record("\(url.lastPathComponent) truncated at \(cut): \(p)")
                }
            }
            let regions = Self.structuralRegions(of: good)
            for _ in 0..<24 {
                var m = original
                let region = regions[Int(rng.next() % UInt64(regions.count))]
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let at = region.lowerBound + Int(rng.next() % UInt64(region.count))
                    m[at] = UInt8(truncatingIfNeeded: rng.next())
                }
                mutants += 1
                if let p = Self.exercise(m, scratch: scratch) {
                    Issue.record("\(url.lastPathComponent) with flipped bytes: \(p)")
                }
            }
        }
        #expect(mutants > 500)
    }
}

/// A small deterministic RNG (SplitMix64) for reproducible mutations.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
