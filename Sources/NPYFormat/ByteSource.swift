#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGuard

/// Random-access bytes: a mapped file, a stored member inside one, or an inflated member.
///
/// Reads copy into a caller's buffer, so a reader never holds more than it asked for.
public protocol ByteSource: AnyObject {
    /// Number of bytes readable from this source.
    var size: UInt64 { get }
    /// Copies `buffer.count` bytes starting at `offset` into `buffer`.
    /// Throws a `FormatError` naming the offset when the bytes cannot be read.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws
    /// Where byte 0 of this source lies in the file when it lies there uncompressed; nil for inflated sources.
    var fileOffset: UInt64? { get }
    /// Turns an offset in this source into an error location for messages.
    func location(_ offset: UInt64) -> ErrorLocation
}

extension ByteSource {
    /// Reads `count` bytes at `offset`; `count` must be bounded by the caller (never a number taken from a file unchecked).
    public func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        return out
    }

    /// Reads up to `count` bytes at `offset`, fewer when the source ends first.
    public func prefix(at offset: UInt64, upTo count: Int) throws -> [UInt8] {
        guard offset < size else { return [] }
        let n = Int(min(UInt64(count), size - offset))
        return try bytes(at: offset, count: n)
    }

    public func location(_ offset: UInt64) -> ErrorLocation {
        if let base = fileOffset { return .file(base &+ offset) }
        return .inflated(offset)
    }
}

/// The size and modification time of a file, to notice when it changes under us.
public struct FileStamp: Equatable, Sendable {
    /// Size in bytes.
    public var size: UInt64
    /// Modification time, seconds and nanoseconds.
    public var mtimeSeconds: Int
    public var mtimeNanoseconds: Int
}

/// A whole file mapped read-only; reads are guarded against the file shrinking (SIGBUS becomes an error).
public final class MappedFile: ByteSource, @unchecked Sendable {
    /// The path as given.
    public let path: String
    /// The file's size when it was opened.
    public let size: UInt64
    /// The stamp taken when the file was opened.
    public let stamp: FileStamp
    private let fd: Int32
    private let base: UnsafeMutableRawPointer?

    public var fileOffset: UInt64? { 0 }

    /// Opens `path` for reading and checks that it is a regular file; returns the descriptor and
    /// its status. Throws a `FormatError` that names the path when it cannot.
    static func openRegularFile(_ path: String) throws -> (Int32, stat) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let err = String(cString: strerror(errno))
            throw FormatError(.none, "cannot open: \(err)", file: path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let err = String(cString: strerror(errno))
            close(fd)
            throw FormatError(.none, "cannot stat: \(err)", file: path)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FormatError(.none, "is a directory, expected a .npy or .npz file", file: path)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FormatError(.none, "not a regular file (pipes and devices cannot be mapped)", file: path)
        }
        return (fd, st)
    }

    /// Throws, naming the path, when `path` cannot be opened at all (missing, unreadable, a
    /// directory, not a regular file); says nothing about its contents.
    public static func checkOpenable(_ path: String) throws {
        let (fd, _) = try openRegularFile(path)
        close(fd)
    }

    /// Opens and maps `path`. Throws a `FormatError` that names the path when it cannot.
    public init(path: String) throws {
        self.path = path
        let (fd, st) = try MappedFile.openRegularFile(path)
        self.fd = fd
        self.size = UInt64(st.st_size)
        self.stamp = FileStamp(size: UInt64(st.st_size), mtimeSeconds: Int(st.st_mtim.tv_sec), mtimeNanoseconds: Int(st.st_mtim.tv_nsec))
        if st.st_size > 0 {
            let p = mmap(nil, Int(st.st_size), PROT_READ, MAP_SHARED, fd, 0)
            guard let p, p != MAP_FAILED else {
                let err = String(cString: strerror(errno))
                close(fd)
                throw FormatError(.none, "cannot map: \(err)", file: path)
            }
            // Random access: do not read megabytes ahead of a cold page.
            _ = madvise(p, Int(st.st_size), MADV_RANDOM)
            self.base = p
        } else {
            self.base = nil
        }
        npyb_install_bus_guard()
    }

    deinit {
        if let base { munmap(base, Int(size)) }
        close(fd)
    }

    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let n = UInt64(buffer.count)
        guard n > 0 else { return }
        guard offset <= size, n <= size - offset, let base, let dst = buffer.baseAddress else {
            throw FormatError(.file(offset), "expected \(n) bytes, found the end of the file at byte \(size)", file: path)
        }
        if n >= MappedFile.streamingRead {
            // Streaming reads (inflate input, CRC checks) go through pread: the kernel's readahead
            // works for them, and the pages they pass through are not mapped into this process,
            // so its resident size does not grow with the bytes streamed.
            return try readStreaming(at: offset, into: UnsafeMutableRawBufferPointer(start: dst, count: Int(n)))
        }
        if npyb_guarded_copy(dst, base + Int(offset), Int(n)) != 0 {
            let now = MappedFile.currentStamp(fd: fd)
            let found = now.map { "the file is now \($0.size) bytes (it changed while open)" } ?? "a read error"
            throw FormatError(.file(offset), "expected \(n) readable bytes, found \(found)", file: path)
        }
    }

    /// Reads of at least this many bytes use `pread` rather than the mapping.
    static let streamingRead: UInt64 = 64 * 1024

    private func readStreaming(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let got = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                let reason = got < 0 ? String(cString: strerror(errno))
                    : MappedFile.currentStamp(fd: fd).map { "the file is now \($0.size) bytes (it changed while open)" } ?? "a read error"
                throw FormatError(.file(offset), "expected \(buffer.count) readable bytes, found \(reason)", file: path)
            }
            done += got
        }
    }

    /// The file's current size and modification time, read from the open descriptor.
    public func currentStamp() -> FileStamp? { MappedFile.currentStamp(fd: fd) }

    /// The stamp of the file now at `path` (it may have been replaced).
    public static func stamp(path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(size: UInt64(st.st_size), mtimeSeconds: Int(st.st_mtim.tv_sec), mtimeNanoseconds: Int(st.st_mtim.tv_nsec))
    }

    /// True when the file at `path` is no longer what was mapped (size, mtime, or a different file).
    public func hasChanged() -> Bool {
        guard let now = currentStamp(), now == stamp, let there = MappedFile.stamp(path: path), there == stamp else { return true }
        return false
    }

    private static func currentStamp(fd: Int32) -> FileStamp? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStamp(size: UInt64(st.st_size), mtimeSeconds: Int(st.st_mtim.tv_sec), mtimeNanoseconds: Int(st.st_mtim.tv_nsec))
    }

    /// Hints that `[offset, offset+count)` will be read soon.
    public func willNeed(at offset: UInt64, count: UInt64) {
        guard let base, offset < size else { return }
        let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset / page * page
        let end = min(size, offset &+ count)
        _ = madvise(base + Int(start), Int(end - start), MADV_WILLNEED)
    }
}

/// A window `[base, base+size)` of another source: a stored member inside an archive.
public final class SubrangeSource: ByteSource, @unchecked Sendable {
    /// The source this window looks into.
    public let parent: ByteSource
    /// Where the window starts in the parent.
    public let base: UInt64
    public let size: UInt64

    /// Creates a window; the caller has checked that it lies inside `parent`.
    public init(parent: ByteSource, base: UInt64, size: UInt64) {
        self.parent = parent
        self.base = base
        self.size = size
    }

    public var fileOffset: UInt64? { parent.fileOffset.map { $0 &+ base } }

    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let n = UInt64(buffer.count)
        guard offset <= size, n <= size - offset else {
            throw FormatError(location(offset), "expected \(n) bytes, found the end of the member (\(size) bytes)")
        }
        try parent.read(at: base + offset, into: buffer)
    }
}

/// Bytes held in memory (tests, and small inflated prefixes).
public final class MemorySource: ByteSource, @unchecked Sendable {
    /// The bytes.
    public let storage: [UInt8]
    public var size: UInt64 { UInt64(storage.count) }
    public var fileOffset: UInt64? { 0 }

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { storage = bytes }

    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {
        let n = UInt64(buffer.count)
        guard offset <= size, n <= size - offset else {
            throw FormatError(.file(offset), "expected \(n) bytes, found the end of the data at byte \(size)")
        }
        storage.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[Int(offset)..<Int(offset + n)]))
        }
    }
}
