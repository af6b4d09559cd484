/// The facts `info --json` and `ls --json` report, built from a container.
public enum Facts {
    /// The whole file: format, size, zip directory facts and every member.
    public static func file(_ c: NPYContainer) -> JSONValue {
        var kv: [(String, JSONValue)] = [
            ("file", .string(c.path)),
            ("format", .string(c.kind.rawValue)),
            ("file_size", .uint(c.file.size)),
        ]
        if let z = c.archive {
            kv.append(("zip", .object([
                ("entries", .uint(z.entryCount)),
                ("comment", .string(z.comment)),
                ("central_directory_offset", .uint(z.centralDirectoryOffset)),
                ("central_directory_size", .uint(z.centralDirectorySize)),
                ("zip64", .bool(z.isZip64)),
            ])))
        }
        kv.append(("members", .array((0..<c.memberCount).map { member(c.member($0)) })))
        return .object(kv)
    }

    /// One member's facts: zip fields (for npz), then `npy` or `error`.
    public static func member(_ m: Member) -> JSONValue {
        var kv: [(String, JSONValue)] = [("name", .string(m.name)), ("key", .string(m.key))]
        if let e = m.entry {
            kv += [
                // Unsupported methods without a name are given as their number.
                ("method", UInt64(e.methodName).map { .uint($0) } ?? .string(e.methodName)),
                ("compressed_size", .uint(e.compressedSize)),
                ("uncompressed_size", .uint(e.uncompressedSize)),
                ("crc32", .uint(UInt64(e.crc32))),
                ("local_header_offset", .uint(e.localHeaderOffset)),
                ("data_offset", .optional(m.dataOffset)),
            ]
        }
        switch m.header {
        case .success(let h):
            kv.append(("npy", npy(h, absolute: m.absoluteDataOffset)))
        case .failure(let e):
            var plain = e
            plain.file = nil
            plain.member = nil
            kv.append(("error", .string(plain.description)))
        }
        return .object(kv)
    }

    /// The `npy` object of a member.
    public static func npy(_ h: NPYHeader, absolute: UInt64?) -> JSONValue {
        .object([
            ("version", .array([.int(Int64(h.major)), .int(Int64(h.minor))])),
            ("header_len", .int(Int64(h.headerLength))),
            ("header", .string(h.text)),
            ("descr", h.descrJSON),
            ("dtype", .string(h.dtype.str)),
            ("itemsize", .int(Int64(h.dtype.itemsize))),
            ("shape", .array(h.shape.map { .int(Int64($0)) })),
            ("fortran_order", .bool(h.isFortranOrder)),
            ("data_offset", .int(Int64(h.dataOffset))),
            ("abs_data_offset", .optional(absolute)),
            ("data_bytes", .int(Int64(h.dataBytes))),
        ])
    }

    /// Human-readable byte count: `1.5 MiB`.
    public static func humanBytes(_ n: UInt64) -> String {
        if n < 1024 { return "\(n) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var v = Double(n) / 1024
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[u])"
    }

    /// Compression ratio text: uncompressed / compressed, as `3.2x`; `-` when undefined.
    public static func ratio(compressed: UInt64, uncompressed: UInt64) -> String {
        guard compressed > 0 else { return "-" }
        let r = Double(uncompressed) / Double(compressed)
        let h = Int((r * 10).rounded())
        return "\(h / 10).\(h % 10)x"
    }
}
