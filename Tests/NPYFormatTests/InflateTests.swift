import CZlib
import NPYFormat
import Testing

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Helpers: deterministic data and zlib's own deflate

/// SplitMix64: small, seeded, deterministic.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum TestData {
    /// float64 values of a noisy random walk: realistic, poorly compressible mantissas, small deflate blocks.
    static func floats(count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededRNG(seed: seed)
        var out = [UInt8](repeating: 0, count: count * 8)
        out.withUnsafeMutableBytes { raw in
            var x: Int64 = 0
            for i in 0..<count {
                x &+= Int64(rng.next() % 2001) - 1000
                let v = Double(x) * 0.001
                raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self)
            }
        }
        return out
    }

    /// A short pattern repeated: zlib makes very large blocks of it.
    static func repetitive(count: Int) -> [UInt8] {
        let pattern: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 13) }
        var out: [UInt8] = []
        out.reserveCapacity(count + pattern.count)
        while out.count < count { out.append(contentsOf: pattern) }
        out.removeLast(out.count - count)
        return out
    }

    /// Random bytes.
    static func random(count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededRNG(seed: seed)
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { raw in
            var i = 0
            while i + 8 <= count { raw.storeBytes(of: rng.next(), toByteOffset: i, as: UInt64.self); i += 8 }
            while i < count { raw[i] = UInt8(truncatingIfNeeded: rng.next()); i += 1 }
        }
        return out
    }
}

/// Raw deflate (windowBits -15, as in ZIP) through zlib itself.
enum Deflater {
    /// Compresses `data`; with `syncFlushOnly` the stream is flushed to a byte boundary but not finished.
    static func raw(_ data: [UInt8], level: Int32 = 6, strategy: Int32 = Z_DEFAULT_STRATEGY,
                    syncFlushOnly: Bool = false) -> [UInt8] {
        let strm = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        strm.initialize(to: z_stream())
        defer { deflateEnd(strm); strm.deallocate() }
        let r = deflateInit2_(strm, level, Z_DEFLATED, -15, 8, strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(r == Z_OK)
        var out = [UInt8](repeating: 0, count: Int(deflateBound(strm, uLong(data.count))) + 64)
        var produced = 0
        data.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                var fed = 0
                let chunk = 1 << 30
                while true {
                    if strm.pointee.avail_in == 0 && fed < data.count {
                        let n = min(chunk, data.count - fed)
                        strm.pointee.next_in = UnsafeMutablePointer(mutating: src.baseAddress!.assumingMemoryBound(to: Bytef.self) + fed)
                        strm.pointee.avail_in = uInt(n)
                        fed += n
                    }
                    let room = min(chunk, dst.count - produced)
                    strm.pointee.next_out = dst.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                    strm.pointee.avail_out = uInt(room)
                    let flush = fed < data.count ? Z_NO_FLUSH : (syncFlushOnly ? Z_SYNC_FLUSH : Z_FINISH)
                    let ret = deflate(strm, flush)
                    produced += room - Int(strm.pointee.avail_out)
                    if ret == Z_STREAM_END { break }
                    precondition(ret == Z_OK || ret == Z_BUF_ERROR)
                    if syncFlushOnly && fed == data.count && strm.pointee.avail_in == 0 && strm.pointee.avail_out > 0 { break }
                }
            }
        }
        out.removeSubrange(produced...)
        return out
    }

    /// `count` zero bytes deflated, fed in 1 MiB pieces (a zip-bomb shape without the big buffer).
    static func zeros(count: Int) -> [UInt8] {
        let strm = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        strm.initialize(to: z_stream())
        defer { deflateEnd(strm); strm.deallocate() }
        precondition(deflateInit2_(strm, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        let piece = [UInt8](repeating: 0, count: 1 << 20)
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        var left = count
        piece.withUnsafeBytes { src in
            buf.withUnsafeMutableBytes { dst in
                while true {
                    if strm.pointee.avail_in == 0 && left > 0 {
                        let n = min(left, piece.count)
                        strm.pointee.next_in = UnsafeMutablePointer(mutating: src.baseAddress!.assumingMemoryBound(to: Bytef.self))
                        strm.pointee.avail_in = uInt(n)
                        left -= n
                    }
                    strm.pointee.next_out = dst.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    strm.pointee.avail_out = uInt(dst.count)
                    let ret = deflate(strm, left > 0 || strm.pointee.avail_in > 0 ? Z_NO_FLUSH : Z_FINISH)
                    out.append(contentsOf: dst[0..<(dst.count - Int(strm.pointee.avail_out))])
                    if ret == Z_STREAM_END { break }
                    precondition(ret == Z_OK || ret == Z_BUF_ERROR)
                }
            }
        }
        return out
    }
}

func crcOf(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBytes { p in
        var c: uLong = 0
        var i = 0
        while i < p.count {
            let n = min(1 << 30, p.count - i)
            c = crc32(c, p.baseAddress!.assumingMemoryBound(to: Bytef.self) + i, uInt(n))
            i += n
        }
        return UInt32(truncatingIfNeeded: c)
    }
}

func source(_ data: [UInt8], level: Int32 = 6, strategy: Int32 = Z_DEFAULT_STRATEGY,
            spacing: UInt64 = 256 * 1024, budget: Int = InflatedSource.defaultIndexBudget) -> InflatedSource {
    let z = Deflater.raw(data, level: level, strategy: strategy)
    return InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count), expectedCRC: crcOf(data),
                          spacing: spacing, indexBudget: budget)
}

/// Reads `count` bytes at `offset` from `src` and compares them with `data`.
func expectRead(_ src: InflatedSource, _ data: [UInt8], at offset: Int, count: Int,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
    let got = try src.bytes(at: UInt64(offset), count: count)
    let same = got.withUnsafeBytes { g in
        data.withUnsafeBytes { d in memcmp(g.baseAddress!, d.baseAddress! + offset, count) == 0 }
    }
    #expect(same, "bytes differ at offset \(offset), count \(count)", sourceLocation: sourceLocation)
}

/// Random reads (seeded), plus offset 0 and the last byte, compared with `data`.
func expectRandomReads(_ src: InflatedSource, _ data: [UInt8], seed: UInt64, reads: Int, maxLength: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
    var rng = SeededRNG(seed: seed)
    let n = data.count
    try expectRead(src, data, at: n - 1, count: 1, sourceLocation: sourceLocation)
    try expectRead(src, data, at: 0, count: 1, sourceLocation: sourceLocation)
    try expectRead(src, data, at: 0, count: min(n, maxLength), sourceLocation: sourceLocation)
    try expectRead(src, data, at: n - min(n, maxLength), count: min(n, maxLength), sourceLocation: sourceLocation)
    for _ in 0..<reads {
        let len = Int.random(in: 1...min(n, maxLength), using: &rng)
        let off = Int.random(in: 0...(n - len), using: &rng)
        try expectRead(src, data, at: off, count: len, sourceLocation: sourceLocation)
    }
}

func noProgress(_: UInt64, _: UInt64) -> Bool { true }

/// The cost measure checkpoints are spaced by: compressed bytes plus half the inflated bytes.
func work(_ a: CheckpointInfo, _ b: CheckpointInfo) -> UInt64 {
    (b.compressedOffset - a.compressedOffset) + (b.inflatedOffset - a.inflatedOffset) / 2
}

/// Checkpoints are in order and at least `spacing` apart.
func spacedOut(_ points: [CheckpointInfo], _ spacing: UInt64) -> Bool {
    zip(points, points.dropFirst()).allSatisfy {
        $1.inflatedOffset > $0.inflatedOffset && $1.compressedOffset >= $0.compressedOffset && work($0, $1) >= spacing
    }
}

/// Runs `body`, which must throw a FormatError; returns it.
func formatError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> FormatError? {
    do {
        try body()
        Issue.record("expected a FormatError, none was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let e as FormatError {
        return e
    } catch {
        Issue.record("expected a FormatError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

// MARK: - Reading through the index

@Suite struct InflateTests {
    @Test func floatDataRandomReadsThroughIndex() throws {
        let data = TestData.floats(count: 1 << 20, seed: 1)  // 8 MiB
        let src = source(data)
        try src.buildIndex(upTo: src.size, progress: noProgress)
        #expect(src.indexedUpTo == src.size)
        let points = src.checkpoints
        #expect(points.count >= 16)
        #expect(points.first?.inflatedOffset == 0)
        #expect(spacedOut(points, 256 * 1024))
        // Restarting mid-byte (inflatePrime) is exercised: dynamic blocks end at arbitrary bits.
        #expect(points.contains { $0.bits != 0 })
        try expectRandomReads(src, data, seed: 11, reads: 300, maxLength: 200_000)
    }

    @Test func floatDataReadsWithoutBuildingIndexFirst() throws {
        let data = TestData.floats(count: 1 << 19, seed: 2)  // 4 MiB
        let src = source(data)
        try expectRandomReads(src, data, seed: 12, reads: 200, maxLength: 70_000)
        #expect(src.checkpointCount > 1)
    }

    @Test(arguments: [Int32(6), 9])
    func repetitiveDataBigBlocks(level: Int32) throws {
        let data = TestData.repetitive(count: 24 << 20)
        let src = source(data, level: level)
        try src.buildIndex(upTo: src.size, progress: noProgress)
        // Blocks of several MiB: checkpoints can only be at their boundaries.
        #expect(src.checkpointCount < 24 << 20 / (256 * 1024))
        try expectRandomReads(src, data, seed: 13, reads: 150, maxLength: 300_000)
    }

    @Test func storedBlocks() throws {
        let data = TestData.random(count: 3 << 20, seed: 3)
        let src = source(data, level: 0, spacing: 128 * 1024)
        try expectRandomReads(src, data, seed: 14, reads: 200, maxLength: 100_000)
        #expect(src.checkpointCount >= 10)
        // Incompressible windows are kept as they are.
        #expect(src.checkpoints.dropFirst().allSatisfy { !$0.windowCompressed && $0.windowBytes == 32 * 1024 })
    }

    @Test func fixedHuffmanBlocks() throws {
        let data = TestData.floats(count: 300_000, seed: 4)
        let src = source(data, strategy: Z_FIXED, spacing: 64 * 1024)
        try expectRandomReads(src, data, seed: 15, reads: 150, maxLength: 50_000)
        #expect(src.checkpointCount > 4)
    }

    @Test func tinyAndEmptyStreams() throws {
        let tiny = Array("hello, npy".utf8)
        let src = source(tiny)
        for off in 0..<tiny.count {
            for len in 1...(tiny.count - off) { try expectRead(src, tiny, at: off, count: len) }
        }
        let whole = try src.checkWhole(progress: noProgress)
        #expect(whole.crc32 == crcOf(tiny) && whole.inflatedSize == UInt64(tiny.count))

        let empty = source([])
        #expect(try empty.bytes(at: 0, count: 0) == [])
        try empty.buildIndex(upTo: 0, progress: noProgress)
        let e = try empty.checkWhole(progress: noProgress)
        #expect(e.crc32 == 0 && e.inflatedSize == 0)
        let err = formatError { _ = try empty.bytes(at: 0, count: 1) }
        #expect(err?.location == .inflated(0))
    }

    @Test func backwardAndForwardReadsInterleaved() throws {
        let data = TestData.floats(count: 1 << 20, seed: 5)
        let src = source(data)
        let page = 64 * 1024
        // Forward page by page, then backward, then the same page twice, then jumps both ways.
        var offsets: [Int] = []
        for i in 0..<40 { offsets.append(i * page) }
        for i in stride(from: 39, through: 0, by: -1) { offsets.append(i * page + 123) }
        offsets += [5 * page, 5 * page, 100 * page, 3 * page, 120 * page - 7, 2, 64 * page + 1]
        for off in offsets { try expectRead(src, data, at: off, count: min(page, data.count - off)) }
        var rng = SeededRNG(seed: 16)
        var pos = data.count / 2
        for _ in 0..<200 {
            let delta = Int.random(in: -3 * page...3 * page, using: &rng)
            pos = min(max(0, pos + delta), data.count - page)
            try expectRead(src, data, at: pos, count: page)
        }
    }

    @Test func readsSpanningMoreThanTheCache() throws {
        let data = TestData.floats(count: 1 << 20, seed: 6)
        let src = source(data)
        try expectRead(src, data, at: 0, count: data.count)
        try expectRead(src, data, at: 1_000_001, count: 3_000_000)
        try expectRead(src, data, at: 17, count: 1_500_000)
    }

    // MARK: - Index building

    @Test func buildIndexProgressAndCancellation() throws {
        let data = TestData.floats(count: 3 << 20, seed: 7)  // 24 MiB
        let src = source(data)
        var calls: [(UInt64, UInt64)] = []
        #expect(throws: InflateCancelled.self) {
            try src.buildIndex(upTo: src.size) { done, total in
                calls.append((done, total))
                return calls.count < 2
            }
        }
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { $0.1 == src.size && $0.0 <= $0.1 })
        let partial = src.indexedUpTo
        #expect(partial > 0 && partial < src.size)
        // Reads still work after a cancelled build, and building again resumes.
        try expectRead(src, data, at: data.count - 10, count: 10)
        var last: UInt64 = 0
        var monotonic = true
        try src.buildIndex(upTo: src.size) { done, total in
            monotonic = monotonic && done >= last && total == src.size
            last = done
            return true
        }
        #expect(monotonic)
        #expect(src.indexedUpTo == src.size)
        try expectRandomReads(src, data, seed: 17, reads: 100, maxLength: 65_536)
        // buildIndex up to an offset already covered returns at once.
        try src.buildIndex(upTo: 5) { _, _ in Issue.record("no progress expected"); return true }
    }

    @Test func buildIndexPartway() throws {
        let data = TestData.floats(count: 2 << 20, seed: 8)  // 16 MiB
        let src = source(data)
        try src.buildIndex(upTo: 5 << 20, progress: noProgress)
        #expect(src.indexedUpTo >= 5 << 20)
        #expect(src.indexedUpTo < src.size)
        #expect(src.checkpoints.allSatisfy { $0.inflatedOffset <= src.indexedUpTo })
        try expectRandomReads(src, data, seed: 18, reads: 60, maxLength: 65_536)
    }

    @Test func checkWholeGivesCRCAndSizeAndBuildsIndex() throws {
        let data = TestData.floats(count: 1 << 20, seed: 9)
        let src = source(data)
        var reports = 0
        let r = try src.checkWhole { _, total in reports += 1; return total == src.size }
        #expect(r.crc32 == crcOf(data))
        #expect(r.inflatedSize == UInt64(data.count))
        #expect(reports >= 1)
        #expect(src.indexedUpTo == src.size)
        #expect(src.checkpointCount > 8)
        #expect(throws: InflateCancelled.self) { _ = try source(data).checkWhole { _, _ in false } }
    }

    @Test func sequentialPassChecksCRC() throws {
        let data = TestData.floats(count: 100_000, seed: 10)
        let z = Deflater.raw(data)
        let good = InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count), expectedCRC: crcOf(data))
        for off in stride(from: 0, to: data.count, by: 4096) {
            try expectRead(good, data, at: off, count: min(4096, data.count - off))
        }
        let bad = InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count), expectedCRC: crcOf(data) ^ 1)
        let err = formatError {
            for off in stride(from: 0, to: data.count, by: 4096) {
                _ = try bad.bytes(at: UInt64(off), count: min(4096, data.count - off))
            }
        }
        #expect(err?.message.contains("CRC-32") == true)
    }

    @Test func concurrentBuildAndReads() async throws {
        let data = TestData.floats(count: 4 << 20, seed: 19)  // 32 MiB
        let src = source(data)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try src.buildIndex(upTo: src.size, progress: noProgress) }
            group.addTask { try expectRandomReads(src, data, seed: 20, reads: 150, maxLength: 65_536) }
            group.addTask { _ = try src.checkWhole(progress: noProgress) }
            try await group.waitForAll()
        }
        #expect(src.indexedUpTo == src.size)
        let points = src.checkpoints
        #expect(spacedOut(points, src.checkpointSpacing))
        try expectRandomReads(src, data, seed: 21, reads: 100, maxLength: 65_536)
    }

    // MARK: - Memory

    @Test func indexMemoryBoundOn200MBMember() throws {
        let data = TestData.floats(count: 25_000_000, seed: 22)  // 200 MB
        let z = Deflater.raw(data, level: 1)
        let src = InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count))
        try src.buildIndex(upTo: src.size, progress: noProgress)
        let count = src.checkpointCount
        let mem = src.indexMemoryBytes
        // At most one checkpoint per spacing, each at most a 32 KiB window plus its record.
        let totalWork = z.count + data.count / 2
        #expect(count <= totalWork / Int(InflatedSource.defaultSpacing) + 1)
        #expect(count >= totalWork / Int(InflatedSource.defaultSpacing) / 2)
        #expect(spacedOut(src.checkpoints, src.checkpointSpacing))
        #expect(mem <= count * (32 * 1024 + 128))
        #expect(mem <= InflatedSource.defaultIndexBudget)
        try expectRandomReads(src, data, seed: 23, reads: 40, maxLength: 65_536)

        // A tight budget thins the index instead of growing it.
        let tight = InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count),
                                   spacing: InflatedSource.defaultSpacing, indexBudget: 1 << 20)
        try tight.buildIndex(upTo: tight.size, progress: noProgress)
        #expect(tight.indexMemoryBytes <= 1 << 20)
        #expect(tight.checkpointSpacing > InflatedSource.defaultSpacing)
        #expect(tight.checkpointCount < count)
        try expectRandomReads(tight, data, seed: 24, reads: 20, maxLength: 65_536)
    }

    // MARK: - Hostile input

    @Test func truncatedStream() throws {
        let data = TestData.floats(count: 500_000, seed: 25)
        let z = Deflater.raw(data)
        let cut = Array(z[0..<(z.count / 2)])
        let src = InflatedSource(compressed: MemorySource(cut), declaredSize: UInt64(data.count))
        try expectRead(src, data, at: 0, count: 1000)
        let err = formatError { _ = try src.bytes(at: UInt64(data.count - 8), count: 8) }
        #expect(err?.message.contains("compressed bytes end") == true)
        guard case .inflated(let at)? = err?.location else { Issue.record("expected an inflated location"); return }
        #expect(at > 0 && at < UInt64(data.count))
        let err2 = formatError { try src.buildIndex(upTo: src.size, progress: noProgress) }
        #expect(err2?.location == .inflated(at))
        let err3 = formatError { _ = try src.checkWhole(progress: noProgress) }
        #expect(err3?.location == .inflated(at))
        // The bytes before the cut are still readable.
        try expectRead(src, data, at: Int(at) - 5000, count: 5000)

        let nothing = InflatedSource(compressed: MemorySource([]), declaredSize: 100)
        #expect(formatError { _ = try nothing.bytes(at: 0, count: 1) }?.location == .inflated(0))
    }

    @Test func corruptStream() throws {
        let data = TestData.floats(count: 65_536, seed: 26)  // 512 KiB
        // A valid, byte-aligned prefix followed by 0xFF: block type 3, which does not exist.
        var z = Deflater.raw(data, syncFlushOnly: true)
        z += [0xFF, 0xFF, 0xFF, 0xFF]
        let src = InflatedSource(compressed: MemorySource(z), declaredSize: UInt64(data.count) + 1000)
        try expectRead(src, data, at: 0, count: data.count)
        let err = formatError { _ = try src.bytes(at: UInt64(data.count), count: 10) }
        #expect(err?.location == .inflated(UInt64(data.count)))
        #expect(err?.message.contains("invalid block type") == true)
        #expect(formatError { _ = try src.checkWhole(progress: noProgress) }?.location == .inflated(UInt64(data.count)))
    }

    @Test func randomlyDamagedStreamsFailCleanly() throws {
        let data = TestData.floats(count: 200_000, seed: 27)
        let z = Deflater.raw(data)
        var rng = SeededRNG(seed: 28)
        for _ in 0..<40 {
            var bad = z
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bad[Int.random(in: 0..<bad.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            let src = InflatedSource(compressed: MemorySource(bad), declaredSize: UInt64(data.count), spacing: 64 * 1024,
                                     indexBudget: InflatedSource.defaultIndexBudget)
            // Either the bytes come back or a FormatError says where it went wrong; never a hang or a crash.
            for off in [0, data.count / 3, data.count - 4096, 1000] {
                do { _ = try src.bytes(at: UInt64(off), count: 4096) } catch is FormatError {}
            }
            do { _ = try src.checkWhole(progress: noProgress) } catch is FormatError {}
        }
    }

    @Test func declaredSizeTooLarge() throws {
        let data = TestData.floats(count: 300_000, seed: 29)
        let z = Deflater.raw(data)
        let n = UInt64(data.count)
        let src = InflatedSource(compressed: MemorySource(z), declaredSize: n + 1000)
        try expectRead(src, data, at: data.count - 5000, count: 5000)
        let err = formatError { _ = try src.bytes(at: n - 10, count: 20) }
        #expect(err?.location == .inflated(n))
        #expect(err?.message == "expected \(n + 1000) inflated bytes (the size in the zip directory), found the deflate stream ends after \(n)")
        #expect(formatError { try src.buildIndex(upTo: n + 1000, progress: noProgress) }?.location == .inflated(n))
        #expect(formatError { _ = try src.checkWhole(progress: noProgress) }?.location == .inflated(n))

        // A member claiming 10 GiB that holds 16 MiB: nothing is allocated from the claim.
        let small = TestData.repetitive(count: 16 << 20)
        let claim: UInt64 = 10 << 30
        let liar = InflatedSource(compressed: MemorySource(Deflater.raw(small)), declaredSize: claim)
        let e2 = formatError { try liar.buildIndex(upTo: claim, progress: noProgress) }
        #expect(e2?.location == .inflated(16 << 20))
        #expect(formatError { _ = try liar.bytes(at: claim - 100, count: 100) }?.location == .inflated(16 << 20))
        #expect(liar.indexMemoryBytes < 1 << 20)
    }

    @Test func declaredSizeTooSmall() throws {
        let data = TestData.floats(count: 300_000, seed: 30)
        let z = Deflater.raw(data)
        let declared = UInt64(data.count - 1000)
        let src = InflatedSource(compressed: MemorySource(z), declaredSize: declared)
        try expectRead(src, data, at: 0, count: Int(declared))
        #expect(formatError { _ = try src.bytes(at: declared - 1, count: 2) }?.location == .inflated(declared - 1))
        let err = formatError { _ = try src.checkWhole(progress: noProgress) }
        #expect(err?.location == .inflated(declared))
        #expect(err?.message.contains("goes on past") == true)
        try src.buildIndex(upTo: .max, progress: noProgress)
        #expect(src.indexedUpTo == declared)
    }

    @Test func zipBombShape() throws {
        // 256 MiB of zeros (about 256 KiB deflated) in a member that claims 1 MiB.
        let z = Deflater.zeros(count: 256 << 20)
        #expect(z.count < 1 << 20)
        let claim: UInt64 = 1 << 20
        let src = InflatedSource(compressed: MemorySource(z), declaredSize: claim)
        #expect(try src.bytes(at: claim - 4, count: 4) == [0, 0, 0, 0])
        let err = formatError { _ = try src.checkWhole(progress: noProgress) }
        #expect(err?.location == .inflated(claim))
        try src.buildIndex(upTo: .max, progress: noProgress)
        #expect(src.indexedUpTo == claim)
        #expect(src.indexMemoryBytes < 64 * 1024)
    }
}
