import CZlib

/// CRC-32 (zlib's) over a range of a source, read in bounded chunks.
public enum CRC32 {
    /// The CRC-32 of `count` bytes of `source` starting at `offset`.
    public static func of(_ source: ByteSource, offset: UInt64, count: UInt64) throws -> UInt32 {
        var crc: uLong = crc32(0, nil, 0)
        var buf = [UInt8](repeating: 0, count: Int(min(count, 1 << 20)))
        var done: UInt64 = 0
        while done < count {
            let n = Int(min(UInt64(buf.count), count - done))
            try buf.withUnsafeMutableBytes { try source.read(at: offset + done, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n])) }
            crc = buf.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(n)) }
            done += UInt64(n)
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// What `verify` found: every problem, not only the first.
public struct VerifyReport {
    /// One line per member.
    public struct MemberResult {
        public var name: String
        public var status: String
        public var detail: String
    }
    /// The file checked.
    public var file: String
    public var members: [MemberResult] = []
    /// Every problem found, each with file, member and offset.
    public var problems: [FormatError] = []
    /// Facts worth saying that are not failures (bytes before or after the archive).
    public var notes: [FormatError] = []

    /// JSON: `{"file", "ok", "problems": [{member, offset, inflated_offset, message, text}], "members": [{name, status, detail}]}`.
    public var json: JSONValue {
        .object([
            ("file", .string(file)),
            ("ok", .bool(problems.isEmpty)),
            ("problems", .array(problems.map { p in
                var kv: [(String, JSONValue)] = [("member", p.member.map { .string($0) } ?? .null)]
                switch p.location {
                case .file(let o): kv += [("offset", .uint(o)), ("inflated_offset", .null)]
                case .inflated(let o): kv += [("offset", .null), ("inflated_offset", .uint(o))]
                case .none: kv += [("offset", .null), ("inflated_offset", .null)]
                }
                kv += [("message", .string(p.message)), ("text", .string(p.description))]
                return .object(kv)
            })),
            ("notes", .array(notes.map { .string($0.description) })),
            ("members", .array(members.map { .object([("name", .string($0.name)), ("status", .string($0.status)), ("detail", .string($0.detail))]) })),
        ])
    }

    /// Text: one line per member, then the problems.
    public var text: String {
        var s = ""
        let w = min(48, members.map(\.name.count).max() ?? 4)
        for m in members {
            s += m.name + String(repeating: " ", count: max(1, w - m.name.count + 2)) + m.status + (m.detail.isEmpty ? "" : "  " + m.detail) + "\n"
        }
        for n in notes { s += "note: " + n.description + "\n" }
        if problems.isEmpty {
            s += "OK: \(members.count) member\(members.count == 1 ? "" : "s") verified\n"
        } else {
            s += "\(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            for p in problems { s += "  " + p.description + "\n" }
        }
        return s
    }
}

/// Checks structure, sizes and CRC-32 of every member of a container.
public enum Verifier {
    /// Verifies `c`; `progress(memberIndex)` is called before each member.
    public static func verify(_ c: NPYContainer, progress: (Int) -> Void = { _ in }) -> VerifyReport {
        var report = VerifyReport(file: c.path)
        if let z = c.archive {
            report.problems += z.structuralDefects().map { $0.context(file: c.path) }
            report.notes += z.layoutNotes().map { $0.context(file: c.path) }
        }
        for i in 0..<c.memberCount {
            progress(i)
            let m = c.transientMember(i)
            var status = "ok"
            var detail: [String] = []
            var memberProblems: [FormatError] = []
            let looksArray = m.name.hasSuffix(".npy") || m.entry == nil
            switch m.header {
            case .success(let h):
                detail.append("\(h.dtype.str) \(h.shapeText)")
            case .failure(let e):
                if m.isObjectArray {
                    detail.append("object array (not decoded)")
                } else if e.message.contains("not supported") || e.message.contains("directory entry") {
                    status = "skipped"
                    detail.append(e.message)
                } else if looksArray {
                    memberProblems.append(e)
                } else {
                    detail.append("not an array")
                }
            }
            if let entry = m.entry, !entry.isDirectory, status != "skipped" {
                do {
                    switch entry.method {
                    case 0:
                        if let z = c.archive {
                            let r = try z.dataRange(of: entry)
                            let crc = try CRC32.of(c.file, offset: r.offset, count: r.length)
                            if crc != entry.crc32 {
                                memberProblems.append(FormatError(.file(r.offset), "expected CRC-32 \(hex8(entry.crc32)) (from the directory), found \(hex8(crc))", file: c.path, member: m.name))
                            } else {
                                detail.append("crc32 \(hex8(crc))")
                            }
                        }
                    case 8:
                        if let s = try m.stream() as? InflatedSource {
                            let (crc, size) = try s.checkWhole { _, _ in true }
                            if size != entry.uncompressedSize {
                                memberProblems.append(FormatError(.inflated(min(size, entry.uncompressedSize)), "expected \(entry.uncompressedSize) inflated bytes (from the directory), found \(size)", file: c.path, member: m.name))
                            }
                            if crc != entry.crc32 {
                                memberProblems.append(FormatError(.file(m.dataOffset ?? entry.localHeaderOffset), "expected CRC-32 \(hex8(entry.crc32)) (from the directory), found \(hex8(crc)) over the inflated bytes", file: c.path, member: m.name))
                            } else if size == entry.uncompressedSize {
                                detail.append("crc32 \(hex8(crc))")
                            }
                        }
                    default: break
                    }
                } catch {
                    let e = error.asFormatError(file: c.path, member: m.name)
                    if !memberProblems.contains(e) { memberProblems.append(e) }
                }
            }
            if !memberProblems.isEmpty {
                status = "PROBLEM"
                detail = memberProblems.map(\.message)
            }
            report.problems += memberProblems.map { $0.context(file: c.path, member: m.entry == nil ? nil : m.name) }
            report.members.append(.init(name: m.name, status: status, detail: detail.joined(separator: "; ")))
        }
        return report
    }
}

/// Eight lowercase hex digits.
public func hex8(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return String(repeating: "0", count: 8 - h.count) + h
}
