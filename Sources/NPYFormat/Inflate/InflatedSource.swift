import CZlib

/// Thrown by `InflatedSource.buildIndex` and `checkWhole` when their progress callback returns false.
public struct InflateCancelled: Error, Sendable, Equatable, CustomStringConvertible {
    /// Creates the error.
    public init() {}
    /// "cancelled".
    public var description: String { "cancelled" }
}

/// Where one checkpoint of an `InflatedSource` lies, for diagnostics.
public struct CheckpointInfo: Sendable, Equatable {
    /// Offset in the inflated bytes (a deflate block boundary).
    public var inflatedOffset: UInt64
    /// Offset in the compressed bytes of the first byte not fully consumed there.
    public var compressedOffset: UInt64
    /// Bits of the byte before `compressedOffset` that belong to the next block (0...7).
    public var bits: UInt8
    /// Bytes kept for the 32 KiB window.
    public var windowBytes: Int
    /// Whether the window is kept deflated.
    public var windowCompressed: Bool
}

/// The checkpoints of one member, kept sorted by inflated offset. Guarded by `InflatedSource.lock`.
struct CheckpointIndex {
    /// Checkpoints, sorted by `out`; the first is always the stream's start.
    private(set) var points: [Checkpoint] = [.origin]
    /// Minimum `work` between neighbouring checkpoints.
    private(set) var spacing: UInt64
    /// Memory the index may use before it is thinned.
    let budget: Int
    /// Every inflated offset below this is at most about `spacing` past a checkpoint.
    var frontier: UInt64 = 0
    /// Bytes held by the checkpoints.
    private(set) var memoryBytes: Int = Checkpoint.origin.memoryBytes

    /// The last checkpoint at or before `offset`.
    func checkpoint(atOrBefore offset: UInt64) -> Checkpoint {
        var lo = 0, hi = points.count  // points[lo].out <= offset < points[hi].out
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if points[mid].out <= offset { lo = mid } else { hi = mid }
        }
        return points[lo]
    }

    /// The cost of inflating from `a` to `b`, in "work" units: compressed bytes plus half the
    /// inflated bytes. zlib's time is close to proportional to it (about 3-4 ns a unit here) on
    /// data from incompressible floats to runs of zeros, unlike inflated bytes alone (0.25-4.7 ns).
    static func work(from a: (out: UInt64, input: UInt64), to b: (out: UInt64, input: UInt64)) -> UInt64 {
        let dIn = b.input >= a.input ? b.input - a.input : 0
        let dOut = b.out >= a.out ? b.out - a.out : 0
        return dIn &+ dOut / 2
    }

    /// Whether a block boundary at inflated `out` and compressed `input` would become a checkpoint.
    func wants(out: UInt64, input: UInt64) -> Bool {
        let last = points[points.count - 1]
        return out > last.out && CheckpointIndex.work(from: (last.out, last.input), to: (out, input)) >= spacing
    }

    /// Appends `point` when it is still wanted; thins the index when it outgrows its budget.
    mutating func offer(_ point: Checkpoint) {
        guard wants(out: point.out, input: point.input) else { return }
        points.append(point)
        memoryBytes += point.memoryBytes
        while memoryBytes > budget && points.count > 2 {
            // Keep every other checkpoint (the origin stays) and double the spacing.
            var kept: [Checkpoint] = []
            kept.reserveCapacity(points.count / 2 + 1)
            for (i, p) in points.enumerated() where i % 2 == 0 { kept.append(p) }
            points = kept
            spacing *= 2
            memoryBytes = points.reduce(0) { $0 + $1.memoryBytes }
        }
    }
}

/// Random access to the inflated bytes of a raw-deflate (ZIP method 8) member, zran-style.
///
/// While inflating forward for any reason (reads, `buildIndex`, `checkWhole`) it records
/// checkpoints at deflate block boundaries: the compressed offset and leftover bits there plus
/// the 32 KiB window before it, deflated at level 1. Checkpoints are spaced by inflate *cost*,
/// not inflated bytes: at least `checkpointSpacing` (1 MiB to start with) of compressed bytes plus
/// half the inflated bytes, which is 0.75 MiB of incompressible float64 and 1.4-2 MiB of
/// typical numeric data (zlib takes 3-4 ns per such unit on either). A read restarts from the
/// nearest checkpoint at or before it, so once the index covers an offset a random read inflates
/// at most one spacing (plus the rest of one deflate block): about 4 ms of zlib time at worst.
///
/// Memory bound: the index never holds more than `indexBudget` bytes (32 MiB by default) whatever
/// the member's size or what its directory claims: when it would, every other checkpoint is
/// dropped and the spacing doubles (so huge members get sparser checkpoints). A checkpoint costs
/// at most 32 KiB + 80 bytes, about 27 KiB on incompressible float64, far less on compressible
/// data; an 800 MB member of noisy float64 needs about 1000 of them. Besides the index, each live
/// inflate stream costs a fixed ~0.7 MiB. Nothing is allocated from `declaredSize`.
///
/// Sequential reads are the fast path: the reader keeps its live zlib stream and the last
/// 256 KiB it inflated, so rereading a screen costs a copy and reading on costs only the new bytes.
/// Thread-safe: `buildIndex` and `checkWhole` run their own streams and take the lock only briefly,
/// so a UI thread can `read` while a background thread builds the index.
public final class InflatedSource: ByteSource, @unchecked Sendable {
    /// The member's raw deflate bytes.
    public let compressed: ByteSource
    /// Uncompressed size from the zip directory (not trusted: reads fail cleanly where the stream ends).
    public let declaredSize: UInt64
    /// CRC-32 from the zip directory; when set, a read that completes one sequential pass from
    /// offset 0 to `declaredSize` throws if the inflated bytes do not match it.
    public let expectedCRC: UInt32?
    /// Most bytes the checkpoint index may hold.
    public let indexBudget: Int

    private let lock = Lock()
    private var index: CheckpointIndex            // guarded by lock
    private var reader: InflateEngine?            // guarded by lock
    private var knownEnd: UInt64?                 // guarded by lock: where the stream ended, when short
    private let buildLock = Lock()
    private var builder: InflateEngine?           // guarded by buildLock

    /// Bytes of ring kept by the reading stream (the cache of recent output).
    static let readerRing = 256 * 1024
    /// Bytes of ring for the index builder and the whole-member check.
    static let walkerRing = 128 * 1024
    /// Smallest step a read inflates at a time once it reaches the wanted bytes.
    static let readAhead: UInt64 = 64 * 1024
    /// How often progress callbacks run, in inflated bytes.
    static let progressEvery: UInt64 = 4 * 1024 * 1024
    /// Default index budget.
    public static let defaultIndexBudget = 32 * 1024 * 1024
    /// Default starting checkpoint spacing (compressed bytes plus half the inflated bytes).
    public static let defaultSpacing: UInt64 = 1024 * 1024

    /// compressed: the member's raw deflate bytes (e.g. a SubrangeSource of the archive). declaredSize: uncompressed size from the zip directory.
    public convenience init(compressed: ByteSource, declaredSize: UInt64, expectedCRC: UInt32? = nil) {
        self.init(compressed: compressed, declaredSize: declaredSize, expectedCRC: expectedCRC,
                  spacing: InflatedSource.defaultSpacing, indexBudget: InflatedSource.defaultIndexBudget)
    }

    /// Like the main initializer, with the starting checkpoint spacing and the index budget chosen (tests, tuning).
    public init(compressed: ByteSource, declaredSize: UInt64, expectedCRC: UInt32? = nil,
                spacing: UInt64, indexBudget: Int) {
        self.compressed = compressed
        self.declaredSize = declaredSize
        self.expectedCRC = expectedCRC
        self.indexBudget = indexBudget
        index = CheckpointIndex(spacing: max(spacing, 1), budget: indexBudget)
    }

    /// The uncompressed size from the zip directory.
    public var size: UInt64 { declaredSize }
    /// Always nil: these bytes are not in the file as they are; errors use `.inflated(offset)`.
    public var fileOffset: UInt64? { nil }

    /// Inflated bytes covered by checkpoints (from 0).
    public var indexedUpTo: UInt64 { lock.withLock { index.frontier } }
    /// Number of checkpoints, the stream's start included.
    public var checkpointCount: Int { lock.withLock { index.points.count } }
    /// Bytes held by the index (checkpoint records and their compressed windows).
    public var indexMemoryBytes: Int { lock.withLock { index.memoryBytes } }
    /// Current least distance between checkpoints, in compressed bytes plus half the inflated bytes (grows when the index is thinned).
    public var checkpointSpacing: UInt64 { lock.withLock { index.spacing } }
    /// Where the checkpoints are, in order (diagnostics and tests).
    public var checkpoints: [CheckpointInfo] {
        lock.withLock {
            index.points.map {
                CheckpointInfo(inflatedOffset: $0.out, compressedOffset: $0.input, bits: $0.bits,
                               windowBytes: $0.window.count, windowCompressed: $0.compressed)
            }
        }
    }

    private func shortStream(_ end: UInt64) -> FormatError {
        FormatError(.inflated(end), "expected \(declaredSize) inflated bytes (the size in the zip directory), found the deflate stream ends after \(end)")
    }

    private static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - s.count) + s
    }

    /// Records the engine's position in the index (it has run contiguously from a checkpoint).
    /// The caller holds `lock`.
    private func noteLocked(_ engine: InflateEngine) {
        if engine.position > index.frontier { index.frontier = min(engine.position, declaredSize) }
        if engine.ended && engine.position < declaredSize { knownEnd = engine.position }
    }

    /// Offers the engine's current boundary as a checkpoint; the caller holds `lock`.
    private func offerLocked(_ engine: InflateEngine) {
        guard engine.atBoundary, engine.position < declaredSize,
              index.wants(out: engine.position, input: engine.inputOffset),
              let point = engine.checkpointHere() else { return }
        index.offer(point)
    }

    /// Offers the engine's boundary without holding `lock` (the window is compressed outside it).
    private func offerUnlocked(_ engine: InflateEngine) {
        guard engine.atBoundary, engine.position < declaredSize else { return }
        let (out, input) = (engine.position, engine.inputOffset)
        guard lock.withLock({ index.wants(out: out, input: input) }), let point = engine.checkpointHere() else { return }
        lock.withLock { index.offer(point) }
    }

    /// Copies inflated bytes `[offset, offset + buffer.count)`: from the cache, by inflating on, or from the nearest checkpoint.
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let n = UInt64(buffer.count)
        guard n > 0 else { return }
        guard offset <= declaredSize, n <= declaredSize - offset, let base = buffer.baseAddress else {
            throw FormatError(.inflated(offset), "expected \(n) bytes, found the end of the member (\(declaredSize) bytes)")
        }
        try lock.withLock { try readLocked(offset, n, base) }
    }

    private func readLocked(_ offset: UInt64, _ n: UInt64, _ out: UnsafeMutableRawPointer) throws {
        let engine: InflateEngine
        if let r = reader { engine = r } else {
            engine = InflateEngine(source: compressed, ringSize: InflatedSource.readerRing)
            reader = engine
        }
        let end = offset + n
        var cur = offset
        while cur < end {
            if engine.usable && cur >= engine.validFrom && cur < engine.position {
                let k = min(end, engine.position) - cur
                engine.copy(from: cur, count: Int(k), to: out + Int(cur - offset))
                cur += k
                continue
            }
            if let e = knownEnd, cur >= e { throw shortStream(e) }
            let point = index.checkpoint(atOrBefore: cur)
            if !engine.usable || cur < engine.validFrom || engine.position < point.out {
                try engine.restart(at: point)
                continue
            }
            if engine.ended { noteLocked(engine); throw shortStream(engine.position) }
            // Skip ahead in big steps; near the wanted bytes read ahead a little for the next page.
            let want = cur > engine.position ? UInt64.max : max(end - cur, InflatedSource.readAhead)
            try engine.step(limit: min(declaredSize - engine.position, want))
            offerLocked(engine)
            noteLocked(engine)
            if engine.position == declaredSize, engine.crcFromStart, let expected = expectedCRC, engine.crc != expected {
                throw FormatError(.inflated(declaredSize), "expected CRC-32 \(InflatedSource.hex(expected)) (from the zip directory), found \(InflatedSource.hex(engine.crc)) for the inflated bytes")
            }
        }
    }

    /// Makes sure checkpoints exist up to `offset`, inflating forward from the last checkpoint; calls progress(doneBytes, totalBytes) now and then (every few MiB); returning false cancels (throws InflateCancelled). Thread-safe with respect to read().
    public func buildIndex(upTo offset: UInt64, progress: (UInt64, UInt64) -> Bool) throws {
        let target = min(offset, declaredSize)
        try buildLock.withLock {
            var reported: UInt64 = 0
            while true {
                let (frontier, point, end) = lock.withLock { (index.frontier, index.checkpoint(atOrBefore: index.frontier), knownEnd) }
                if frontier >= target { break }
                if let end { throw shortStream(end) }
                let engine: InflateEngine
                if let b = builder { engine = b } else {
                    engine = InflateEngine(source: compressed, ringSize: InflatedSource.walkerRing)
                    builder = engine
                }
                if !engine.usable || engine.position < point.out || engine.position > frontier {
                    try engine.restart(at: point)
                }
                if engine.ended {
                    lock.withLock { noteLocked(engine) }
                    throw shortStream(engine.position)
                }
                try engine.step(limit: declaredSize - engine.position)
                offerUnlocked(engine)
                lock.withLock { noteLocked(engine) }
                if engine.position >= reported + InflatedSource.progressEvery {
                    reported = engine.position
                    if !progress(min(engine.position, target), target) { throw InflateCancelled() }
                }
            }
            if lock.withLock({ index.frontier >= declaredSize }) { builder = nil }
        }
    }

    /// Streams the whole member once: CRC-32 and the true inflated length, and whether the stream ended cleanly; for `verify`. progress as above.
    ///
    /// Throws a `FormatError` when the stream is corrupt, when the compressed bytes end first, when
    /// it ends before `declaredSize` (at `.inflated(end)`) and when it goes on past it (at
    /// `.inflated(declaredSize)`, after inflating at most one byte more); so on return
    /// `inflatedSize == declaredSize`. The CRC is returned, not compared with `expectedCRC`.
    /// Checkpoints are recorded on the way.
    public func checkWhole(progress: (UInt64, UInt64) -> Bool) throws -> (crc32: UInt32, inflatedSize: UInt64) {
        let engine = InflateEngine(source: compressed, ringSize: InflatedSource.walkerRing)
        try engine.restart(at: .origin)
        var reported: UInt64 = 0
        while !engine.ended {
            // One byte of room past the declared size tells "ends exactly there" from "goes on".
            let limit = declaredSize - min(engine.position, declaredSize) + 1
            try engine.step(limit: limit)
            if engine.position > declaredSize {
                throw FormatError(.inflated(declaredSize), "expected \(declaredSize) inflated bytes (the size in the zip directory), found the deflate stream goes on past them")
            }
            offerUnlocked(engine)
            lock.withLock { noteLocked(engine) }
            if engine.position >= reported + InflatedSource.progressEvery {
                reported = engine.position
                if !progress(engine.position, declaredSize) { throw InflateCancelled() }
            }
        }
        if engine.position < declaredSize { throw shortStream(engine.position) }
        return (engine.crc, engine.position)
    }
}
