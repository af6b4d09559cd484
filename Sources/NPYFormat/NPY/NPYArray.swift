/// A field (or a nested field, `pos.x`) selected from a structured dtype.
public struct FieldSelection: Sendable, Equatable {
    /// The dotted path as given.
    public var path: String
    /// Byte offset inside the record.
    public var offset: Int
    /// The field's dtype (possibly a subarray).
    public var dtype: DType

    /// Resolves a dotted field path against `dtype`.
    public static func resolve(_ path: String, in dtype: DType) throws -> FieldSelection {
        var current = dtype
        var offset = 0
        for part in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard case .structured(let fields, _) = current else {
                throw FormatError(.none, "expected a structured dtype to select field '\(path)' from, found \(current.str)")
            }
            // numpy matches the whole name first (a name may contain a dot).
            guard let f = fields.first(where: { $0.name == part }) ?? fields.first(where: { $0.title == part }) else {
                let names = fields.map { "'\($0.name)'" }.joined(separator: ", ")
                throw FormatError(.none, "no field named '\(part)'; the fields are \(names)")
            }
            offset += f.offset
            current = f.dtype
        }
        return FieldSelection(path: path, offset: offset, dtype: current)
    }
}

/// An array member opened for reading values: header, data source, and a small block cache.
public final class NPYArray: @unchecked Sendable {
    /// The parsed header.
    public let header: NPYHeader
    /// The member's NPY stream (array data starts at `header.dataOffset`).
    public let source: ByteSource
    /// For error messages.
    public let file: String
    public let member: String?
    private let reader: BlockReader
    private var scratch: [UInt8]

    /// Opens an array over `source`.
    public init(header: NPYHeader, source: ByteSource, file: String, member: String?) {
        self.header = header
        self.source = source
        self.file = file
        self.member = member
        // Reads stop at the end of the array data: a member may claim (in the zip directory) far more
        // bytes than it holds, and numpy reads only what the header describes.
        let end = UInt64(header.dataOffset) + UInt64(header.dataBytes)
        self.reader = BlockReader(source: source, limit: min(end, source.size), blockSize: source.fileOffset == nil ? 256 << 10 : 64 << 10, capacity: 16)
        self.scratch = [UInt8](repeating: 0, count: max(header.dtype.itemsize, 1))
    }

    /// The array's dtype.
    public var dtype: DType { header.dtype }
    /// The array's shape.
    public var shape: [Int] { header.shape }
    /// The whole array as a view.
    public var fullView: ArrayView { ArrayView(shape: header.shape, fortranOrder: header.isFortranOrder) }

    /// Byte offset in the member's stream of the element with storage index `e`.
    public func streamOffset(ofElement e: Int) -> UInt64 {
        UInt64(header.dataOffset) + UInt64(e) * UInt64(header.dtype.itemsize)
    }

    /// Calls `body` with a pointer to the bytes of the element with storage index `e`.
    public func withElement<R>(_ e: Int, _ body: (UnsafeRawPointer) throws -> R) throws -> R {
        let size = header.dtype.itemsize
        guard e >= 0 && e < max(header.count, 0) else {
            throw FormatError(.none, "element \(e) is out of range (the array has \(header.count))", file: file, member: member)
        }
        if size == 0 { return try [UInt8(0)].withUnsafeBytes { try body($0.baseAddress!) } }
        do {
            return try reader.withBytes(at: streamOffset(ofElement: e), count: size, scratch: &scratch, body)
        } catch {
            throw error.asFormatError(file: file, member: member)
        }
    }

    /// numpy's text for the element at a view index, optionally one field of it.
    public func text(view: ArrayView, index: [Int], field: FieldSelection? = nil) throws -> String {
        let e = view.storageIndex(index)
        return try withElement(e) { p in
            var s = ""
            if let field {
                ValueWriter.write(p + field.offset, field.dtype, .text, into: &s)
            } else {
                ValueWriter.write(p, header.dtype, .text, into: &s)
            }
            return s
        }
    }

    /// Raw bytes of the stream around an offset (for the hex view); clipped to the stream.
    public func rawBytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        do { return try source.prefix(at: offset, upTo: count) } catch { throw error.asFormatError(file: file, member: member) }
    }
}

/// Reads small ranges of a source through an LRU of aligned blocks, so that neighbouring
/// elements cost one read and a page of the grid touches only the blocks on screen.
final class BlockReader {
    private let source: ByteSource
    private let limit: UInt64
    private let blockSize: Int
    private let capacity: Int
    private var blocks: [(index: UInt64, data: [UInt8])] = []

    init(source: ByteSource, limit: UInt64, blockSize: Int, capacity: Int) {
        self.source = source
        self.limit = limit
        self.blockSize = blockSize
        self.capacity = capacity
    }

    func withBytes<R>(at offset: UInt64, count: Int, scratch: inout [UInt8], _ body: (UnsafeRawPointer) throws -> R) throws -> R {
        let bi = offset / UInt64(blockSize)
        let within = Int(offset % UInt64(blockSize))
        if within + count <= blockSize {
            let k = try block(bi)
            if within + count <= blocks[k].data.count {
                return try blocks[k].data.withUnsafeBytes { try body($0.baseAddress! + within) }
            }
        }
        if scratch.count < count { scratch = [UInt8](repeating: 0, count: count) }
        try scratch.withUnsafeMutableBytes { try source.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
        return try scratch.withUnsafeBytes { try body($0.baseAddress!) }
    }

    private func block(_ bi: UInt64) throws -> Int {
        if let k = blocks.firstIndex(where: { $0.index == bi }) {
            if k != blocks.count - 1 {
                let b = blocks.remove(at: k)
                blocks.append(b)
            }
            return blocks.count - 1
        }
        let start = bi * UInt64(blockSize)
        let data = start < limit ? try source.bytes(at: start, count: Int(min(UInt64(blockSize), limit - start))) : []
        if blocks.count >= capacity { blocks.removeFirst() }
        blocks.append((bi, data))
        return blocks.count - 1
    }
}
