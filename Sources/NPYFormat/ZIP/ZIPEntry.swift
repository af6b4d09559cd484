/// One record of a ZIP central directory, with zip64 values already applied.
///
/// Offsets are absolute positions in the archive's `ByteSource` (bytes prepended to the
/// archive, as in self-extracting files, are accounted for).
public struct ZIPEntry: Sendable {
    /// Position of this record in the central directory, from 0.
    public let index: Int
    /// The entry name: UTF-8 when flag bit 11 is set (cp437 if that is not valid UTF-8), else cp437.
    public let name: String
    /// The name's bytes when they are not simply `name`'s UTF-8 (non-ASCII names); nil for ASCII,
    /// which spares an allocation per entry in large archives.
    let storedRawName: [UInt8]?
    /// The name's bytes exactly as stored.
    public var rawName: [UInt8] { storedRawName ?? Array(name.utf8) }
    /// The general-purpose bit flags.
    public let flags: UInt16
    /// The compression method number (0 stored, 8 deflate, ...).
    public let method: UInt16
    /// The CRC-32 of the uncompressed bytes, as the central directory states it.
    public let crc32: UInt32
    /// Bytes of member data in the file; the zip64 value when the 32-bit field is 0xFFFFFFFF.
    public let compressedSize: UInt64
    /// Bytes of the member once decompressed; the zip64 value when the 32-bit field is 0xFFFFFFFF.
    public let uncompressedSize: UInt64
    /// Absolute offset of the member's local header ("PK\3\4").
    public let localHeaderOffset: UInt64
    /// Absolute offset of this central directory record ("PK\1\2").
    public let centralHeaderOffset: UInt64
    /// The entry comment, decoded like the name.
    public let comment: String
    /// The "version made by" field (high byte: host system, low byte: spec version × 10).
    public let versionMadeBy: UInt16
    /// The "version needed to extract" field.
    public let versionNeeded: UInt16
    /// MS-DOS modification time (2-second resolution), as stored.
    public let modificationTime: UInt16
    /// MS-DOS modification date, as stored.
    public let modificationDate: UInt16
    /// Internal file attributes, as stored.
    public let internalAttributes: UInt16
    /// External file attributes (Unix mode in the high 16 bits when made on Unix), as stored.
    public let externalAttributes: UInt32
    /// Length of the central extra field in bytes.
    public let extraLength: Int
    /// Whether the central record carries a zip64 extended-information extra field (0x0001).
    public let hasZIP64Extra: Bool

    /// Lower-case method name: "stored", "deflate", ..., or the number for unknown methods.
    public var methodName: String { ZIPEntry.methodName(method) }
    /// Whether the member is encrypted (flag bit 0).
    public var isEncrypted: Bool { flags & 1 != 0 }
    /// Whether the member's CRC and sizes follow its data in a data descriptor (flag bit 3).
    public var hasDataDescriptor: Bool { flags & 8 != 0 }
    /// Whether the name is UTF-8 by flag (bit 11).
    public var isUTF8: Bool { flags & 0x800 != 0 }
    /// Whether the entry is a directory (its name ends with "/").
    public var isDirectory: Bool { name.utf8.last == UInt8(ascii: "/") }  // "/" decodes to "/" alone in both encodings

    /// The name of compression method `method` as the design documents it.
    public static func methodName(_ method: UInt16) -> String {
        switch method {
        case 0: return "stored"
        case 8: return "deflate"
        case 9: return "deflate64"
        case 12: return "bzip2"
        case 14: return "lzma"
        case 93: return "zstd"
        case 95: return "xz"
        case 99: return "aes"
        default: return String(method)
        }
    }
}

/// A member's local file header, re-read from the file.
public struct ZIPLocalHeader: Sendable {
    /// Absolute offset of the "PK\3\4" signature.
    public let offset: UInt64
    /// Absolute offset of the first byte of member data: offset + 30 + name length + extra length.
    public let dataOffset: UInt64
    /// The name bytes as stored in the local header.
    public let name: [UInt8]
    /// The general-purpose bit flags.
    public let flags: UInt16
    /// The compression method number.
    public let method: UInt16
    /// The CRC-32 field (0 when a data descriptor follows the data).
    public let crc32: UInt32
    /// Compressed size, from the local zip64 extra field when the 32-bit field is saturated and one is present.
    public let compressedSize: UInt64
    /// Uncompressed size, from the local zip64 extra field when the 32-bit field is saturated and one is present.
    public let uncompressedSize: UInt64
    /// The "version needed to extract" field.
    public let versionNeeded: UInt16
    /// Length of the local extra field in bytes.
    public let extraLength: Int
    /// Whether the local header carries a zip64 extra field (0x0001).
    public let hasZIP64Extra: Bool
    /// Whether both sizes are real values: not 0xFFFFFFFF left unresolved for want of a zip64 extra field.
    public let sizesAreKnown: Bool
    /// Oddities of this header's extra field (reported by `ZIPArchive.structuralProblems()`).
    let notes: [FormatError]
}
