/// The directory of a ZIP archive (an .npz file): end records, central directory entries, and
/// on-demand local headers. Offsets are absolute positions in `source`.
///
/// Reading is strict where the directory itself is at stake (end record, zip64 end record, the
/// central directory's placement, size and records: any problem there throws a `FormatError`) and
/// tolerant about single members (an odd extra field, a missing zip64 value, a local header that
/// disagrees): those are collected by `structuralProblems()` so that the other members stay readable.
public final class ZIPArchive: @unchecked Sendable {
    /// The bytes of the archive.
    public let source: ByteSource
    /// The central directory's records, in directory order (duplicates kept).
    public let entries: [ZIPEntry]
    /// The archive comment: UTF-8 if valid, else cp437.
    public let comment: String
    /// The archive comment's bytes as stored.
    public let rawComment: [UInt8]
    /// Absolute offset of the central directory.
    public let centralDirectoryOffset: UInt64
    /// Size of the central directory in bytes.
    public let centralDirectorySize: UInt64
    /// The entry count the end record states (the zip64 end record's when present).
    public let entryCount: UInt64
    /// Whether a zip64 end of central directory record is present (and used).
    public let isZip64: Bool
    /// Absolute offset of the zip64 end record, when present.
    public let zip64EndRecordOffset: UInt64?
    /// Bytes preceding the archive proper (a prefixed or self-extracting file); offsets stored in the
    /// archive count from here.
    public let baseOffset: UInt64
    /// Absolute offset of the end of central directory record ("PK\5\6").
    public let endRecordOffset: UInt64
    /// The source's size when the archive was read.
    public let size: UInt64
    /// Oddities tolerated while reading the directory (reported by `structuralProblems()`).
    let notes: [FormatError]

    /// Reads the end record(s) and the whole central directory of the archive in `source`.
    /// Throws a `FormatError` at the absolute offset of the first problem that makes the directory unreadable.
    public init(source: ByteSource) throws {
        let end = try ZIPDirectoryEnd.read(source)
        func at(_ offset: UInt64) -> ErrorLocation { source.location(offset) }
        var notes = end.notes
        let recordsStart = end.recordsStart
        let directorySize = end.directorySize
        let endName = end.zip64Offset == nil ? "end record" : "zip64 end record"
        guard directorySize <= recordsStart else {
            throw FormatError(at(end.sizeField),
                              "expected a central directory size of at most \(recordsStart) bytes (it must fit before the \(endName) at byte \(recordsStart)), found \(directorySize)")
        }
        guard end.directoryOffset <= recordsStart - directorySize else {
            throw FormatError(at(end.offsetField),
                              "expected a central directory offset of at most \(recordsStart - directorySize) (its \(directorySize) bytes must end by the \(endName) at byte \(recordsStart)), found \(end.directoryOffset)")
        }
        // Bytes before the archive shift every stored offset (Go's baseOffset, Python's concat).
        var base = recordsStart - directorySize - end.directoryOffset
        if base > 0 && end.entries > 0
            && !ZIPArchive.signature(source, at: base + end.directoryOffset, is: ZIPSignature.centralHeader)
            && ZIPArchive.signature(source, at: end.directoryOffset, is: ZIPSignature.centralHeader) {
            // The directory is where the stored offset says, with junk between it and the end record.
            base = 0
        }
        let directoryStart = base + end.directoryOffset
        let directoryEnd = directoryStart + directorySize
        if directoryEnd != recordsStart {
            notes.append(FormatError(at(directoryEnd),
                                     "expected the \(endName) right after the central directory at byte \(directoryEnd), found it at byte \(recordsStart)"))
        }
        // Every record takes at least 46 bytes: check the count before allocating anything for it.
        let maxEntries = directorySize / UInt64(ZIPSize.centralHeader)
        guard end.entries <= maxEntries else {
            throw FormatError(at(end.entriesField),
                              "expected at most \(maxEntries) entries in a central directory of \(directorySize) bytes (each record takes at least \(ZIPSize.centralHeader)), found a count of \(end.entries)")
        }
        // directorySize <= the source's size, checked above: one read for the whole directory.
        let directory = try ZIPArchive.read(source, at: directoryStart, count: Int(directorySize))
        let entries = try ZIPArchive.parseDirectory(directory, at: directoryStart, base: base, count: end.entries,
                                                    isZip64: end.zip64Offset != nil, source: source, notes: &notes)

        self.source = source
        self.entries = entries
        self.rawComment = end.comment
        self.comment = ZIPText.decodePreferringUTF8(end.comment)
        self.centralDirectoryOffset = directoryStart
        self.centralDirectorySize = directorySize
        self.entryCount = end.entries
        self.isZip64 = end.zip64Offset != nil
        self.zip64EndRecordOffset = end.zip64Offset
        self.baseOffset = base
        self.endRecordOffset = end.endOffset
        self.size = source.size
        self.notes = notes
    }

    /// Cheap sniff: "PK\3\4" or "PK\5\6" (an empty archive) at offset 0, or an end record near the end.
    public static func hasZIPSignature(_ source: ByteSource) -> Bool {
        if let head = try? source.prefix(at: 0, upTo: 4), head.count == 4 {
            let sig = le32(head, 0)
            if sig == ZIPSignature.localHeader || sig == ZIPSignature.endRecord { return true }
        }
        let size = source.size
        guard size >= UInt64(ZIPSize.endRecord) else { return false }
        let length = ZIPDirectoryEnd.tailLength(size)
        guard let tail = try? source.bytes(at: size - UInt64(length), count: length) else { return false }
        return ZIPDirectoryEnd.locate(in: tail, tailStart: size - UInt64(length)) != nil
    }

    /// Re-reads the local header of `entry`: checks its signature and that its name and extra field
    /// lie inside the file; applies the local zip64 extra field to saturated sizes.
    public func localHeader(of entry: ZIPEntry) throws -> ZIPLocalHeader {
        let offset = entry.localHeaderOffset
        let fixed = UInt64(ZIPSize.localHeader)
        guard offset <= size, size - offset >= fixed else {
            // Past the end: the number at fault is the directory's offset field.
            let location = offset < size ? source.location(offset) : source.location(entry.centralHeaderOffset + 42)
            throw FormatError(location,
                              "expected a \(fixed)-byte local header at byte \(offset), found the end of the file at byte \(size)",
                              member: entry.name)
        }
        let head = try source.bytes(at: offset, count: ZIPSize.localHeader)
        var c = cursor(head, at: offset, what: "local header")
        let signature = try c.u32("signature")
        guard signature == ZIPSignature.localHeader else {
            throw FormatError(source.location(offset),
                              "expected a local header signature (\(ZIPSignature.text(ZIPSignature.localHeader))), found \(ZIPText.hex(head[0..<4]))",
                              member: entry.name)
        }
        let versionNeeded = try c.u16("version needed")
        let flags = try c.u16("flags")
        let method = try c.u16("method")
        _ = try c.u16("modification time")
        _ = try c.u16("modification date")
        let crc = try c.u32("CRC-32")
        let compressed32 = try c.u32("compressed size")
        let uncompressed32 = try c.u32("uncompressed size")
        let nameLength = Int(try c.u16("name length"))
        let extraLength = Int(try c.u16("extra length"))
        // offset + 30 <= size, and the lengths are at most 2 * 65535: no overflow.
        let dataOffset = offset + fixed + UInt64(nameLength + extraLength)
        guard dataOffset <= size else {
            throw FormatError(source.location(offset + 26),
                              "expected the local header's name and extra field (\(nameLength) + \(extraLength) bytes) to end by the end of the file at byte \(size), found they would end at byte \(dataOffset)",
                              member: entry.name)
        }
        let rest = try source.bytes(at: offset + fixed, count: nameLength + extraLength)
        var compressed = UInt64(compressed32)
        var uncompressed = UInt64(uncompressed32)
        let needU = uncompressed32 == 0xFFFF_FFFF
        let needC = compressed32 == 0xFFFF_FFFF
        var known = !(needU || needC)
        var hasZIP64 = false
        var notes: [FormatError] = []
        if extraLength > 0 {
            let extraStart = offset + fixed + UInt64(nameLength)
            let walk = ZIPExtra.walk(rest, nameLength ..< nameLength + extraLength)
            if let o = walk.overrun {
                notes.append(FormatError(source.location(offset + fixed + UInt64(o.index)),
                                         "expected local extra field \(ZIPArchive.hex16(o.tag)) (\(o.size) bytes) to fit in the header's extra area, found \(o.left) bytes left in it",
                                         member: entry.name))
            }
            if let z = walk.zip64 {
                hasZIP64 = true
                if needU || needC {
                    let v = ZIPExtra.zip64Values(rest, z, uncompressed: needU, compressed: needC, offset: false, disk: false)
                    if let u = v.uncompressed { uncompressed = u }
                    if let s = v.compressed { compressed = s }
                    known = !(needU && v.uncompressed == nil) && !(needC && v.compressed == nil)
                    if let s = v.short {
                        notes.append(FormatError(source.location(extraStart + UInt64(s.index - nameLength)),
                                                 "expected \(s.need) bytes for the \(s.field) in the local zip64 extra field, found \(s.left)",
                                                 member: entry.name))
                    }
                }
            }
        }
        return ZIPLocalHeader(offset: offset, dataOffset: dataOffset, name: Array(rest[0..<nameLength]),
                              flags: flags, method: method, crc32: crc,
                              compressedSize: compressed, uncompressedSize: uncompressed,
                              versionNeeded: versionNeeded, extraLength: extraLength,
                              hasZIP64Extra: hasZIP64, sizesAreKnown: known, notes: notes)
    }

    /// Where the member's stored bytes lie: from the local header's data offset, for the central
    /// directory's compressed size. Throws when they run past the end of the file or into the
    /// central directory.
    public func dataRange(of entry: ZIPEntry) throws -> (offset: UInt64, length: UInt64) {
        try dataRange(of: entry, header: localHeader(of: entry))
    }

    /// `dataRange(of:)` with the local header already read.
    func dataRange(of entry: ZIPEntry, header: ZIPLocalHeader) throws -> (offset: UInt64, length: UInt64) {
        let start = header.dataOffset
        let length = entry.compressedSize
        guard let end = Checked.add(start, length), end <= size else {
            throw FormatError(source.location(start),
                              "expected \(length) bytes of member data (the directory's compressed size) from byte \(start), found the end of the file at byte \(size)",
                              member: entry.name)
        }
        let directoryStart = centralDirectoryOffset
        let directoryEnd = centralDirectoryOffset + centralDirectorySize
        if header.offset < directoryEnd && end > directoryStart {
            if header.offset < directoryStart {
                throw FormatError(source.location(directoryStart),
                                  "expected the member's data (bytes \(start)..<\(end)) to end by the central directory at byte \(directoryStart), found it runs into it",
                                  member: entry.name)
            }
            throw FormatError(source.location(header.offset),
                              "expected the local header outside the central directory (bytes \(directoryStart)..<\(directoryEnd)), found it at byte \(header.offset)",
                              member: entry.name)
        }
        return (start, length)
    }

    // MARK: - Central directory

    /// Parses every record of the central directory held in `directory` (which starts at `start`).
    ///
    /// The hot loop reads the fixed 46-byte part of each record straight from the buffer after one
    /// bounds check (a short record is reported through `ByteCursor`), and allocates only the
    /// entry's name bytes (and strings longer than the small-string limit).
    static func parseDirectory(_ directory: [UInt8], at start: UInt64, base: UInt64, count: UInt64,
                               isZip64: Bool, source: ByteSource, notes: inout [FormatError]) throws -> [ZIPEntry] {
        var entries: [ZIPEntry] = []
        entries.reserveCapacity(Int(count))  // count <= directory.count / 46, checked by the caller
        let n = directory.count
        try directory.withUnsafeBytes { raw in
            var pos = 0
            while pos < n {
                if n - pos < 4 || raw.loadUnaligned(fromByteOffset: pos, as: UInt32.self).littleEndian != ZIPSignature.centralHeader {
                    let found = ZIPText.hex(directory[pos ..< min(pos + 4, n)])
                    let offset = start + UInt64(pos)
                    if UInt64(entries.count) >= count {
                        notes.append(FormatError(source.location(offset),
                                                 "expected the central directory to end after its \(entries.count) records, found \(n - pos) more bytes starting \(found)"))
                        break
                    }
                    throw FormatError(source.location(offset),
                                      "expected central directory record \(entries.count + 1) of \(count) (signature \(ZIPSignature.text(ZIPSignature.centralHeader))), found \(found)")
                }
                if n - pos < ZIPSize.centralHeader {
                    var c = ByteCursor(directory, base: (source.fileOffset ?? 0) &+ start, what: "central directory",
                                       inflated: source.fileOffset == nil)
                    c.position = pos
                    try c.skip(ZIPSize.centralHeader, "record \(entries.count + 1)'s fixed fields")
                }
                let (entry, next) = try parseRecord(raw, directory, pos, at: start, base: base, index: entries.count,
                                                    source: source, notes: &notes)
                entries.append(entry)
                pos = next
            }
        }
        let found = UInt64(entries.count)
        if found < count {
            throw FormatError(source.location(start + UInt64(n)),
                              "expected \(count) central directory records, found \(found) in its \(n) bytes")
        }
        if found > count {
            let why = !isZip64 && found & 0xFFFF == count
                ? " (the count modulo 65536: the writer overflowed the 16-bit field instead of writing a zip64 end record)" : ""
            notes.append(FormatError(source.location(start),
                                     "expected \(count) central directory records as the end record says, found \(found)\(why)"))
        }
        return entries
    }

    /// Parses the record at `pos` of the directory (`raw` are the bytes of `directory`; at least 46
    /// of them remain). Returns the entry and the position of the next record.
    @inline(__always)
    private static func parseRecord(_ raw: UnsafeRawBufferPointer, _ directory: [UInt8], _ pos: Int, at start: UInt64,
                                    base: UInt64, index: Int, source: ByteSource,
                                    notes: inout [FormatError]) throws -> (ZIPEntry, Int) {
        @inline(__always) func u16(_ k: Int) -> UInt16 { raw.loadUnaligned(fromByteOffset: pos + k, as: UInt16.self).littleEndian }
        @inline(__always) func u32(_ k: Int) -> UInt32 { raw.loadUnaligned(fromByteOffset: pos + k, as: UInt32.self).littleEndian }
        let recordOffset = start + UInt64(pos)
        let madeBy = u16(4)
        let needed = u16(6)
        let flags = u16(8)
        let method = u16(10)
        let time = u16(12)
        let date = u16(14)
        let crc = u32(16)
        let compressed32 = u32(20)
        let uncompressed32 = u32(24)
        let nameLength = Int(u16(28))
        let extraLength = Int(u16(30))
        let commentLength = Int(u16(32))
        let disk16 = u16(34)
        let internalAttributes = u16(36)
        let externalAttributes = u32(38)
        let offset32 = u32(42)
        let variableStart = pos + ZIPSize.centralHeader
        let left = raw.count - variableStart
        guard nameLength + extraLength + commentLength <= left else {
            throw FormatError(source.location(recordOffset + 28),
                              "expected the name, extra field and comment (\(nameLength) + \(extraLength) + \(commentLength) bytes) within the central directory, found \(left) bytes left in it")
        }
        let nameRange = variableStart ..< variableStart + nameLength
        let extraRange = nameRange.upperBound ..< nameRange.upperBound + extraLength
        let commentRange = extraRange.upperBound ..< extraRange.upperBound + commentLength

        let bytes = raw.assumingMemoryBound(to: UInt8.self)  // the bytes of a [UInt8]
        let nameBytes = UnsafeBufferPointer(rebasing: bytes[nameRange])
        let utf8 = flags & 0x800 != 0
        let asciiName = ZIPText.isASCII(nameBytes)
        let name = asciiName ? String(decoding: nameBytes, as: UTF8.self) : ZIPText.decode(nameBytes, utf8: utf8)
        let comment = commentLength == 0 ? "" : ZIPText.decode(UnsafeBufferPointer(rebasing: bytes[commentRange]), utf8: utf8)
        var uncompressed = UInt64(uncompressed32)
        var compressed = UInt64(compressed32)
        var offset = UInt64(offset32)
        var disk = UInt32(disk16)
        let needU = uncompressed32 == 0xFFFF_FFFF
        let needC = compressed32 == 0xFFFF_FFFF
        let needO = offset32 == 0xFFFF_FFFF
        let needD = disk16 == 0xFFFF
        var hasZIP64 = false
        if extraLength > 0 {
            let walk = ZIPExtra.walk(directory, extraRange)
            if let o = walk.overrun {
                notes.append(FormatError(source.location(start + UInt64(o.index)),
                                         "expected extra field \(hex16(o.tag)) (\(o.size) bytes) to fit in the entry's extra area, found \(o.left) bytes left in it",
                                         member: name))
            }
            if let z = walk.zip64 {
                hasZIP64 = true
                if needU || needC || needO || needD {
                    let v = ZIPExtra.zip64Values(directory, z, uncompressed: needU, compressed: needC, offset: needO, disk: needD)
                    if let x = v.uncompressed { uncompressed = x }
                    if let x = v.compressed { compressed = x }
                    if let x = v.offset { offset = x }
                    if let x = v.disk { disk = x }
                    if let s = v.short {
                        notes.append(FormatError(source.location(start + UInt64(s.index)),
                                                 "expected \(s.need) bytes for the \(s.field) in the zip64 extra field, found \(s.left)",
                                                 member: name))
                    }
                }
            }
        }
        if !hasZIP64 {
            // An uncompressed size of exactly 0xFFFFFFFF is plausible without zip64 (Go accepts it too);
            // a saturated compressed size or offset is not, but the value is kept and the entry listed.
            if needC {
                notes.append(FormatError(source.location(recordOffset + 20),
                                         "expected a zip64 extra field holding the compressed size (its 32-bit field is 0xFFFFFFFF), found none",
                                         member: name))
            }
            if needO {
                notes.append(FormatError(source.location(recordOffset + 42),
                                         "expected a zip64 extra field holding the local header offset (its 32-bit field is 0xFFFFFFFF), found none",
                                         member: name))
            }
        }
        if disk != 0 {
            notes.append(FormatError(source.location(recordOffset + 34),
                                     "expected disk number 0 for the local header (a single-disk archive), found \(disk)",
                                     member: name))
        }
        let (absolute, overflow) = base.addingReportingOverflow(offset)
        if overflow {
            notes.append(FormatError(source.location(recordOffset + 42),
                                     "expected a local header offset that fits in 64 bits after adding the \(base) bytes before the archive, found \(offset)",
                                     member: name))
        }
        let entry = ZIPEntry(index: index, name: name, storedRawName: asciiName ? nil : Array(nameBytes), flags: flags, method: method,
                             crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                             localHeaderOffset: overflow ? UInt64.max : absolute, centralHeaderOffset: recordOffset,
                             comment: comment, versionMadeBy: madeBy, versionNeeded: needed,
                             modificationTime: time, modificationDate: date,
                             internalAttributes: internalAttributes, externalAttributes: externalAttributes,
                             extraLength: extraLength, hasZIP64Extra: hasZIP64)
        return (entry, commentRange.upperBound)
    }

    // MARK: - Helpers

    /// Reads `count` bytes at `offset` into a new array without zero-filling it first (the central
    /// directory can be megabytes). `count` has been checked against the source's size.
    static func read(_ source: ByteSource, at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try source.read(at: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Whether the 4 bytes at `offset` are `signature`.
    static func signature(_ source: ByteSource, at offset: UInt64, is signature: UInt32) -> Bool {
        guard offset < source.size, source.size - offset >= 4, let b = try? source.bytes(at: offset, count: 4) else { return false }
        return le32(b, 0) == signature
    }

    /// A cursor over `bytes` read from `offset` of the source, naming absolute file offsets.
    func cursor(_ bytes: [UInt8], at offset: UInt64, what: String) -> ByteCursor {
        ByteCursor(bytes, base: (source.fileOffset ?? 0) &+ offset, what: what, inflated: source.fileOffset == nil)
    }

    /// A tag as "0x0001".
    static func hex16(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - s.count) + s
    }
}
