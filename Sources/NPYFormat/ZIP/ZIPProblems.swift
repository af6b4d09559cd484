extension ZIPArchive {
    /// Every structural problem of the archive, not just the first, in file order:
    /// - oddities tolerated while reading the directory (odd extra fields, saturated values without
    ///   zip64, a record count that disagrees with the end record, bytes between the directory and
    ///   the end record, an ignored zip64 locator);
    /// - bytes before the archive (prefixed or self-extracting files) and after the end record;
    /// - per member: an unreadable local header; a local header whose name, method or flags differ
    ///   from the central directory's, or whose CRC-32 and sizes do (unless a data descriptor holds
    ///   them, or they are 0xFFFFFFFF with no zip64 value); data past the end of the file or running
    ///   into the central directory;
    /// - members that overlap each other;
    /// - duplicate (decoded) names. They are legal ZIP but ambiguous (numpy silently takes the last), so
    ///   they are reported here too.
    /// Problems of one member carry its name in `member`.
    public func structuralProblems() -> [FormatError] {
        structuralDefects() + layoutNotes()
    }

    /// Bytes before the archive (self-extracting or `cat`-prefixed files) or after its end record.
    /// numpy and every unzip read such archives, so `verify` reports these as notes, not failures.
    public func layoutNotes() -> [FormatError] {
        var notes: [FormatError] = []
        func at(_ offset: UInt64) -> ErrorLocation { source.location(offset) }
        let first = entries.lazy.map(\.localHeaderOffset).min().map { min($0, centralDirectoryOffset) } ?? centralDirectoryOffset
        if first > 0 {
            let what = entries.isEmpty ? "its central directory" : "its first local header"
            let base = baseOffset > 0 ? "; the directory's offsets count from byte \(baseOffset)" : ""
            notes.append(FormatError(at(0), "expected the archive to start at byte 0, found \(first) bytes before \(what)\(base)"))
        }
        let endOfRecords = endRecordOffset + UInt64(ZIPSize.endRecord + rawComment.count)
        if endOfRecords < size {
            notes.append(FormatError(at(endOfRecords),
                                        "expected the file to end with the end record and its comment at byte \(endOfRecords), found \(size - endOfRecords) more bytes"))
        }

        return notes
    }

    /// Every problem that makes the archive wrong, as `structuralProblems()` lists them, without the layout notes.
    public func structuralDefects() -> [FormatError] {
        var problems = notes
        func at(_ offset: UInt64) -> ErrorLocation { source.location(offset) }

        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(entries.count)
        var extents: [(start: UInt64, end: UInt64, index: Int)] = []
        extents.reserveCapacity(entries.count)
        for entry in entries {
            if let earlier = firstIndex[entry.name] {
                problems.append(FormatError(at(entry.centralHeaderOffset),
                                            "expected each name once, found '\(entry.name)' again (first as entry \(earlier)); numpy takes the last",
                                            member: entry.name))
            } else {
                firstIndex[entry.name] = entry.index
            }
            let header: ZIPLocalHeader
            do {
                header = try localHeader(of: entry)
            } catch {
                problems.append(error.asFormatError(member: entry.name))
                continue
            }
            problems += header.notes
            compare(entry, header, into: &problems)
            do {
                let range = try dataRange(of: entry, header: header)
                extents.append((header.offset, range.offset + range.length, entry.index))
            } catch {
                problems.append(error.asFormatError(member: entry.name))
                extents.append((header.offset, header.dataOffset, entry.index))
            }
        }

        // Overlaps: sorted by start, each extent must begin at or after the furthest end so far.
        extents.sort { $0.start != $1.start ? $0.start < $1.start : $0.index < $1.index }
        var reach: (end: UInt64, index: Int)?
        for x in extents {
            if let r = reach, x.start < r.end {
                problems.append(FormatError(at(x.start),
                                            "expected entry \(x.index) to start at or after byte \(r.end), where entry \(r.index) ('\(entries[r.index].name)') ends, found its local header at byte \(x.start)",
                                            member: entries[x.index].name))
            }
            if reach == nil || x.end > reach!.end { reach = (x.end, x.index) }
        }

        // File order; discovery order among problems at the same offset.
        func key(_ e: FormatError) -> UInt64 {
            switch e.location {
            case .file(let n), .inflated(let n): return n
            case .none: return 0
            }
        }
        return problems.enumerated()
            .sorted { key($0.element) != key($1.element) ? key($0.element) < key($1.element) : $0.offset < $1.offset }
            .map(\.element)
    }

    /// Compares a local header with its central directory record.
    private func compare(_ entry: ZIPEntry, _ header: ZIPLocalHeader, into problems: inout [FormatError]) {
        func problem(_ field: UInt64, _ message: String) {
            problems.append(FormatError(source.location(header.offset + field), message, member: entry.name))
        }
        if header.name != entry.rawName {
            let local = ZIPText.decode(header.name, 0..<header.name.count, utf8: header.flags & 0x800 != 0)
            problem(30, "expected the local header's name to be '\(entry.name)' as in the central directory, found '\(local)'")
        }
        if header.method != entry.method {
            problem(8, "expected method \(entry.method) (\(entry.methodName)) in the local header as in the central directory, found \(header.method) (\(ZIPEntry.methodName(header.method)))")
        }
        if header.flags != entry.flags {
            problem(6, "expected flags \(ZIPArchive.hex16(entry.flags)) in the local header as in the central directory, found \(ZIPArchive.hex16(header.flags))")
        }
        // With a data descriptor the local CRC and sizes are zero (or anything): the directory's count.
        guard !entry.hasDataDescriptor && header.flags & 8 == 0 else { return }
        if header.crc32 != entry.crc32 {
            problem(14, "expected CRC-32 \(entry.crc32) in the local header as in the central directory, found \(header.crc32)")
        }
        guard header.sizesAreKnown else { return }
        if header.compressedSize != entry.compressedSize {
            problem(18, "expected compressed size \(entry.compressedSize) in the local header as in the central directory, found \(header.compressedSize)")
        }
        if header.uncompressedSize != entry.uncompressedSize {
            problem(22, "expected uncompressed size \(entry.uncompressedSize) in the local header as in the central directory, found \(header.uncompressedSize)")
        }
    }
}
