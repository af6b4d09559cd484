import CZlib

/// A place where inflating can restart: a deflate block boundary, with the 32 KiB of output before it.
struct Checkpoint {
    /// Inflated offset of the boundary.
    var out: UInt64
    /// Offset in the compressed bytes of the first byte not yet fully consumed at the boundary.
    var input: UInt64
    /// Number of bits of the byte at `input - 1` that still belong to the stream (0...7).
    var bits: UInt8
    /// Length of the window (the inflated bytes just before `out`): min(32 KiB, out).
    var windowLength: Int
    /// The window, deflated (raw, level 1) when `compressed`, else as is.
    var window: [UInt8]
    /// Whether `window` is deflated.
    var compressed: Bool

    /// The start of every raw deflate stream.
    static let origin = Checkpoint(out: 0, input: 0, bits: 0, windowLength: 0, window: [], compressed: false)

    /// Bytes this checkpoint keeps in memory (its record, the window and the window's array header).
    var memoryBytes: Int { MemoryLayout<Checkpoint>.stride + (window.isEmpty ? 0 : 32 + window.capacity) }
}

/// Size of the deflate history window.
let deflateWindowSize = 32 * 1024

/// Deflates and inflates checkpoint windows, so that an index costs less than 32 KiB a checkpoint.
final class WindowCodec {
    private let deflater: UnsafeMutablePointer<z_stream>
    private let inflater: UnsafeMutablePointer<z_stream>
    private var deflaterReady = false
    private var inflaterReady = false
    private let scratch: UnsafeMutableRawPointer

    /// Creates a codec; zlib streams are set up on first use.
    init() {
        deflater = .allocate(capacity: 1)
        deflater.initialize(to: z_stream())
        inflater = .allocate(capacity: 1)
        inflater.initialize(to: z_stream())
        scratch = .allocate(byteCount: deflateWindowSize, alignment: 16)
    }

    deinit {
        if deflaterReady { deflateEnd(deflater) }
        if inflaterReady { inflateEnd(inflater) }
        deflater.deinitialize(count: 1)
        deflater.deallocate()
        inflater.deinitialize(count: 1)
        inflater.deallocate()
        scratch.deallocate()
    }

    /// Deflates `window`; returns it unchanged when deflating does not make it smaller (or zlib cannot start).
    func compress(_ window: UnsafeRawBufferPointer) -> (bytes: [UInt8], compressed: Bool) {
        precondition(window.count <= deflateWindowSize)
        let raw = { (Array(window.bindMemory(to: UInt8.self)), false) }
        guard window.count > 64, let base = window.baseAddress else { return raw() }
        if !deflaterReady {
            let r = deflateInit2_(deflater, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                  ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard r == Z_OK else { return raw() }
            deflaterReady = true
        } else {
            guard deflateReset(deflater) == Z_OK else { return raw() }
        }
        // Output room one byte short of the input: if it does not fit, it is not worth keeping.
        let room = window.count - 1
        deflater.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        deflater.pointee.avail_in = uInt(window.count)
        deflater.pointee.next_out = scratch.assumingMemoryBound(to: Bytef.self)
        deflater.pointee.avail_out = uInt(room)
        let r = deflate(deflater, Z_FINISH)
        guard r == Z_STREAM_END else { return raw() }
        let n = room - Int(deflater.pointee.avail_out)
        return (Array(UnsafeRawBufferPointer(start: scratch, count: n).bindMemory(to: UInt8.self)), true)
    }

    /// Writes the checkpoint's window (`windowLength` bytes) into `out`.
    func decompress(_ point: Checkpoint, into out: UnsafeMutableRawPointer) throws {
        let n = point.windowLength
        guard n > 0 else { return }
        guard point.compressed else {
            point.window.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: n) }
            return
        }
        if !inflaterReady {
            guard npyb_inflateInit2(inflater, -15) == Z_OK else {
                throw FormatError(.inflated(point.out), "expected to restore an index window, found zlib out of memory")
            }
            inflaterReady = true
        } else {
            inflateReset(inflater)
        }
        let r: Int32 = point.window.withUnsafeBytes { src in
            inflater.pointee.next_in = UnsafeMutablePointer(mutating: src.baseAddress!.assumingMemoryBound(to: Bytef.self))
            inflater.pointee.avail_in = uInt(src.count)
            inflater.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
            inflater.pointee.avail_out = uInt(n)
            return inflate(inflater, Z_FINISH)
        }
        guard r == Z_STREAM_END, inflater.pointee.avail_out == 0 else {
            throw FormatError(.inflated(point.out), "expected to restore a \(n)-byte index window, found zlib error \(r)")
        }
    }
}
