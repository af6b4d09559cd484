import Foundation
import Testing
@testable import NPYFormat

@Suite struct MappedFileTests {
    func tempFile(size: Int) throws -> String {
        let path = NSTemporaryDirectory() + "npybrowse-map-\(UUID().uuidString)"
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsRangesAndRejectsOutOfBounds() throws {
        let path = try tempFile(size: 100_000)
        defer { unlink(path) }
        let f = try MappedFile(path: path)
        #expect(f.size == 100_000)
        let b = try f.bytes(at: 99_990, count: 10)
        #expect(b == (99_990..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(throws: FormatError.self) { try f.bytes(at: 99_995, count: 10) }
        #expect(throws: FormatError.self) { try f.bytes(at: UInt64.max - 2, count: 10) }
    }

    /// A file truncated under a mapping raises SIGBUS on the next touch; the guard turns it into an error.
    @Test func truncatedWhileMappedGivesAnErrorNotADeadProcess() throws {
        let path = try tempFile(size: 16 << 20)
        defer { unlink(path) }
        let f = try MappedFile(path: path)
        _ = try f.bytes(at: 12 << 20, count: 4096)   // mapped and readable
        #expect(truncate(path, 4096) == 0)
        #expect(f.hasChanged())
        do {
            _ = try f.bytes(at: 12 << 20, count: 4096)
            Issue.record("expected an error after truncation")
        } catch let e as FormatError {
            #expect(e.location == .file(12 << 20))
            #expect(e.description.contains("changed while open"), "\(e)")
            #expect(e.description.contains(path))
        }
        // Streaming reads (pread, not the mapping) see the truncation the same way.
        do {
            _ = try f.bytes(at: 1 << 20, count: 1 << 20)
            Issue.record("expected an error from a streaming read after truncation")
        } catch let e as FormatError {
            #expect(e.location == .file(1 << 20))
            #expect(e.description.contains("changed while open") && e.description.contains(path), "\(e)")
        }
        // The process is alive and the remaining bytes still read.
        #expect(try f.bytes(at: 0, count: 16).count == 16)
    }

    /// Streaming reads (pread) and small reads (the mapping) return the file's bytes.
    @Test func streamingAndMappedReadsGiveTheFileBytes() throws {
        let size = 3 << 20
        let path = try tempFile(size: size)
        defer { unlink(path) }
        let f = try MappedFile(path: path)
        let expected = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for (offset, count) in [(7, 4096), (0, 65535), (1, 65536), (12345, 1 << 20), (size - 65536, 65536), (size - 3, 3)] {
            #expect(try f.bytes(at: UInt64(offset), count: count) == Array(expected[offset..<offset + count]), "\(offset) +\(count)")
        }
        #expect(throws: FormatError.self) { try f.bytes(at: UInt64(size - 65536), count: 65537) }
    }

    /// The same through a running array read: the error names the file and the offset.
    @Test func truncatedUnderAnArrayRead() throws {
        let path = NSTemporaryDirectory() + "npybrowse-trunc-\(UUID().uuidString).npy"
        defer { unlink(path) }
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2097152,), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: 2_097_152 * 8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let c = try NPYContainer(path: path)
        let a = try c.member(0).array()
        #expect(try a.text(view: a.fullView, index: [2_097_151]) == "0.0")
        let a2 = try c.member(0).array()   // fresh block cache
        #expect(truncate(path, 1 << 20) == 0)
        #expect(c.hasChanged())
        #expect(throws: FormatError.self) { try a2.text(view: a2.fullView, index: [2_000_000]) }
    }
}
