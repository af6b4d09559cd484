import Foundation
import NPYFormat
import Testing

// Fixtures: python3 Tests/Fixtures/gen_zip_cases.py Tests/Fixtures/generated/zip
// Expected values come from Python's zipfile (see the script); corrupt cases are made here by
// byte surgery at offsets taken from those expectations.

@Suite("ZIP directory: real archives")
struct ZIPFixtureTests {
    @Test("fixtures exist")
    func fixturesExist() throws {
        let archives = try ZIPFixtures.load()
        #expect(archives.count >= 15, "\(ZIPFixtures.missingMessage)")
    }

    @Test("directory matches zipfile", arguments: ZIPFixtures.archives())
    func directoryMatchesZipfile(_ expected: ExpectedArchive) throws {
        let file = try MappedFile(path: ZIPFixtures.path(expected.file))
        let archive = try ZIPArchive(source: file)
        #expect(ZIPArchive.hasZIPSignature(file))
        #expect(archive.size == expected.size)
        #expect(archive.comment == expected.comment)
        #expect(archive.rawComment == [UInt8](hex: expected.commentHex))
        #expect(archive.entryCount == expected.entryCount)
        #expect(archive.centralDirectoryOffset == expected.cdOffset)
        #expect(archive.centralDirectorySize == expected.cdSize)
        #expect(archive.isZip64 == expected.zip64)
        #expect(archive.baseOffset == expected.baseOffset)
        #expect(archive.endRecordOffset == expected.endRecordOffset)
        try #require(archive.entries.count == expected.entries.count)
        for (entry, want) in zip(archive.entries, expected.entries) {
            let name = want.name
            #expect(entry.index == want.index, "\(name)")
            #expect(entry.name == want.name)
            #expect(entry.rawName == [UInt8](hex: want.rawNameHex), "\(name)")
            #expect(entry.flags == want.flags, "\(name)")
            #expect(entry.method == want.method, "\(name)")
            #expect(entry.crc32 == want.crc, "\(name)")
            #expect(entry.compressedSize == want.compressedSize, "\(name)")
            #expect(entry.uncompressedSize == want.uncompressedSize, "\(name)")
            #expect(entry.localHeaderOffset == want.headerOffset, "\(name)")
            #expect(entry.centralHeaderOffset == want.centralHeaderOffset, "\(name)")
            #expect(entry.comment == want.comment, "\(name)")
            #expect(entry.versionMadeBy == want.versionMadeBy, "\(name)")
            #expect(entry.versionNeeded == want.versionNeeded, "\(name)")
            #expect(entry.externalAttributes == want.externalAttributes, "\(name)")
            #expect(entry.internalAttributes == want.internalAttributes, "\(name)")
            #expect(entry.modificationTime == want.modTime, "\(name)")
            #expect(entry.modificationDate == want.modDate, "\(name)")
            #expect(entry.isDirectory == want.isDir, "\(name)")
            #expect(entry.extraLength == want.extraLength, "\(name)")
            #expect(entry.hasDataDescriptor == (want.flags & 8 != 0), "\(name)")
            #expect(entry.isEncrypted == false, "\(name)")

            let header = try archive.localHeader(of: entry)
            #expect(header.offset == want.headerOffset, "\(name)")
            #expect(header.dataOffset == want.dataOffset, "\(name)")
            #expect(header.name.count == want.localNameLength, "\(name)")
            #expect(header.extraLength == want.localExtraLength, "\(name)")
            #expect(header.method == want.method, "\(name)")
            let range = try archive.dataRange(of: entry)
            #expect(range.offset == want.dataOffset, "\(name)")
            #expect(range.length == want.compressedSize, "\(name)")
        }
    }

    @Test("structural problems are exactly the ones built in", arguments: ZIPFixtures.archives())
    func structuralProblems(_ expected: ExpectedArchive) throws {
        let archive = try ZIPArchive(source: MappedFile(path: ZIPFixtures.path(expected.file)))
        let problems = archive.structuralProblems()
        for part in expected.problems {
            #expect(problems.contains { $0.message.contains(part) }, "expected a problem mentioning '\(part)' in \(problems)")
        }
        for problem in problems {
            #expect(expected.problems.contains { problem.message.contains($0) }, "unexpected problem: \(problem)")
            #expect(problem.message.hasPrefix("expected"), "\(problem)")
            if case .file = problem.location {} else { Issue.record("problem without a file offset: \(problem)") }
        }
    }

    @Test("numpy archives: zip64 extras in the local header only")
    func numpyLocalZIP64() throws {
        for file in ["savez.npz", "savez_compressed.npz", "savez_stream.npz"] {
            let archive = try ZIPArchive(source: MappedFile(path: ZIPFixtures.path(file)))
            for entry in archive.entries {
                #expect(!entry.hasZIP64Extra, "\(file) \(entry.name)")
                let header = try archive.localHeader(of: entry)
                #expect(header.hasZIP64Extra, "\(file) \(entry.name)")
                if entry.hasDataDescriptor {
                    // Streamed: the local sizes are unknown (zeros in the zip64 field), the directory's count.
                    #expect(header.crc32 == 0, "\(file) \(entry.name)")
                } else {
                    #expect(header.sizesAreKnown, "\(file) \(entry.name)")
                    #expect(header.compressedSize == entry.compressedSize, "\(file) \(entry.name)")
                    #expect(header.uncompressedSize == entry.uncompressedSize, "\(file) \(entry.name)")
                    #expect(header.crc32 == entry.crc32, "\(file) \(entry.name)")
                }
            }
        }
    }

    @Test("the stream npz sets bit 3 on every member")
    func dataDescriptors() throws {
        let archive = try ZIPArchive(source: MappedFile(path: ZIPFixtures.path("savez_stream.npz")))
        #expect(!archive.entries.isEmpty)
        #expect(archive.entries.allSatisfy { $0.hasDataDescriptor })
    }

    @Test("method names")
    func methodNames() {
        let names: [(UInt16, String)] = [(0, "stored"), (8, "deflate"), (9, "deflate64"), (12, "bzip2"),
                                         (14, "lzma"), (93, "zstd"), (95, "xz"), (99, "aes"), (7, "7")]
        for (method, name) in names { #expect(ZIPEntry.methodName(method) == name) }
    }

    @Test("an end record inside the comment that does not fit is skipped")
    func fakeEndRecordInComment() throws {
        let bytes = try ZIPFixtures.bytes("comment.zip")
        let expected = try ZIPFixtures.archive("comment.zip")
        let eocd = Int(expected.endRecordOffset)
        // A comment holding "PK\5\6" whose own comment length (0xFFFF) cannot fit.
        let comment = Array("xx".utf8) + [0x50, 0x4B, 5, 6] + [UInt8](repeating: 0xFF, count: 18) + Array("tail".utf8)
        let rebuilt = Array(bytes[..<(eocd + 20)]) + [UInt8(comment.count), 0] + comment
        let archive = try openArchive(rebuilt)
        #expect(archive.endRecordOffset == expected.endRecordOffset)
        #expect(archive.rawComment == comment)
        #expect(archive.entries.map(\.name) == expected.entries.map(\.name))
    }

    @Test("hasZIPSignature rejects what is not ZIP")
    func sniff() {
        #expect(!ZIPArchive.hasZIPSignature(MemorySource([])))
        #expect(!ZIPArchive.hasZIPSignature(MemorySource(Array("\u{93}NUMPY".utf8) + [UInt8](repeating: 0x20, count: 200))))
        #expect(ZIPArchive.hasZIPSignature(MemorySource([0x50, 0x4B, 5, 6] + [UInt8](repeating: 0, count: 18))))
    }
}

@Suite("ZIP directory: 100,000 members")
struct ZIPHundredThousandTests {
    @Test("parses fast and lists every member as zipfile does")
    func hundredThousand() throws {
        let expected = try Expected100k.load()
        let file = try MappedFile(path: ZIPFixtures.path("hundred_k.zip"))
        var times: [Double] = []
        var archive: ZIPArchive?
        for _ in 0..<5 {
            archive = nil
            let t0 = DispatchTime.now().uptimeNanoseconds
            archive = try ZIPArchive(source: file)
            let t1 = DispatchTime.now().uptimeNanoseconds
            times.append(Double(t1 - t0) / 1e6)
        }
        let a = try #require(archive)
        let best = times.min() ?? 0
        print("ZIP: parsed the central directory of \(a.entries.count) members in \(String(format: "%.1f", times[0])) ms first, \(String(format: "%.1f", best)) ms best of 5")
        #if !DEBUG
        #expect(best < 100, "release build parse took \(best) ms")
        #endif
        #expect(best < 2000, "parse took \(best) ms")
        #expect(a.isZip64 == expected.archive.zip64)
        #expect(a.isZip64)
        #expect(a.entryCount == expected.archive.entryCount)
        #expect(a.centralDirectoryOffset == expected.archive.cdOffset)
        #expect(a.centralDirectorySize == expected.archive.cdSize)
        #expect(a.endRecordOffset == expected.archive.endRecordOffset)
        let c = expected.columns
        try #require(a.entries.count == c.name.count)
        var mismatches = 0
        for (i, e) in a.entries.enumerated() {
            if e.name != c.name[i] || e.crc32 != c.crc[i] || e.compressedSize != c.compressedSize[i]
                || e.uncompressedSize != c.uncompressedSize[i] || e.localHeaderOffset != c.headerOffset[i] {
                mismatches += 1
                if mismatches < 5 { Issue.record("entry \(i): \(e) differs from zipfile's") }
            }
        }
        #expect(mismatches == 0)
        // Data offsets for a spread of members (every one is covered by structuralProblems below).
        for i in stride(from: 0, to: a.entries.count, by: 997) {
            #expect(try a.dataRange(of: a.entries[i]).offset == c.dataOffset[i])
        }
        let problems = a.structuralProblems()
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("a 16-bit entry count that overflowed is tolerated and reported")
    func countModulo65536() throws {
        let expected = try Expected100k.load()
        let bytes = try ZIPFixtures.bytes("hundred_k.zip")
        // Replace the zip64 end record, locator and end record by a plain end record, as a writer
        // without zip64 support would: the count wraps around modulo 65536.
        let cdEnd = Int(expected.archive.cdOffset + expected.archive.cdSize)
        let count = expected.archive.entryCount & 0xFFFF
        var end = [UInt8](repeating: 0, count: 22).setting(0, 0x0605_4B50, width: 4)
        end = end.setting(8, count, width: 2).setting(10, count, width: 2)
        end = end.setting(12, expected.archive.cdSize, width: 4).setting(16, expected.archive.cdOffset, width: 4)
        let archive = try openArchive(Array(bytes[..<cdEnd]) + end)
        #expect(!archive.isZip64)
        #expect(UInt64(archive.entries.count) == expected.archive.entryCount)
        #expect(archive.entryCount == count)
        let notes = archive.structuralProblems().filter { $0.message.contains("modulo 65536") }
        #expect(notes.count == 1)
    }
}

@Suite("ZIP directory: corrupt archives")
struct ZIPCorruptTests {
    static let small = ["savez.npz", "savez_compressed.npz", "savez_stream.npz", "comment.zip", "force_zip64.zip",
                        "zip64_small.zip", "zip64_saturated.zip", "prefixed_zip64.zip", "names_utf8.zip",
                        "duplicates.zip", "zipcli.zip", "zipcli_stream.zip", "empty.zip"]

    /// Offsets where a structure starts or ends, and one byte either side.
    static func boundaries(_ a: ExpectedArchive) -> [UInt64] {
        var points: [UInt64] = [0, 1, a.cdOffset, a.cdOffset + a.cdSize, a.endRecordOffset, a.size - 1]
        for k: UInt64 in [4, 8, 10, 12, 16, 20, 22] { points.append(a.endRecordOffset + k) }
        if a.zip64 {
            let record = a.endRecordOffset - 76
            for k: UInt64 in [0, 4, 12, 24, 32, 40, 48, 56, 60, 68] { points.append(record + k) }
        }
        for e in a.entries {
            for k: UInt64 in [0, 4, 26, 30] { points.append(e.headerOffset + k) }
            points.append(e.dataOffset)
            for k: UInt64 in [0, 4, 28, 46] { points.append(e.centralHeaderOffset + k) }
        }
        var all = Set<UInt64>()
        for p in points { for q in [p &- 1, p, p + 1] where q < a.size { all.insert(q) } }
        return all.sorted()
    }

    @Test("truncation at every structural boundary throws", arguments: small)
    func truncation(_ file: String) throws {
        let expected = try ZIPFixtures.archive(file)
        let bytes = try ZIPFixtures.bytes(file)
        for cut in Self.boundaries(expected) {
            expectFormatError(Array(bytes[..<Int(cut)]), containing: "", "\(file) cut at \(cut)")
        }
    }

    @Test("every single-byte change never crashes, and errors are FormatErrors", arguments: small)
    func byteFlips(_ file: String) throws {
        let bytes = try ZIPFixtures.bytes(file)
        let expected = try ZIPFixtures.archive(file)
        // The whole directory and end records; the whole file when it is small.
        let start = bytes.count <= 4096 ? 0 : Int(expected.cdOffset)
        for i in start..<bytes.count {
            for change in [{ (b: UInt8) in b ^ 0xFF }, { $0 &+ 1 }, { _ in 0 }] {
                var copy = bytes
                copy[i] = change(copy[i])
                let archive: ZIPArchive
                do {
                    archive = try openArchive(copy)
                } catch let error as FormatError {
                    #expect(error.message.hasPrefix("expected"), "\(file) byte \(i): \(error)")
                    continue
                } catch {
                    Issue.record("\(file) byte \(i): not a FormatError: \(error)")
                    continue
                }
                for problem in archive.structuralProblems() {
                    #expect(problem.message.hasPrefix("expected"), "\(file) byte \(i): \(problem)")
                }
                for entry in archive.entries {
                    _ = try? archive.localHeader(of: entry)
                    _ = try? archive.dataRange(of: entry)
                }
            }
        }
    }

    @Test("files that are not archives")
    func notArchives() {
        expectFormatError([], containing: "at least 22 bytes", "empty file")
        expectFormatError([UInt8](repeating: 0x50, count: 21), containing: "at least 22 bytes", "21 bytes")
        expectFormatError([UInt8](repeating: 0, count: 100_000), containing: "end of central directory record", "zeros")
        expectFormatError(Array("\u{93}NUMPY\u{1}\u{0}v\u{0}{'descr': '<f8'}".utf8) + [UInt8](repeating: 0x20, count: 100),
                          containing: "end of central directory record", "an npy file")
    }

    @Test("a count claiming 2^32 entries is refused before allocating")
    func hugeCount() throws {
        let z = try ZIPFixtures.archive("zip64_saturated.zip")
        let bytes = try ZIPFixtures.bytes("zip64_saturated.zip")
        let record = z.cdOffset + z.cdSize  // the zip64 end record follows the directory
        let huge = bytes.setting(record + 24, 1 << 32, width: 8).setting(record + 32, 1 << 32, width: 8)
        expectFormatError(huge, containing: "found a count of 4294967296", "zip64 count 2^32")
        let max = bytes.setting(record + 24, UInt64.max, width: 8).setting(record + 32, UInt64.max, width: 8)
        expectFormatError(max, containing: "found a count of \(UInt64.max)", "zip64 count 2^64-1")
        // A plain end record: 65535 entries cannot fit in a directory of a few hundred bytes.
        let c = try ZIPFixtures.archive("comment.zip")
        let plain = try ZIPFixtures.bytes("comment.zip")
        let wide = plain.setting(c.endRecordOffset + 8, 0xFFFF, width: 2).setting(c.endRecordOffset + 10, 0xFFFF, width: 2)
        expectFormatError(wide, containing: "found a count of 65535", "count 65535")
    }

    @Test("a count the directory does not hold")
    func countMismatch() throws {
        let c = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        let n = UInt64(c.entries.count)
        let more = bytes.setting(c.endRecordOffset + 8, n + 1, width: 2).setting(c.endRecordOffset + 10, n + 1, width: 2)
        expectFormatError(more, containing: "central directory records", "count + 1")
        let fewer = bytes.setting(c.endRecordOffset + 8, n - 1, width: 2).setting(c.endRecordOffset + 10, n - 1, width: 2)
        let archive = try openArchive(fewer)
        #expect(UInt64(archive.entries.count) == n)
        #expect(archive.structuralProblems().contains { $0.message.contains("as the end record says") })
    }

    @Test("a central directory size or offset past the file")
    func directoryPastTheFile() throws {
        let c = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        expectFormatError(bytes.setting(c.endRecordOffset + 12, 0xFFFF_FFF0, width: 4),
                          containing: "central directory size", "size 0xFFFFFFF0")
        expectFormatError(bytes.setting(c.endRecordOffset + 12, c.size, width: 4),
                          containing: "central directory size", "size = file size")
        expectFormatError(bytes.setting(c.endRecordOffset + 16, c.cdOffset + 1, width: 4),
                          containing: "central directory offset", "offset + 1")
        let z = try ZIPFixtures.archive("zip64_saturated.zip")
        let z64 = try ZIPFixtures.bytes("zip64_saturated.zip")
        let record = z.cdOffset + z.cdSize
        expectFormatError(z64.setting(record + 40, 1 << 40, width: 8), containing: "central directory size", "zip64 size 2^40")
        expectFormatError(z64.setting(record + 48, UInt64.max, width: 8), containing: "central directory offset", "zip64 offset 2^64-1")
    }

    @Test("a zip64 locator pointing outside the file")
    func locatorOutside() throws {
        let z = try ZIPFixtures.archive("zip64_saturated.zip")
        let saturated = try ZIPFixtures.bytes("zip64_saturated.zip")
        let locator = z.endRecordOffset - 20
        for target in [z.size + 1000, UInt64.max, 1 << 63, z.endRecordOffset] {
            expectFormatError(saturated.setting(locator + 8, target, width: 8), containing: "zip64", "locator -> \(target)")
        }
        expectFormatError(saturated.setting(z.cdOffset + z.cdSize, 0, width: 4), containing: "zip64 end record", "bad zip64 signature")
        // When the end record's own values are complete, a broken locator is reported, not fatal.
        let s = try ZIPFixtures.archive("zip64_small.zip")
        let small = try ZIPFixtures.bytes("zip64_small.zip")
        let archive = try openArchive(small.setting(s.endRecordOffset - 20 + 8, s.size + 1000, width: 8))
        #expect(!archive.isZip64)
        #expect(archive.entries.map(\.name) == s.entries.map(\.name))
        #expect(archive.structuralProblems().contains { $0.message.contains("ignored") })
    }

    @Test("multi-disk archives are refused")
    func multiDisk() throws {
        let c = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        expectFormatError(bytes.setting(c.endRecordOffset + 4, 1, width: 2), containing: "multi-disk", "this disk 1")
        expectFormatError(bytes.setting(c.endRecordOffset + 6, 2, width: 2), containing: "multi-disk", "directory on disk 2")
        let z = try ZIPFixtures.archive("zip64_saturated.zip")
        let z64 = try ZIPFixtures.bytes("zip64_saturated.zip")
        expectFormatError(z64.setting(z.endRecordOffset - 20 + 16, 3, width: 4), containing: "multi-disk", "locator: 3 disks")
        expectFormatError(z64.setting(z.cdOffset + z.cdSize + 16, 1, width: 4), containing: "multi-disk", "zip64 record: disk 1")
    }

    @Test("a central record whose lengths run past the directory")
    func recordLengths() throws {
        let c = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        for e in c.entries {
            expectFormatError(bytes.setting(e.centralHeaderOffset + 28, 0xFFFF, width: 2), containing: "within the central directory", "\(e.name) name length")
            expectFormatError(bytes.setting(e.centralHeaderOffset + 32, 0xFFFF, width: 2), containing: "within the central directory", "\(e.name) comment length")
            expectFormatError(bytes.setting(e.centralHeaderOffset, 0, width: 4), containing: "central directory record", "\(e.name) signature")
        }
    }

    /// Opens a patched fixture and returns its structural problems.
    func problems(_ bytes: [UInt8]) throws -> [FormatError] {
        try openArchive(bytes).structuralProblems()
    }

    @Test("an unreadable local header spoils only its member")
    func badLocalHeader() throws {
        let a = try ZIPFixtures.archive("savez.npz")
        let bytes = try ZIPFixtures.bytes("savez.npz")
        let victim = a.entries[1]
        let archive = try openArchive(bytes.setting(victim.headerOffset, 0, width: 4))
        #expect(archive.entries.count == a.entries.count)
        #expect(throws: FormatError.self) { try archive.localHeader(of: archive.entries[1]) }
        #expect(throws: FormatError.self) { try archive.dataRange(of: archive.entries[1]) }
        #expect(try archive.dataRange(of: archive.entries[0]).offset == a.entries[0].dataOffset)
        let found = archive.structuralProblems()
        #expect(found.contains { $0.member == victim.name && $0.location == .file(victim.headerOffset) && $0.message.contains("local header signature") })
        // A local header offset past the end of the file.
        let far = try openArchive(bytes.setting(victim.centralHeaderOffset + 42, 0x7FFF_FFFF, width: 4))
        #expect(throws: FormatError.self) { try far.localHeader(of: far.entries[1]) }
        // Local name and extra lengths running past the end of the file.
        let c = try ZIPFixtures.archive("comment.zip")
        let small = try ZIPFixtures.bytes("comment.zip")
        let e = c.entries[c.entries.count - 1]
        let long = try openArchive(small.setting(e.headerOffset + 26, 0xFFFF, width: 2).setting(e.headerOffset + 28, 0xFFFF, width: 2))
        #expect(throws: FormatError.self) { try long.localHeader(of: long.entries[c.entries.count - 1]) }
        #expect(long.structuralProblems().contains { $0.message.contains("name and extra field") && $0.member == e.name })
    }

    @Test("local and central headers that disagree")
    func disagreements() throws {
        let a = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        let e = a.entries[0]
        func check(_ patched: [UInt8], _ part: String) throws {
            let found = try problems(patched)
            #expect(found.contains { $0.message.contains(part) && $0.member == e.name }, "'\(part)' not in \(found)")
        }
        try check(bytes.setting(e.centralHeaderOffset + 10, 8, width: 2), "method")
        try check(bytes.setting(e.centralHeaderOffset + 8, 2, width: 2), "flags")
        try check(bytes.setting(e.centralHeaderOffset + 16, UInt64(e.crc ^ 1), width: 4), "CRC-32")
        try check(bytes.setting(e.centralHeaderOffset + 20, e.compressedSize - 1, width: 4), "compressed size")
        try check(bytes.setting(e.centralHeaderOffset + 24, e.uncompressedSize + 1, width: 4), "uncompressed size")
        try check(bytes.setting(e.headerOffset + 30, UInt64(UInt8(ascii: "S")), width: 1), "name")
        // With bit 3 set on both sides, the local CRC and sizes are not compared.
        let both = bytes.setting(e.centralHeaderOffset + 8, 8, width: 2).setting(e.headerOffset + 6, 8, width: 2)
            .setting(e.headerOffset + 14, 0, width: 4)
        #expect(try problems(both).isEmpty)
    }

    @Test("overlapping members, data past the end, data into the directory")
    func overlaps() throws {
        let a = try ZIPFixtures.archive("duplicates.zip")
        let bytes = try ZIPFixtures.bytes("duplicates.zip")
        // Entry 2 ("x.npy" again) pointed at entry 0's local header: same bytes twice (a zip bomb's trick).
        let same = try problems(bytes.setting(a.entries[2].centralHeaderOffset + 42, a.entries[0].headerOffset, width: 4))
        #expect(same.contains { $0.message.contains("to start at or after byte") }, "\(same)")
        // Entry 1 pointed inside entry 0's data.
        let inside = try openArchive(bytes.setting(a.entries[1].centralHeaderOffset + 42, a.entries[0].headerOffset + 1, width: 4))
        #expect(throws: FormatError.self) { try inside.localHeader(of: inside.entries[1]) }
        // A compressed size past the end of the file.
        let last = a.entries[2]
        let past = try openArchive(bytes.setting(last.centralHeaderOffset + 20, 0x7FFF_FFFF, width: 4))
        #expect(throws: FormatError.self) { try past.dataRange(of: past.entries[2]) }
        #expect(past.structuralProblems().contains { $0.message.contains("end of the file") && $0.member == last.name })
        // A compressed size that runs into the central directory.
        let into = try openArchive(bytes.setting(last.centralHeaderOffset + 20, a.cdOffset - last.dataOffset + 1, width: 4))
        #expect(throws: FormatError.self) { try into.dataRange(of: into.entries[2]) }
        #expect(into.structuralProblems().contains { $0.message.contains("central directory") && $0.member == last.name })
        // Entry 0's compressed size reaching into entry 1.
        let e0 = a.entries[0]
        let grow = try problems(bytes.setting(e0.centralHeaderOffset + 20, e0.compressedSize + 2, width: 4))
        #expect(grow.contains { $0.message.contains("to start at or after byte") && $0.member == a.entries[1].name }, "\(grow)")
    }

    @Test("extra fields: truncated, short zip64, saturated values without zip64")
    func extraFields() throws {
        // zip CLI writes extra fields: make the first one claim more than the area holds.
        let z = try ZIPFixtures.archive("zipcli.zip")
        let cli = try ZIPFixtures.bytes("zipcli.zip")
        let e = try #require(z.entries.first { $0.extraLength > 0 })
        let extra = e.centralHeaderOffset + 46 + UInt64([UInt8](hex: e.rawNameHex).count)
        let overrun = try openArchive(cli.setting(extra + 2, UInt64(e.extraLength), width: 2))
        #expect(overrun.entries.count == z.entries.count)
        #expect(overrun.structuralProblems().contains { $0.location == .file(extra) && $0.message.contains("extra field") })

        // zip64_small's last entry has a zip64 field holding only the local header offset (8 bytes):
        // claim 4 instead.
        let s = try ZIPFixtures.archive("zip64_small.zip")
        let small = try ZIPFixtures.bytes("zip64_small.zip")
        let last = s.entries[s.entries.count - 1]
        let z64 = last.centralHeaderOffset + 46 + UInt64([UInt8](hex: last.rawNameHex).count)
        #expect(small.reading(z64, width: 2) == 1)
        let short = try openArchive(small.setting(z64 + 2, 4, width: 2))
        #expect(short.structuralProblems().contains { $0.message.contains("local header offset in the zip64 extra field") })

        // A saturated compressed size with no zip64 field at all.
        let c = try ZIPFixtures.archive("comment.zip")
        let plain = try ZIPFixtures.bytes("comment.zip")
        let sat = try openArchive(plain.setting(c.entries[0].centralHeaderOffset + 20, 0xFFFF_FFFF, width: 4))
        #expect(sat.entries[0].compressedSize == 0xFFFF_FFFF)
        #expect(sat.structuralProblems().contains { $0.message.contains("zip64 extra field holding the compressed size") })
    }

    @Test("junk between the directory and the end record: offsets stay right")
    func junkBeforeEndRecord() throws {
        let c = try ZIPFixtures.archive("comment.zip")
        let bytes = try ZIPFixtures.bytes("comment.zip")
        let eocd = Int(c.endRecordOffset)
        let archive = try openArchive(Array(bytes[..<eocd]) + Array("JUNKJUNKJU".utf8) + Array(bytes[eocd...]))
        #expect(archive.baseOffset == 0)
        #expect(archive.centralDirectoryOffset == c.cdOffset)
        #expect(archive.entries.map(\.localHeaderOffset) == c.entries.map(\.headerOffset))
        #expect(archive.structuralProblems().contains { $0.message.contains("right after the central directory") })
    }
}
