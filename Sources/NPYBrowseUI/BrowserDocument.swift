// The seam between the browser and the format library.
//
// The browser reads everything through these protocols and value types. They are called on
// the UI's thread only, one call at a time; slow work (indexing a deflated member) is done in
// slices through `ArrayDataSource.prepare(for:)` so keys keep working. Anything that can fail
// throws; the browser shows the error's description where the data would have been and stays open.

/// One opened file: a lone `.npy` (one member) or an `.npz` archive.
public protocol BrowserDocument: AnyObject {
    /// The path as the user gave it (shown in titles and used in the `np.memmap` line).
    var path: String { get }
    /// True for a ZIP archive (`.npz`), false for a lone `.npy`.
    var isArchive: Bool { get }
    /// Why the file cannot be browsed at all (unreadable, not NPY/NPZ); nil when it can.
    /// A document with an error has no members.
    var error: String? { get }
    /// Number of members (central-directory entries, duplicates too; 1 for a lone `.npy`).
    var memberCount: Int { get }
    /// The list row of member `index` (0-based, directory order). Only rows on screen are asked
    /// for, so this must not read more than the member's header.
    func member(at index: Int) -> MemberSummary
    /// Every fact about member `index`, for the info pane. Reads headers only.
    func details(of index: Int) -> MemberDetails
    /// Opens member `index` for viewing values. Throws when it cannot be read as an array at all;
    /// a readable member whose values cannot be shown (object arrays) returns a source with an
    /// `explanation` instead.
    func openArray(_ index: Int) throws -> any ArrayDataSource
    /// True when the file's size or modification time changed since it was opened.
    /// Called about once a second while idle: keep it to one `stat`.
    func hasChangedOnDisk() -> Bool
    /// Opens the same path again and returns the new document (the `reload` command).
    func reopen() throws -> any BrowserDocument
}

extension BrowserDocument {
    /// No error by default.
    public var error: String? { nil }
    /// Files are assumed unchanged unless the document says otherwise.
    public func hasChangedOnDisk() -> Bool { false }
    /// Documents that cannot reopen return themselves.
    public func reopen() throws -> any BrowserDocument { self }
}

/// One row of the member list.
public struct MemberSummary: Equatable, Sendable {
    /// The ZIP entry name (`big.npy`), or the file's basename for a lone `.npy`.
    public var name: String
    /// numpy's `dtype.str` (`<f8`, `|V12`); nil when the member is not a readable array.
    public var dtype: String?
    /// The array's shape; nil when unreadable.
    public var shape: [Int]?
    /// The ZIP method (`stored`, `deflate`, `bzip2`, ...); nil for a lone `.npy`.
    public var method: String?
    /// Bytes the member occupies in the archive; nil for a lone `.npy`.
    public var compressedSize: UInt64?
    /// Bytes of the member's NPY stream (for a lone `.npy`: the file size).
    public var uncompressedSize: UInt64?
    /// Why the member is not a readable array; nil when it is.
    public var error: String?

    /// Creates a summary.
    public init(name: String, dtype: String? = nil, shape: [Int]? = nil, method: String? = nil,
                compressedSize: UInt64? = nil, uncompressedSize: UInt64? = nil, error: String? = nil) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.method = method
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.error = error
    }

    /// Compressed size over uncompressed size (0.25 = a quarter); nil when either is unknown or zero.
    public var ratio: Double? {
        guard let c = compressedSize, let u = uncompressedSize, u > 0 else { return nil }
        return Double(c) / Double(u)
    }
}

/// The NPY format version from the header (`1.0`, `2.0`, `3.0`).
public struct NPYVersion: Equatable, Sendable, CustomStringConvertible {
    /// Major version.
    public var major: Int
    /// Minor version.
    public var minor: Int
    /// Creates a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }
    public var description: String { "\(major).\(minor)" }
}

/// A fact with a label, for `MemberDetails.extra`.
public struct DetailLine: Equatable, Sendable {
    /// The label, e.g. `zip64`.
    public var label: String
    /// The value text.
    public var value: String
    /// Creates a line.
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// Every fact about one member, for the info pane. Fields that do not apply or could not be
/// read are nil; `error` says why a member is not a readable array.
public struct MemberDetails: Equatable, Sendable {
    /// ZIP entry name (basename for a lone `.npy`).
    public var name: String
    /// numpy's key: the name without `.npy`.
    public var key: String
    /// ZIP method; nil for a lone `.npy`.
    public var method: String?
    /// Compressed size from the ZIP directory.
    public var compressedSize: UInt64?
    /// Uncompressed size (bytes of the NPY stream).
    public var uncompressedSize: UInt64?
    /// CRC-32 from the ZIP directory.
    public var crc32: UInt32?
    /// Offset of the ZIP local header in the file.
    public var localHeaderOffset: UInt64?
    /// Offset in the file where the member's bytes start (after the local header); 0 for a lone `.npy`.
    public var memberDataOffset: UInt64?
    /// NPY format version.
    public var version: NPYVersion?
    /// The HEADER_LEN field.
    public var headerLength: Int?
    /// The header dict text exactly as stored, padding and final newline included.
    public var headerText: String?
    /// numpy's `dtype.str`.
    public var dtype: String?
    /// The `descr` literal as stored (`'<f8'`, `[('x', '<f4'), ...]`).
    public var descr: String?
    /// Bytes per element.
    public var itemSize: Int?
    /// Shape from the header.
    public var shape: [Int]?
    /// `fortran_order` from the header.
    public var isFortranOrder: Bool?
    /// Where array data starts, counted from the start of the NPY stream.
    public var arrayDataOffset: UInt64?
    /// Where array data starts in the file, when it lies there uncompressed; nil otherwise.
    public var absoluteDataOffset: UInt64?
    /// itemsize × element count.
    public var dataByteCount: UInt64?
    /// A ready-to-copy `np.memmap(...)` line; nil when the data is not memory-mappable
    /// (compressed, or not an array). See `MemberDetails.memmapLine(path:descr:offset:shape:isFortranOrder:)`.
    public var memmapLine: String?
    /// Any further facts, shown after the standard ones.
    public var extra: [DetailLine]
    /// Why the member is not a readable array.
    public var error: String?

    /// Creates details; everything but the name is optional.
    public init(name: String, key: String? = nil, method: String? = nil, compressedSize: UInt64? = nil,
                uncompressedSize: UInt64? = nil, crc32: UInt32? = nil, localHeaderOffset: UInt64? = nil,
                memberDataOffset: UInt64? = nil, version: NPYVersion? = nil, headerLength: Int? = nil,
                headerText: String? = nil, dtype: String? = nil, descr: String? = nil, itemSize: Int? = nil,
                shape: [Int]? = nil, isFortranOrder: Bool? = nil, arrayDataOffset: UInt64? = nil,
                absoluteDataOffset: UInt64? = nil, dataByteCount: UInt64? = nil, memmapLine: String? = nil,
                extra: [DetailLine] = [], error: String? = nil) {
        self.name = name
        self.key = key ?? (name.hasSuffix(".npy") ? String(name.dropLast(4)) : name)
        self.method = method
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.crc32 = crc32
        self.localHeaderOffset = localHeaderOffset
        self.memberDataOffset = memberDataOffset
        self.version = version
        self.headerLength = headerLength
        self.headerText = headerText
        self.dtype = dtype
        self.descr = descr
        self.itemSize = itemSize
        self.shape = shape
        self.isFortranOrder = isFortranOrder
        self.arrayDataOffset = arrayDataOffset
        self.absoluteDataOffset = absoluteDataOffset
        self.dataByteCount = dataByteCount
        self.memmapLine = memmapLine
        self.extra = extra
        self.error = error
    }

    /// The largest power of two (up to 4096) dividing the array data's file offset, or its
    /// offset in the NPY stream when the data is not in the file uncompressed; nil when unknown.
    public var alignment: UInt64? {
        guard let offset = absoluteDataOffset ?? arrayDataOffset else { return nil }
        if offset == 0 { return 4096 }
        return min(4096, UInt64(1) << UInt64(offset.trailingZeroBitCount))
    }

    /// A ready-to-copy line: `np.memmap('f.npy', dtype='<f8', mode='r', offset=128, shape=(3, 4), order='C')`.
    /// `descr` is the descr literal as stored; a structured one (a list) is wrapped in `np.dtype(...)`.
    public static func memmapLine(path: String, descr: String, offset: UInt64, shape: [Int], isFortranOrder: Bool) -> String {
        let trimmed = descr.trimmingSpaces
        let dtype = trimmed.hasPrefix("[") ? "np.dtype(\(trimmed))" : trimmed
        return "np.memmap(\(pythonStringLiteral(path)), dtype=\(dtype), mode='r', offset=\(offset), "
            + "shape=\(shapeText(shape)), order='\(isFortranOrder ? "F" : "C")')"
    }
}

/// One column of a structured array: a field, flattened (`pos.x` for nested fields).
public struct FieldColumn: Equatable, Sendable {
    /// Dotted name path (`pos.x`), by names, never titles.
    public var name: String
    /// The field's own dtype text (`<f4`).
    public var dtype: String
    /// Shape of a subarray field (`(3,)` → `[3]`); empty for scalar fields.
    public var subarrayShape: [Int]
    /// Offset of the field's bytes inside one element.
    public var byteOffset: Int
    /// Number of bytes of the field (subarray included).
    public var byteCount: Int
    /// numpy's indexing of this column on one element (`['pos']['x']`, `['vel'][0]`); nil means `['name']`.
    public var indexing: String?

    /// Creates a field column.
    public init(name: String, dtype: String, subarrayShape: [Int] = [], byteOffset: Int, byteCount: Int, indexing: String? = nil) {
        self.indexing = indexing
        self.name = name
        self.dtype = dtype
        self.subarrayShape = subarrayShape
        self.byteOffset = byteOffset
        self.byteCount = byteCount
    }
}

/// What work is left before a source can serve random reads quickly.
public enum PreparationStatus: Equatable, Sendable {
    /// Nothing left to do.
    case ready
    /// Work in progress: `done` of `total` units (bytes) of the task named by `label`.
    case working(label: String, done: UInt64, total: UInt64)
}

/// The values of one opened array member.
///
/// Indices are full multi-indices (one entry per axis, each in `0..<shape[axis]`); the browser
/// only asks for elements that are on screen (and, for search, the elements it scans).
public protocol ArrayDataSource: AnyObject {
    /// The array's shape (empty for 0-d).
    var shape: [Int] { get }
    /// numpy's `dtype.str` (`<f8`, `|V12`).
    var dtype: String { get }
    /// Bytes per element.
    var itemSize: Int { get }
    /// Flattened fields of a structured dtype in field order; empty for any other dtype.
    var fields: [FieldColumn] { get }
    /// `fortran_order` from the header (the display is always by logical index).
    var isFortranOrder: Bool { get }
    /// Non-nil when values cannot be shown (object arrays, unsupported dtypes): these words are
    /// shown in place of the grid.
    var explanation: String? { get }
    /// Work still needed before random access (e.g. indexing a deflated member); `.ready` if none.
    /// A source that reads during preparation may start needing work later, when a read jumps far
    /// (the browser asks again after each frame), and reports `.ready` after `cancelPreparation`.
    var preparation: PreparationStatus { get }
    /// Does a slice of the preparation lasting about `budget`, and returns what is left. The
    /// browser calls it repeatedly between keystrokes (on its own thread) while it shows progress.
    /// A thrown error is shown in place of the values.
    func prepare(for budget: Duration) throws -> PreparationStatus
    /// True when values may be read while the preparation is not finished (reads are correct,
    /// only slower far into the member): the grid is shown at once, progress in the bottom line.
    /// False: the browser shows only progress and reads nothing until `.ready`.
    var readsDuringPreparation: Bool { get }
    /// Stops the preparation (the user pressed Esc or left the array). Afterwards the browser
    /// goes on reading when `readsDuringPreparation` is true, and drops the source otherwise.
    func cancelPreparation()
    /// numpy's text of one element (`field == nil`) or of field `field` of a structured element
    /// (subarray fields as numpy prints them, `[1. 2. 3.]`).
    func text(at index: [Int], field: Int?) throws -> String
    /// Where array data starts in the NPY stream (header bytes are `0..<dataOffset`).
    var dataOffset: UInt64 { get }
    /// Bytes in the NPY stream (the inflated size for a deflated member).
    var streamSize: UInt64 { get }
    /// Where byte 0 of the NPY stream lies in the file when stored uncompressed; nil when deflated.
    var streamFileOffset: UInt64? { get }
    /// Up to `count` bytes of the NPY stream from `offset` (fewer at its end), for the hex view.
    func bytes(at offset: UInt64, count: Int) throws -> [UInt8]
}

extension ArrayDataSource {
    /// Not structured by default.
    public var fields: [FieldColumn] { [] }
    /// Values can be shown by default.
    public var explanation: String? { nil }
    /// Ready by default.
    public var preparation: PreparationStatus { .ready }
    /// Nothing to prepare by default.
    public func prepare(for budget: Duration) throws -> PreparationStatus { .ready }
    /// Nothing to cancel by default.
    public func cancelPreparation() {}
    /// No reads before the preparation is done, by default.
    public var readsDuringPreparation: Bool { false }
}
