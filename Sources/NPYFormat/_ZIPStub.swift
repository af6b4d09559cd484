// TEMPORARY until the zip and inflate branches merge.
public struct ZIPEntry: Sendable {
  public let index: Int; public let name: String; public let rawName: [UInt8]; public let flags: UInt16; public let method: UInt16
  public var methodName: String { "" }
  public let crc32: UInt32; public let compressedSize: UInt64; public let uncompressedSize: UInt64
  public let localHeaderOffset: UInt64; public let centralHeaderOffset: UInt64; public let comment: String
  public var isEncrypted: Bool { flags & 1 != 0 }
  public var hasDataDescriptor: Bool { flags & 8 != 0 }
  public var isDirectory: Bool { name.hasSuffix("/") }
}
public struct ZIPLocalHeader: Sendable {
  public let offset: UInt64; public let dataOffset: UInt64; public let name: [UInt8]; public let flags: UInt16; public let method: UInt16
  public let crc32: UInt32; public let compressedSize: UInt64; public let uncompressedSize: UInt64
}
public final class ZIPArchive: @unchecked Sendable {
  public let source: ByteSource; public let entries: [ZIPEntry] = []; public let comment: String = ""
  public let centralDirectoryOffset: UInt64 = 0; public let centralDirectorySize: UInt64 = 0; public let entryCount: UInt64 = 0
  public let isZip64: Bool = false; public let baseOffset: UInt64 = 0; public let endRecordOffset: UInt64 = 0
  public init(source: ByteSource) throws { self.source = source }
  public static func hasZIPSignature(_ source: ByteSource) -> Bool { false }
  public func localHeader(of entry: ZIPEntry) throws -> ZIPLocalHeader { fatalError() }
  public func dataRange(of entry: ZIPEntry) throws -> (offset: UInt64, length: UInt64) { fatalError() }
  public func structuralProblems() -> [FormatError] { [] }
}
public final class InflatedSource: ByteSource, @unchecked Sendable {
  public init(compressed: ByteSource, declaredSize: UInt64, expectedCRC: UInt32? = nil) { size = declaredSize }
  public let size: UInt64
  public var fileOffset: UInt64? { nil }
  public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws {}
  public func buildIndex(upTo offset: UInt64, progress: (UInt64, UInt64) -> Bool) throws {}
  public var indexedUpTo: UInt64 { 0 }
  public var checkpointCount: Int { 0 }
  public var indexMemoryBytes: Int { 0 }
  public func checkWhole(progress: (UInt64, UInt64) -> Bool) throws -> (crc32: UInt32, inflatedSize: UInt64) { (0, 0) }
}
