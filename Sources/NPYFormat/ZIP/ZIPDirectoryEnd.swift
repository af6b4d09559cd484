/// Signatures of ZIP records, as little-endian u32 values.
enum ZIPSignature {
    static let localHeader: UInt32 = 0x0403_4B50        // PK\3\4
    static let centralHeader: UInt32 = 0x0201_4B50      // PK\1\2
    static let endRecord: UInt32 = 0x0605_4B50          // PK\5\6
    static let zip64EndRecord: UInt32 = 0x0606_4B50     // PK\6\6
    static let zip64Locator: UInt32 = 0x0706_4B50       // PK\6\7

    /// The signature as it appears in a file, for messages.
    static func text(_ sig: UInt32) -> String {
        ZIPText.hex([UInt8(sig & 0xFF), UInt8(sig >> 8 & 0xFF), UInt8(sig >> 16 & 0xFF), UInt8(sig >> 24)][...])
    }
}

/// Fixed sizes from APPNOTE.
enum ZIPSize {
    static let endRecord = 22
    static let maxComment = 65535
    static let zip64Locator = 20
    static let zip64EndRecord = 56
    static let centralHeader = 46
    static let localHeader = 30
}

/// Reads a little-endian value from `b` at `i`; the caller has checked the bounds.
@inline(__always) func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
/// Reads a little-endian u32 from `b` at `i`; the caller has checked the bounds.
@inline(__always) func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}

/// The end of central directory record, merged with the zip64 end record when one is present.
struct ZIPDirectoryEnd {
    /// Absolute offset of "PK\5\6".
    var endOffset: UInt64
    /// The archive comment's bytes.
    var comment: [UInt8]
    var diskNumber: UInt32
    var directoryDisk: UInt32
    var entriesOnDisk: UInt64
    var entries: UInt64
    var directorySize: UInt64
    /// As stored: relative to the start of the archive proper.
    var directoryOffset: UInt64
    /// Absolute offset of "PK\6\6" when a zip64 end record is in use.
    var zip64Offset: UInt64?
    /// Where the fields that the values came from lie (for errors).
    var entriesField: UInt64
    var sizeField: UInt64
    var offsetField: UInt64
    var diskField: UInt64
    /// Oddities tolerated while reading.
    var notes: [FormatError] = []

    /// Where the directory's end records start: the zip64 end record if present, else the end record.
    var recordsStart: UInt64 { zip64Offset ?? endOffset }
    /// The first byte after the end record and its comment.
    var endOfRecords: UInt64 { endOffset + UInt64(ZIPSize.endRecord + comment.count) }

    /// How many bytes at the end of a file of `size` bytes may hold the end record.
    static func tailLength(_ size: UInt64) -> Int {
        Int(min(size, UInt64(ZIPSize.endRecord + ZIPSize.maxComment)))
    }

    /// Finds the end record in `tail` (the last bytes of the file, starting at `tailStart`), scanning
    /// backward. Takes the last signature whose comment fits in the file and whose directory could lie
    /// before it (or that defers to zip64); failing that, the last whose comment fits.
    static func locate(in tail: [UInt8], tailStart: UInt64) -> Int? {
        guard tail.count >= ZIPSize.endRecord else { return nil }
        var fallback: Int?
        var i = tail.count - ZIPSize.endRecord
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 5 && tail[i + 3] == 6 {
                let commentLength = Int(le16(tail, i + 20))
                if i + ZIPSize.endRecord + commentLength <= tail.count {
                    let entries = le16(tail, i + 10)
                    let size = le32(tail, i + 12)
                    let offset = le32(tail, i + 16)
                    if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
                        || UInt64(offset) + UInt64(size) <= tailStart + UInt64(i) {
                        return i
                    }
                    if fallback == nil { fallback = i }
                }
            }
            i -= 1
        }
        return fallback
    }

    /// Reads the end record of the archive in `source`, and the zip64 end record it leads to.
    static func read(_ source: ByteSource) throws -> ZIPDirectoryEnd {
        let size = source.size
        guard size >= UInt64(ZIPSize.endRecord) else {
            throw FormatError(source.location(0),
                              "expected at least \(ZIPSize.endRecord) bytes (an end of central directory record), found a file of \(size) bytes")
        }
        let tailLength = tailLength(size)
        let tailStart = size - UInt64(tailLength)
        let tail = try source.bytes(at: tailStart, count: tailLength)
        guard let i = locate(in: tail, tailStart: tailStart) else {
            // A file that starts with a local header lost its end: say so rather than "not a ZIP".
            let startsLikeZIP = (try? source.bytes(at: 0, count: 4)) == [0x50, 0x4B, 0x03, 0x04]
            let why = startsLikeZIP
                ? "the file starts with a ZIP local header, so it was probably cut off before its directory (truncated)"
                : "not a ZIP archive, or truncated"
            throw FormatError(source.location(tailStart),
                              "expected an end of central directory record (\(ZIPSignature.text(ZIPSignature.endRecord))) in the last \(tailLength) bytes, found none: \(why)")
        }
        let endOffset = tailStart + UInt64(i)
        let commentLength = Int(le16(tail, i + 20))
        var end = ZIPDirectoryEnd(
            endOffset: endOffset,
            comment: Array(tail[i + ZIPSize.endRecord ..< i + ZIPSize.endRecord + commentLength]),
            diskNumber: UInt32(le16(tail, i + 4)),
            directoryDisk: UInt32(le16(tail, i + 6)),
            entriesOnDisk: UInt64(le16(tail, i + 8)),
            entries: UInt64(le16(tail, i + 10)),
            directorySize: UInt64(le32(tail, i + 12)),
            directoryOffset: UInt64(le32(tail, i + 16)),
            zip64Offset: nil,
            entriesField: endOffset + 10, sizeField: endOffset + 12, offsetField: endOffset + 16, diskField: endOffset + 4)

        let saturated = end.entries == 0xFFFF || end.entriesOnDisk == 0xFFFF || end.directorySize == 0xFFFF_FFFF
            || end.directoryOffset == 0xFFFF_FFFF || end.diskNumber == 0xFFFF || end.directoryDisk == 0xFFFF
        let locatorOffset = endOffset >= UInt64(ZIPSize.zip64Locator) ? endOffset - UInt64(ZIPSize.zip64Locator) : nil
        if let locatorOffset {
            let locator = try source.bytes(at: locatorOffset, count: ZIPSize.zip64Locator)
            if le32(locator, 0) == ZIPSignature.zip64Locator {
                do {
                    try end.applyZIP64(source, locator: locator, at: locatorOffset)
                } catch let error as FormatError {
                    // The end record needs the zip64 values only when one of its fields is saturated;
                    // otherwise these bytes merely look like a locator (Go's issue 12449), so keep going.
                    if saturated { throw error }
                    end.notes.append(FormatError(error.location, error.message + " (ignored: the end record's own values are complete)"))
                }
            }
        }

        guard end.diskNumber == 0 && end.directoryDisk == 0 else {
            throw FormatError(source.location(end.diskField),
                              "expected a single-disk archive (disk numbers 0), found this disk numbered \(end.diskNumber) and the central directory on disk \(end.directoryDisk); multi-disk (split or spanned) archives are not supported")
        }
        if end.entriesOnDisk != end.entries {
            end.notes.append(FormatError(source.location(end.entriesField),
                                         "expected the entry count on this disk (\(end.entriesOnDisk)) to equal the total entry count, found \(end.entries)"))
        }
        return end
    }

    /// Reads the zip64 end record named by the locator `locator` (20 bytes at `locatorOffset`)
    /// and takes its values.
    private mutating func applyZIP64(_ source: ByteSource, locator: [UInt8], at locatorOffset: UInt64) throws {
        let recordDisk = le32(locator, 4)
        var stated: UInt64 = 0
        for k in 0..<8 { stated |= UInt64(locator[8 + k]) << (8 * UInt64(k)) }
        let totalDisks = le32(locator, 16)
        guard recordDisk == 0 && totalDisks <= 1 else {
            throw FormatError(source.location(locatorOffset + 4),
                              "expected a single-disk archive (zip64 end record on disk 0 of 1), found disk \(recordDisk) of \(totalDisks) in the zip64 locator; multi-disk archives are not supported")
        }
        let recordLength = UInt64(ZIPSize.zip64EndRecord)
        func hasRecord(at p: UInt64) -> Bool {
            guard p <= locatorOffset, locatorOffset - p >= recordLength,
                  let sig = try? source.bytes(at: p, count: 4) else { return false }
            return le32(sig, 0) == ZIPSignature.zip64EndRecord
        }
        // The locator's offset is relative to the archive proper; with bytes prepended it falls
        // short by their number, and the record is then normally right before the locator (where
        // Python's zipfile looks). Prepended bytes only ever move the record later than stated.
        let position: UInt64
        if hasRecord(at: stated) {
            position = stated
        } else if locatorOffset >= recordLength, locatorOffset - recordLength >= stated,
                  hasRecord(at: locatorOffset - recordLength) {
            position = locatorOffset - recordLength
        } else {
            let found: String
            if stated < source.size, let b = try? source.prefix(at: stated, upTo: 4) {
                found = "\(ZIPText.hex(b[...])) at byte \(stated)"
            } else {
                found = "offset \(stated), past the end of the file (\(source.size) bytes)"
            }
            throw FormatError(source.location(locatorOffset + 8),
                              "expected the zip64 locator to name a zip64 end record (\(ZIPSignature.text(ZIPSignature.zip64EndRecord))) before byte \(locatorOffset), found \(found)")
        }
        let r = try source.bytes(at: position, count: ZIPSize.zip64EndRecord)
        var c = ByteCursor(r, base: (source.fileOffset ?? 0) &+ position, what: "zip64 end record", inflated: source.fileOffset == nil)
        _ = try c.u32("signature")
        let recordSize = try c.u64("record size")
        _ = try c.u16("version made by")
        _ = try c.u16("version needed")
        let disk = try c.u32("disk number")
        let directoryDisk = try c.u32("central directory disk")
        let onDisk = try c.u64("entries on this disk")
        let entries = try c.u64("entries")
        let size = try c.u64("central directory size")
        let offset = try c.u64("central directory offset")
        guard recordSize >= recordLength - 12 else {
            throw FormatError(source.location(position + 4),
                              "expected a zip64 end record size of at least \(recordLength - 12), found \(recordSize)")
        }
        let recordEnd = Checked.add(position + 12, recordSize)
        if recordEnd != locatorOffset {
            notes.append(FormatError(source.location(position + 4),
                                     "expected the zip64 end record (12 + \(recordSize) bytes) to end at the zip64 locator at byte \(locatorOffset), found it ends at \(recordEnd.map { "byte \($0)" } ?? "an offset past 2^64")"))
        }
        // Fields of the end record that are not saturated should agree with the zip64 ones.
        func compare(_ small: UInt64, _ saturated: UInt64, _ big: UInt64, _ what: String, _ field: UInt64) {
            if small != saturated && small != big {
                notes.append(FormatError(source.location(field),
                                         "expected the end record's \(what) to match the zip64 end record's \(big), found \(small)"))
            }
        }
        compare(self.entries, 0xFFFF, entries, "entry count", entriesField)
        compare(self.directorySize, 0xFFFF_FFFF, size, "central directory size", sizeField)
        compare(self.directoryOffset, 0xFFFF_FFFF, offset, "central directory offset", offsetField)
        self.zip64Offset = position
        self.diskNumber = disk
        self.directoryDisk = directoryDisk
        self.entriesOnDisk = onDisk
        self.entries = entries
        self.directorySize = size
        self.directoryOffset = offset
        self.entriesField = position + 32
        self.sizeField = position + 40
        self.offsetField = position + 48
        self.diskField = position + 16
    }
}
