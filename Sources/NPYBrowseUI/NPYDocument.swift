import NPYFormat

/// A `.npy` or `.npz` file opened through NPYFormat, as the browser sees it.
public final class NPYDocument: BrowserDocument {
    public let path: String
    /// The opened container, nil when the file could not be opened.
    public let container: NPYContainer?
    public let error: String?

    /// Opens `path`; a failure becomes the document's `error` (the browser shows it and stays usable).
    public init(path: String) {
        self.path = path
        do {
            container = try NPYContainer(path: path)
            error = nil
        } catch {
            container = nil
            self.error = error.asFormatError(file: path).description
        }
    }

    public var isArchive: Bool { container?.kind == .npz }
    public var memberCount: Int { container?.memberCount ?? 0 }

    public func member(at index: Int) -> MemberSummary {
        guard let c = container else { return MemberSummary(name: path, error: error) }
        let m = c.member(index)
        var s = MemberSummary(name: m.name)
        if let e = m.entry {
            s.method = e.methodName
            s.compressedSize = e.compressedSize
            s.uncompressedSize = e.uncompressedSize
        } else {
            s.uncompressedSize = c.file.size
        }
        switch m.header {
        case .success(let h):
            s.dtype = h.dtype.str
            s.shape = h.shape
        case .failure(let e):
            s.error = m.isObjectArray ? "object array (pickles)" : NPYDocument.plain(e)
        }
        return s
    }

    public func details(of index: Int) -> MemberDetails {
        guard let c = container else { return MemberDetails(name: path, error: error) }
        let m = c.member(index)
        var d = MemberDetails(name: m.name, key: m.key)
        if let e = m.entry {
            d.method = e.methodName
            d.compressedSize = e.compressedSize
            d.uncompressedSize = e.uncompressedSize
            d.crc32 = e.crc32
            d.localHeaderOffset = e.localHeaderOffset
            d.memberDataOffset = m.dataOffset
            var extra: [DetailLine] = [DetailLine("flags", "0x" + String(e.flags, radix: 16))]
            if e.hasDataDescriptor { extra.append(DetailLine("data descriptor", "yes (bit 3)")) }
            if e.hasZIP64Extra { extra.append(DetailLine("zip64 extra", "central directory")) }
            if case .success(let l)? = m.localHeader, l.hasZIP64Extra { extra.append(DetailLine("zip64 extra", "local header")) }
            if let z = c.archive {
                extra.append(DetailLine("archive", "\(z.entryCount) entries, directory at \(z.centralDirectoryOffset)\(z.isZip64 ? ", zip64" : "")\(z.comment.isEmpty ? "" : ", comment: " + z.comment)"))
            }
            d.extra = extra
        } else {
            d.uncompressedSize = c.file.size
            d.memberDataOffset = 0
        }
        let parsed: NPYHeader?
        switch m.header {
        case .success(let h): parsed = h
        case .failure(let e):
            d.error = m.isObjectArray ? "object array: its values are Python pickles, which npybrowse never unpickles (the hex view shows the raw bytes)" : NPYDocument.plain(e)
            parsed = m.parsedHeader
        }
        if let h = parsed {
            d.version = NPYVersion(major: Int(h.major), minor: Int(h.minor))
            d.headerLength = h.headerLength
            d.headerText = h.text
            d.dtype = h.dtype.str
            d.descr = h.descr.repr
            d.itemSize = h.dtype.itemsize
            d.shape = h.shape
            d.isFortranOrder = h.isFortranOrder
            d.arrayDataOffset = UInt64(h.dataOffset)
            d.dataByteCount = UInt64(h.dataBytes)
            if m.isMappable, let base = m.dataOffset {
                let abs = base + UInt64(h.dataOffset)
                d.absoluteDataOffset = abs
                if !h.dtype.containsObject {
                    d.memmapLine = MemberDetails.memmapLine(path: path, descr: h.descr.repr, offset: abs, shape: h.shape, isFortranOrder: h.isFortranOrder)
                }
            }
        }
        return d
    }

    public func openArray(_ index: Int) throws -> any ArrayDataSource {
        guard let c = container else { throw FormatError(.none, error ?? "cannot open", file: path) }
        let m = c.member(index)
        if m.isObjectArray, let h = m.parsedHeader {
            return ObjectArraySource(header: h, stream: try m.stream(), fileOffset: m.isMappable ? m.dataOffset : nil)
        }
        return NPYArraySource(array: try m.array(), fileOffset: m.isMappable ? m.dataOffset : nil)
    }

    public func hasChangedOnDisk() -> Bool { container?.hasChanged() ?? false }

    public func reopen() throws -> any BrowserDocument { NPYDocument(path: path) }

    /// An error without the file and member (the browser shows those already).
    static func plain(_ e: FormatError) -> String {
        var p = e
        p.file = nil
        p.member = nil
        return p.description
    }
}

/// True for dtypes whose element is one value (not a record, subarray or object).
private func isScalar(_ d: DType) -> Bool {
    switch d {
    case .structured, .subarray, .object: return false
    default: return true
    }
}

/// Subarray fields with at most this many elements get one column per element.
let expandedSubarrayLimit = 16

/// Flattens a structured dtype into columns: nested fields as `pos.x`, small subarrays of
/// scalars one column per element (`vel[0]`), larger ones as one column in numpy's array text.
func flattenFields(_ dtype: DType, prefix: String = "", indexing: String = "", base: Int = 0) -> [(FieldColumn, DType)] {
    guard case .structured(let fields, _) = dtype else { return [] }
    var out: [(FieldColumn, DType)] = []
    for f in fields {
        let name = prefix.isEmpty ? f.name : prefix + "." + f.name
        let path = indexing + "[" + pythonStringLiteral(f.name) + "]"
        if case .structured = f.dtype {
            out += flattenFields(f.dtype, prefix: name, indexing: path, base: base + f.offset)
            continue
        }
        var sub: [Int] = []
        var own = f.dtype
        if case .subarray(let b, let shape) = f.dtype { sub = shape; own = b }
        let count = sub.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        if !sub.isEmpty, count <= expandedSubarrayLimit, isScalar(own) {
            // Small subarrays of scalars: one column per element, `vel[0]`, `m[1, 2]`.
            for k in 0..<count {
                var rest = k
                var index = [Int](repeating: 0, count: sub.count)
                for axis in sub.indices.reversed() {
                    index[axis] = rest % sub[axis]
                    rest /= sub[axis]
                }
                let sub = "[" + index.map(String.init).joined(separator: ", ") + "]"
                out.append((FieldColumn(name: name + sub, dtype: own.str, subarrayShape: [], byteOffset: base + f.offset + k * own.itemsize,
                                        byteCount: own.itemsize, indexing: path + sub), own))
            }
            continue
        }
        out.append((FieldColumn(name: name, dtype: own.str, subarrayShape: sub, byteOffset: base + f.offset, byteCount: f.dtype.itemsize,
                                indexing: path), f.dtype))
    }
    return out
}

/// The values of one array member: mapped or inflated, read a page at a time.
final class NPYArraySource: ArrayDataSource {
    let array: NPYArray
    let view: ArrayView
    let columns: [(FieldColumn, DType)]
    let streamFileOffset: UInt64?
    private let inflated: InflatedSource?
    private let state = PreparationState()

    init(array: NPYArray, fileOffset: UInt64?) {
        self.array = array
        self.view = array.fullView
        self.columns = flattenFields(array.dtype)
        self.streamFileOffset = fileOffset
        self.inflated = array.source as? InflatedSource
    }

    var shape: [Int] { array.shape }
    var dtype: String { array.dtype.str }
    var itemSize: Int { array.dtype.itemsize }
    var fields: [FieldColumn] { columns.map(\.0) }
    var isFortranOrder: Bool { array.header.isFortranOrder }
    var dataOffset: UInt64 { UInt64(array.header.dataOffset) }
    var streamSize: UInt64 { array.source.size }
    var explanation: String? { nil }
    var readsDuringPreparation: Bool { true }

    /// How far past the inflated region a read may reach before it waits for the index instead
    /// of inflating on the UI thread (inflate runs ~250-500 MB/s: 8 MiB is a few tens of ms).
    /// A variable so tests can reach the far-read path with small fixtures.
    var farRead: UInt64 = 8 << 20

    var preparation: PreparationStatus {
        guard let z = inflated, let target = state.target else { return .ready }
        let done = z.indexedUpTo
        if done >= target { return .ready }
        // The index's memory is bounded (it thins itself); say how much it holds.
        let held = humanBytes(UInt64(z.indexMemoryBytes)), most = humanBytes(UInt64(z.indexBudget))
        return .working(label: "indexing the deflated member (index \(held), at most \(most))", done: done, total: target)
    }

    func prepare(for budget: Duration) throws -> PreparationStatus {
        guard let z = inflated, let target = state.target else { return .ready }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: budget)
        do {
            try z.buildIndex(upTo: target) { _, _ in clock.now < deadline && !state.cancelled }
        } catch is InflateCancelled {
            return preparation
        }
        return preparation
    }

    func cancelPreparation() {
        state.cancel()
    }

    func text(at index: [Int], field: Int?) throws -> String {
        let e = view.storageIndex(index)
        if let z = inflated {
            let offset = array.streamOffset(ofElement: e)
            // A jump far past what has been inflated asks for the index first (built in the
            // background with progress); the grid shows a placeholder meanwhile.
            if offset > z.indexedUpTo &+ farRead {
                if state.request(offset + UInt64(array.dtype.itemsize)) { return "…" }
                throw FormatError(.inflated(offset), "not indexed yet: indexing was cancelled (move to start it again)")
            }
            state.reached()
        }
        return try array.withElement(e) { p in
            var s = ""
            if let field {
                let (col, dt) = columns[field]
                ValueWriter.write(p + col.byteOffset, dt, .text, into: &s)
            } else {
                ValueWriter.write(p, array.dtype, .text, into: &s)
            }
            return s
        }
    }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        try array.rawBytes(at: offset, count: count)
    }
}

/// Object arrays: no values (pickles are never unpickled), but the raw bytes for the hex view.
final class ObjectArraySource: ArrayDataSource {
    let header: NPYHeader
    let stream: ByteSource
    let streamFileOffset: UInt64?

    init(header: NPYHeader, stream: ByteSource, fileOffset: UInt64?) {
        self.header = header
        self.stream = stream
        self.streamFileOffset = fileOffset
    }

    var shape: [Int] { header.shape }
    var dtype: String { header.dtype.str }
    var itemSize: Int { header.dtype.itemsize }
    var isFortranOrder: Bool { header.isFortranOrder }
    var dataOffset: UInt64 { UInt64(header.dataOffset) }
    var streamSize: UInt64 { stream.size }
    var explanation: String? {
        "object array (\(header.dtype.str)): its values are Python objects stored as a pickle, which npybrowse never unpickles (unpickling runs code). Press x for the raw bytes."
    }

    func text(at index: [Int], field: Int?) throws -> String { "" }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        try stream.prefix(at: offset, upTo: count)
    }
}

/// The index request of a deflated member: set by a far read, cleared by Esc.
final class PreparationState: @unchecked Sendable {
    private let lock = Lock()
    private var _target: UInt64?
    private var _cancelled = false

    var target: UInt64? { lock.withLock { _target } }
    var cancelled: Bool { lock.withLock { _cancelled } }

    /// Asks for the index up to `offset`; false when the user cancelled (until a near read).
    func request(_ offset: UInt64) -> Bool {
        lock.withLock {
            if _cancelled { return false }
            _target = max(_target ?? 0, offset)
            return true
        }
    }

    /// A read near the inflated region: a later far jump may start indexing again.
    func reached() { lock.withLock { _cancelled = false } }

    func cancel() { lock.withLock { _cancelled = true; _target = nil } }
}
