// TEMPORARY until the inflate branch merges.
public final class InflatedSource: ByteSource, @unchecked Sendable {
  public init(compressed: ByteSource, declaredSize: UInt64, expectedCRC: UInt32? = nil) { size = declaredSize }
  public let size: UInt64
  public var fileOffset: UInt64? { nil }
  public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws { throw FormatError(.inflated(offset), "inflate not merged") }
  public func buildIndex(upTo offset: UInt64, progress: (UInt64, UInt64) -> Bool) throws {}
  public var indexedUpTo: UInt64 { 0 }
  public var checkpointCount: Int { 0 }
  public var indexMemoryBytes: Int { 0 }
  public func checkWhole(progress: (UInt64, UInt64) -> Bool) throws -> (crc32: UInt32, inflatedSize: UInt64) { (0, 0) }
}
