/// An opened `.npy` or `.npz` file: its members, their headers, and their data, read lazily.
public final class NPYContainer: @unchecked Sendable {
    /// What kind of file this is.
    public enum Kind: String, Sendable { case npy, npz }

    /// The path as given.
    public let path: String
    /// The mapped file.
    public let file: MappedFile
    /// `.npy` or `.npz` (decided by content, not by name).
    public let kind: Kind
    /// The zip directory, for `.npz`.
    public let archive: ZIPArchive?
    private var cache: [Int: Member] = [:]
    private let lock = Lock(recursive: true)

    /// Opens `path`, deciding by its bytes whether it is a lone NPY stream or a zip archive.
    /// A zip whose directory cannot be read, or an `.npy` whose header is bad, throws.
    public init(path: String) throws {
        self.path = path
        let file = try MappedFile(path: path)
        self.file = file
        let head = try file.prefix(at: 0, upTo: 6)
        do {
            if head == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] {
                kind = .npy
                archive = nil
            } else if head.starts(with: [0x50, 0x4B]) || ZIPArchive.hasZIPSignature(file) {
                kind = .npz
                archive = try ZIPArchive(source: file)
            } else if file.size == 0 {
                throw FormatError(.file(0), "expected a .npy file (magic \\x93NUMPY) or a zip archive (.npz), found an empty file")
            } else {
                let shown = head.map { b in b >= 0x20 && b < 0x7f ? String(UnicodeScalar(b)) : "\\x" + ValueWriter.hexByte(b) }.joined()
                throw FormatError(.file(0), "expected a .npy file (magic \\x93NUMPY) or a zip archive (.npz), found '\(shown)'")
            }
        } catch {
            throw error.asFormatError(file: path)
        }
    }

    /// Number of members (1 for a lone `.npy`).
    public var memberCount: Int { archive?.entries.count ?? 1 }

    /// The member at `index` (central-directory order), created on first use.
    public func member(_ index: Int) -> Member {
        lock.withLock {
            if let m = cache[index] { return m }
            let m: Member
            if let archive {
                m = Member(container: self, index: index, entry: archive.entries[index])
            } else {
                m = Member(container: self, index: 0, entry: nil)
            }
            cache[index] = m
            return m
        }
    }

    /// A member that is not cached: for streaming over every member once (`ls`, `verify`).
    public func transientMember(_ index: Int) -> Member {
        if let m = lock.withLock({ cache[index] }) { return m }
        return Member(container: self, index: index, entry: archive?.entries[index])
    }

    /// Forgets cached members outside `keep` (the browser keeps only what is on screen).
    public func trimCache(keeping keep: Range<Int>) {
        lock.withLock {
            if cache.count > 4096 { cache = cache.filter { keep.contains($0.key) } }
        }
    }

    /// Finds a member by entry name first, then by numpy key; with duplicates the last one, as numpy does.
    public func find(_ nameOrKey: String) -> Int? {
        guard let archive else {
            let m = member(0)
            return nameOrKey == m.name || nameOrKey == m.key ? 0 : nil
        }
        if let i = archive.entries.lastIndex(where: { $0.name == nameOrKey }) { return i }
        return archive.entries.lastIndex(where: { Member.key(for: $0.name) == nameOrKey })
    }

    /// The basename of the path.
    public var basename: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// True when the file on disk is no longer the one that was opened (size, mtime or identity).
    public func hasChanged() -> Bool { file.hasChanged() }
}

/// One member of a container: a zip entry of an `.npz`, or the whole `.npy`.
public final class Member: @unchecked Sendable {
    /// Its position in the central directory (0 for a `.npy`).
    public let index: Int
    /// The zip entry name, or the file's basename.
    public let name: String
    /// numpy's key: the name without `.npy`.
    public let key: String
    /// The zip entry (nil for a lone `.npy`).
    public let entry: ZIPEntry?
    unowned let container: NPYContainer
    private let lock = Lock(recursive: true)
    private var _local: Result<ZIPLocalHeader, FormatError>?
    private var _stream: Result<ByteSource, FormatError>?
    private var _header: Result<NPYHeader, FormatError>?
    private var _parsed: NPYHeader?

    init(container: NPYContainer, index: Int, entry: ZIPEntry?) {
        self.container = container
        self.index = index
        self.entry = entry
        self.name = entry?.name ?? container.basename
        self.key = Member.key(for: name)
        _ = self.container
    }

    /// numpy's key for an entry name.
    public static func key(for name: String) -> String {
        name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
    }

    /// Adds the file and member to an error.
    func contextual(_ e: Error) -> FormatError {
        e.asFormatError(file: container.path, member: entry == nil ? nil : name)
    }

    /// The re-read local header (nil for a `.npy`).
    public var localHeader: Result<ZIPLocalHeader, FormatError>? {
        guard let entry, let archive = container.archive else { return nil }
        return lock.withLock {
            if let l = _local { return l }
            let r: Result<ZIPLocalHeader, FormatError>
            do { r = .success(try archive.localHeader(of: entry)) } catch { r = .failure(contextual(error)) }
            _local = r
            return r
        }
    }

    /// Where the member's bytes start in the file (from the local header); 0 for a `.npy`.
    public var dataOffset: UInt64? {
        guard entry != nil else { return 0 }
        if case .success(let l)? = localHeader { return l.dataOffset }
        return nil
    }

    /// Whether the member's bytes lie in the file uncompressed (a `.npy` or a stored member).
    public var isMappable: Bool { entry == nil || entry!.method == 0 }

    /// The member's NPY stream: the file, a window onto a stored member, or an inflating reader.
    public func stream() throws -> ByteSource {
        try lock.withLock {
            if let s = _stream { return try s.get() }
            let r: Result<ByteSource, FormatError>
            do { r = .success(try makeStream()) } catch { r = .failure(contextual(error)) }
            _stream = r
            return try r.get()
        }
    }

    private func makeStream() throws -> ByteSource {
        guard let entry, let archive = container.archive else { return container.file }
        if entry.isDirectory {
            throw FormatError(.file(entry.localHeaderOffset), "expected an .npy member, found a directory entry")
        }
        if entry.isEncrypted {
            throw FormatError(.file(entry.localHeaderOffset), "expected an unencrypted member, found an encrypted one (not supported)")
        }
        switch entry.method {
        case 0, 8: break
        default:
            throw FormatError(.file(entry.localHeaderOffset), "expected compression method stored or deflate, found \(entry.methodName) (not supported)")
        }
        // The cached local header: listing asks for the data offset again right after.
        guard case .some(let local) = localHeader else { return container.file }
        let range = try archive.dataRange(of: entry, header: local.get())
        let window = SubrangeSource(parent: container.file, base: range.offset, size: range.length)
        if entry.method == 0 {
            if entry.uncompressedSize != entry.compressedSize {
                throw FormatError(.file(entry.centralHeaderOffset), "expected equal compressed and uncompressed sizes for a stored member, found \(entry.compressedSize) and \(entry.uncompressedSize)")
            }
            return window
        }
        return InflatedSource(compressed: window, declaredSize: entry.uncompressedSize, expectedCRC: entry.crc32)
    }

    /// The parsed NPY header, or why there is none (not NPY, unsupported, object dtype, short data).
    public var header: Result<NPYHeader, FormatError> {
        lock.withLock {
            if let h = _header { return h }
            let r: Result<NPYHeader, FormatError>
            do { r = .success(try readHeader()) } catch { r = .failure(contextual(error)) }
            _header = r
            return r
        }
    }

    /// The header as parsed, even when the member is refused for what it describes (object arrays, short data).
    public var parsedHeader: NPYHeader? {
        _ = header
        return lock.withLock { _parsed }
    }

    /// True when the member's header parsed and describes an object (pickle) array.
    public var isObjectArray: Bool {
        _ = header
        return lock.withLock { _parsed?.dtype.containsObject ?? false }
    }

    private func readHeader() throws -> NPYHeader {
        let s = try stream()
        let h = try NPYHeader.read(from: s)
        _parsed = h
        if h.dtype.containsObject {
            throw FormatError(s.location(UInt64(h.major == 1 ? 10 : 12)), "expected a numeric or string dtype, found an object array (\(h.dtype.str)): it holds Python pickles, which npybrowse never unpickles")
        }
        let have = s.size >= UInt64(h.dataOffset) ? s.size - UInt64(h.dataOffset) : 0
        guard UInt64(h.dataBytes) <= have else {
            throw FormatError(s.location(UInt64(h.dataOffset)), "expected \(h.dataBytes) bytes of array data (\(h.count) × \(h.dtype.itemsize)), found \(have)")
        }
        return h
    }

    /// Absolute file offset of the first element when the data lies in the file uncompressed; the `offset=` for np.memmap.
    public var absoluteDataOffset: UInt64? {
        guard isMappable, case .success(let h) = header, let base = dataOffset else { return nil }
        return base + UInt64(h.dataOffset)
    }

    /// Opens the member's array for reading values.
    public func array() throws -> NPYArray {
        let h = try header.get()
        return NPYArray(header: h, source: try stream(), file: container.path, member: entry == nil ? nil : name)
    }
}
