import NPYFormat
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hand-run measurement on a real numpy .npz (not a timed test; skipped unless NPYB_BENCH_NPZ is set).
///
///     python3 -c '...np.savez_compressed(...)'   # see the report for the exact generator
///     NPYB_BENCH_NPZ=walk.npz NPYB_BENCH_DATA=58 NPYB_BENCH_USIZE=800000128 NPYB_BENCH_CRC=1804173382 \
///       swift test -c release --disable-xctest --filter InflateBenchmark
@Suite struct InflateBenchmark {
    static func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    static func ms(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
    }

    /// CPU time of this thread, in ms (stable when the machine is shared).
    static func cpuMs() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    static func fmt(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return "\(r)"
    }

    @Test(.enabled(if: InflateBenchmark.env("NPYB_BENCH_NPZ") != nil))
    func randomReadsOnLargeMember() throws {
        let path = Self.env("NPYB_BENCH_NPZ")!
        let dataOffset = UInt64(Self.env("NPYB_BENCH_DATA") ?? "")!
        let usize = UInt64(Self.env("NPYB_BENCH_USIZE") ?? "")!
        let crc = UInt32(Self.env("NPYB_BENCH_CRC") ?? "")!
        let file = try MappedFile(path: path)
        let member = SubrangeSource(parent: file, base: dataOffset, size: file.size - dataOffset)
        let spacing = Self.env("NPYB_BENCH_SPACING").flatMap { UInt64($0) } ?? InflatedSource.defaultSpacing
        let budget = Self.env("NPYB_BENCH_BUDGET").flatMap { Int($0) } ?? InflatedSource.defaultIndexBudget
        let src = InflatedSource(compressed: member, declaredSize: usize, expectedCRC: crc, spacing: spacing, indexBudget: budget)
        let clock = ContinuousClock()

        var t0 = clock.now
        if Self.env("NPYB_BENCH_WARM") != nil {
            // Touch the mapping once so the first timed pass does not pay for page faults.
            let warm = InflatedSource(compressed: member, declaredSize: usize)
            _ = try warm.checkWhole { _, _ in true }
            print("[bench] warm-up checkWhole \(Self.fmt(Self.ms(clock.now - t0))) ms")
            t0 = clock.now
        }
        var c0 = Self.cpuMs()
        try src.buildIndex(upTo: usize) { _, _ in true }
        let build = clock.now - t0
        print("[bench] \(path): \(usize) bytes (\(member.size) compressed); buildIndex \(Self.fmt(Self.ms(build))) ms wall, \(Self.fmt(Self.cpuMs() - c0)) ms cpu; checkpoints \(src.checkpointCount); index \(src.indexMemoryBytes) bytes; spacing \(src.checkpointSpacing)")

        var rng = SeededRNG(seed: 99)
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        var times: [Double] = []
        var cpus: [Double] = []
        var offsets: [UInt64] = []
        for _ in 0..<300 {
            let off = UInt64.random(in: 0...(usize - UInt64(buf.count)), using: &rng)
            offsets.append(off)
            let c0 = Self.cpuMs()
            t0 = clock.now
            try buf.withUnsafeMutableBytes { try src.read(at: off, into: $0) }
            times.append(Self.ms(clock.now - t0))
            cpus.append(Self.cpuMs() - c0)
        }
        for (name, var xs) in [("wall", times), ("cpu", cpus)] {
            xs.sort()
            let mean = xs.reduce(0, +) / Double(xs.count)
            print("[bench] random 64 KiB read (\(name)): mean \(Self.fmt(mean)) ms, median \(Self.fmt(xs[xs.count / 2])) ms, p95 \(Self.fmt(xs[xs.count * 95 / 100])) ms, max \(Self.fmt(xs.last!)) ms")
        }

        // The same page again (cache), then the next pages (sequential fast path).
        let page = offsets.last!
        t0 = clock.now
        try buf.withUnsafeMutableBytes { try src.read(at: page, into: $0) }
        let again = Self.ms(clock.now - t0)
        t0 = clock.now
        for i in 1...100 {
            let off = min(page + UInt64(i * buf.count), usize - UInt64(buf.count))
            try buf.withUnsafeMutableBytes { try src.read(at: off, into: $0) }
        }
        let seq = Self.ms(clock.now - t0) / 100
        print("[bench] same page again \(Self.fmt(again)) ms; next pages \(Self.fmt(seq)) ms each")

        // Correctness spot check: an indexed read equals a read from a fresh source with no index.
        for off in offsets.prefix(2) {
            let a = try src.bytes(at: off, count: 4096)
            let b = try InflatedSource(compressed: member, declaredSize: usize).bytes(at: off, count: 4096)
            #expect(a == b)
        }

        let fresh = InflatedSource(compressed: member, declaredSize: usize)
        t0 = clock.now
        c0 = Self.cpuMs()
        let whole = try fresh.checkWhole { _, _ in true }
        let check = Self.ms(clock.now - t0)
        #expect(whole.crc32 == crc && whole.inflatedSize == usize)
        print("[bench] checkWhole \(Self.fmt(check)) ms wall, \(Self.fmt(Self.cpuMs() - c0)) ms cpu (crc ok: \(whole.crc32 == crc))")
    }
}
