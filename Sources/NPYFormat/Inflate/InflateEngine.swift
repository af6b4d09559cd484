import CZlib

/// One live raw-inflate stream over a member's compressed bytes, with its recent output in a ring.
///
/// The ring always holds the inflated bytes `[validFrom, position)`; it is at least twice the
/// deflate window, so the 32 KiB before any block boundary can be taken from it for a checkpoint.
/// Not thread-safe: each engine is used under one lock (or by one call) at a time.
final class InflateEngine {
    /// The member's raw deflate bytes.
    let source: ByteSource
    /// Size of the output ring.
    let ringSize: Int
    private let inputSize: Int
    private let stream: UnsafeMutablePointer<z_stream>
    private let ring: UnsafeMutableRawPointer
    private let input: UnsafeMutableRawPointer
    private var zlibReady = false
    /// Next compressed offset to load into the input buffer.
    private var loadedUpTo: UInt64 = 0
    /// Consecutive inflate calls that neither took input nor gave output.
    private var stalls = 0

    /// Inflated bytes produced so far (absolute offset of the next byte).
    private(set) var position: UInt64 = 0
    /// First inflated offset still held in the ring.
    private(set) var validFrom: UInt64 = 0
    /// True once inflate reported the end of the deflate stream.
    private(set) var ended = false
    /// False until the engine has been started at a checkpoint, and after any error.
    private(set) var usable = false
    /// CRC-32 of `[0, position)`, kept while the engine has run from offset 0 without a restart.
    private(set) var crc: UInt32 = 0
    /// Whether `crc` covers everything from offset 0.
    private(set) var crcFromStart = false
    /// Whether the last step stopped at a deflate block boundary (not after the last block).
    private(set) var atBoundary = false

    private lazy var codec = WindowCodec()

    /// Creates an engine reading `source`; `ringSize` must be at least 64 KiB.
    init(source: ByteSource, ringSize: Int, inputSize: Int = 128 * 1024) {
        precondition(ringSize >= 2 * deflateWindowSize)
        self.source = source
        self.ringSize = ringSize
        self.inputSize = inputSize
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        ring = .allocate(byteCount: ringSize, alignment: 64)
        input = .allocate(byteCount: inputSize, alignment: 64)
    }

    deinit {
        if zlibReady { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        ring.deallocate()
        input.deallocate()
    }

    /// Offset in the compressed bytes of the next byte inflate has not taken in.
    var inputOffset: UInt64 { loadedUpTo - UInt64(stream.pointee.avail_in) }

    /// Bits of the byte before `inputOffset` that inflate still holds (valid at a boundary).
    var pendingBits: UInt8 { UInt8(stream.pointee.data_type & 7) }

    /// Puts the engine at `point`: resets zlib, primes the leftover bits and sets the window.
    func restart(at point: Checkpoint) throws {
        usable = false
        if !zlibReady {
            guard npyb_inflateInit2(stream, -15) == Z_OK else {
                throw FormatError(.inflated(point.out), "expected to start inflating, found zlib out of memory")
            }
            zlibReady = true
        } else {
            guard inflateReset(stream) == Z_OK else {
                throw FormatError(.inflated(point.out), "expected to restart inflating, found a zlib stream error")
            }
        }
        stream.pointee.next_in = input.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = 0
        loadedUpTo = point.input
        if point.bits > 0 {
            guard point.input > 0 else {
                throw FormatError(.inflated(point.out), "expected an index checkpoint with a whole byte before it, found none")
            }
            var byte: UInt8 = 0
            try withUnsafeMutableBytes(of: &byte) { try source.read(at: point.input - 1, into: $0) }
            let bits = Int32(point.bits)
            guard inflatePrime(stream, bits, Int32(byte) >> (8 - bits)) == Z_OK else {
                throw FormatError(.inflated(point.out), "expected to prime inflate with \(bits) bits, found a zlib error")
            }
        }
        position = point.out
        validFrom = point.out
        if point.windowLength > 0 {
            // Restore the window into the ring right before `out`, then hand it to zlib.
            let n = point.windowLength
            let start = point.out - UInt64(n)
            let dict = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 16)
            defer { dict.deallocate() }
            try codec.decompress(point, into: dict)
            guard inflateSetDictionary(stream, dict.assumingMemoryBound(to: Bytef.self), uInt(n)) == Z_OK else {
                throw FormatError(.inflated(point.out), "expected to set the inflate window, found a zlib error")
            }
            storeInRing(UnsafeRawBufferPointer(start: dict, count: n), at: start)
            validFrom = start
        }
        ended = false
        atBoundary = false
        stalls = 0
        crc = 0
        crcFromStart = point.out == 0
        usable = true
    }

    private func storeInRing(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) {
        var done = 0
        while done < bytes.count {
            let r = Int((offset + UInt64(done)) % UInt64(ringSize))
            let k = min(bytes.count - done, ringSize - r)
            (ring + r).copyMemory(from: bytes.baseAddress! + done, byteCount: k)
            done += k
        }
    }

    /// Copies inflated bytes `[offset, offset + count)`, which must lie in `[validFrom, position)`.
    func copy(from offset: UInt64, count: Int, to out: UnsafeMutableRawPointer) {
        precondition(offset >= validFrom && offset + UInt64(count) <= position)
        var done = 0
        while done < count {
            let r = Int((offset + UInt64(done)) % UInt64(ringSize))
            let k = min(count - done, ringSize - r)
            (out + done).copyMemory(from: ring + r, byteCount: k)
            done += k
        }
    }

    /// The deflate window ending at `position`, compressed for a checkpoint; nil when the ring lacks it.
    func checkpointHere() -> Checkpoint? {
        guard usable, atBoundary else { return nil }
        let n = Int(min(UInt64(deflateWindowSize), position))
        guard position - validFrom >= UInt64(n) else { return nil }
        let window = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1), alignment: 16)
        defer { window.deallocate() }
        copy(from: position - UInt64(n), count: n, to: window)
        let (bytes, compressed) = codec.compress(UnsafeRawBufferPointer(start: window, count: n))
        return Checkpoint(out: position, input: inputOffset, bits: pendingBits,
                          windowLength: n, window: bytes, compressed: compressed)
    }

    /// Runs inflate once (stopping at a block boundary, `Z_BLOCK`), producing at most `limit` bytes
    /// (`limit` > 0, and not called once `ended`). Returns the number of bytes produced, which are
    /// then `[position - produced, position)` in the ring. Throws on corrupt or truncated input;
    /// the engine is then unusable until restarted.
    @discardableResult
    func step(limit: UInt64) throws -> Int {
        precondition(usable && !ended && limit > 0)
        usable = false
        atBoundary = false
        if stream.pointee.avail_in == 0 && loadedUpTo < source.size {
            let n = Int(min(UInt64(inputSize), source.size - loadedUpTo))
            try source.read(at: loadedUpTo, into: UnsafeMutableRawBufferPointer(start: input, count: n))
            loadedUpTo += UInt64(n)
            stream.pointee.next_in = input.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(n)
        }
        let w = Int(position % UInt64(ringSize))
        let room = Int(min(UInt64(ringSize - w), limit))
        stream.pointee.next_out = (ring + w).assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(room)
        let inBefore = stream.pointee.avail_in
        let ret = inflate(stream, Z_BLOCK)
        let produced = room - Int(stream.pointee.avail_out)
        let consumed = inBefore - stream.pointee.avail_in
        if produced > 0 {
            if crcFromStart {
                crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), (ring + w).assumingMemoryBound(to: Bytef.self), uInt(produced)))
            }
            position += UInt64(produced)
            if position - validFrom > UInt64(ringSize) { validFrom = position - UInt64(ringSize) }
        }
        switch ret {
        case Z_STREAM_END:
            ended = true
            usable = true
            return produced
        case Z_OK, Z_BUF_ERROR:
            break
        case Z_DATA_ERROR:
            let msg = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
            throw FormatError(.inflated(position), "expected a valid deflate stream, found corrupt data (zlib: \(msg))")
        case Z_MEM_ERROR:
            throw FormatError(.inflated(position), "expected to inflate, found zlib out of memory")
        default:
            throw FormatError(.inflated(position), "expected to inflate, found zlib error \(ret)")
        }
        if produced == 0 && consumed == 0 {
            // zlib may advance its state from bits it already holds without taking or giving bytes,
            // so allow a few such calls; beyond that nothing can change without more input.
            stalls += 1
            let inputLeft = stream.pointee.avail_in > 0 || loadedUpTo < source.size
            if !inputLeft && stalls >= 4 {
                throw FormatError(.inflated(position), "expected more compressed data, found the member's \(source.size) compressed bytes end before the deflate stream does")
            }
            if stalls >= 16 {
                throw FormatError(.inflated(position), "expected inflate to make progress, found it stuck (zlib status \(ret))")
            }
        } else {
            stalls = 0
        }
        let type = stream.pointee.data_type
        atBoundary = (type & 128) != 0 && (type & 64) == 0
        usable = true
        return produced
    }
}
