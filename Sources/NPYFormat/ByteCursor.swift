/// Reads little-endian fields from a byte buffer, throwing when the bytes run out.
///
/// `base` is the absolute file offset of `bytes[0]`, so errors name real file offsets.
public struct ByteCursor {
    /// The bytes being read.
    public let bytes: [UInt8]
    /// Index of the next byte.
    public var position: Int = 0
    /// Absolute offset of bytes[0] in the file (or in the inflated member).
    public let base: UInt64
    /// What is being read, for error messages ("central directory header").
    public let what: String
    /// Whether offsets are in the inflated member rather than the file.
    public let inflated: Bool

    /// Creates a cursor over `bytes`, which lie at `base`.
    public init(_ bytes: [UInt8], base: UInt64, what: String, inflated: Bool = false) {
        self.bytes = bytes
        self.base = base
        self.what = what
        self.inflated = inflated
    }

    /// Bytes left.
    public var remaining: Int { bytes.count - position }

    /// Absolute offset of the next byte.
    public var offset: UInt64 { base + UInt64(position) }

    /// The location of the next byte, for errors.
    public var location: ErrorLocation { inflated ? .inflated(offset) : .file(offset) }

    private mutating func need(_ n: Int, _ field: String) throws {
        guard n <= remaining else {
            throw FormatError(location, "expected \(n) more bytes of the \(what) (\(field)), found \(remaining) before the end")
        }
    }

    /// Reads a u8.
    public mutating func u8(_ field: String = "field") throws -> UInt8 {
        try need(1, field)
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a little-endian u16.
    public mutating func u16(_ field: String = "field") throws -> UInt16 {
        try need(2, field)
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    /// Reads a little-endian u32.
    public mutating func u32(_ field: String = "field") throws -> UInt32 {
        try need(4, field)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * i) }
        position += 4
        return v
    }

    /// Reads a little-endian u64.
    public mutating func u64(_ field: String = "field") throws -> UInt64 {
        try need(8, field)
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * i) }
        position += 8
        return v
    }

    /// Reads `n` raw bytes.
    public mutating func take(_ n: Int, _ field: String = "field") throws -> ArraySlice<UInt8> {
        try need(n, field)
        defer { position += n }
        return bytes[position..<position + n]
    }

    /// Skips `n` bytes.
    public mutating func skip(_ n: Int, _ field: String = "field") throws {
        try need(n, field)
        position += n
    }
}
