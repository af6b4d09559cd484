/// Text decoding for ZIP names and comments: UTF-8 by flag, else IBM code page 437.
enum ZIPText {
    /// Decodes `bytes[range]`: UTF-8 when `utf8` is set and the bytes are valid UTF-8, else cp437.
    /// ASCII (the common case) takes a fast path: both encodings agree on it.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, utf8: Bool) -> String {
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { all in decode(UnsafeBufferPointer(rebasing: all[range]), utf8: utf8) }
    }

    /// Decodes `s`: UTF-8 when `utf8` is set and the bytes are valid UTF-8, else cp437.
    static func decode(_ s: UnsafeBufferPointer<UInt8>, utf8: Bool) -> String {
        if s.isEmpty { return "" }
        if isASCII(s) { return String(decoding: s, as: UTF8.self) }
        if utf8, let text = String(validating: s, as: UTF8.self) { return text }
        return cp437(s)
    }

    /// Decodes all of `bytes`: UTF-8 when valid, else cp437 (the archive comment's rule).
    static func decodePreferringUTF8(_ bytes: [UInt8]) -> String {
        decode(bytes, 0..<bytes.count, utf8: true)
    }

    static func isASCII(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var acc: UInt8 = 0
        for b in s { acc |= b }
        return acc < 0x80
    }

    /// cp437 as Python's codec decodes it: bytes below 0x80 are ASCII (control characters included).
    static func cp437(_ s: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in s {
            scalars.append(b < 0x80 ? Unicode.Scalar(b) : cp437High[Int(b) - 0x80])
        }
        return String(scalars)
    }

    /// Code points of cp437 bytes 0x80...0xFF (generated from Python's cp437 codec).
    static let cp437High: [Unicode.Scalar] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
        0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
        0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
        0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
        0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
        0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
        0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
        0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
        0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
        0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
        0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
        0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
        0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ].map { (v: UInt32) in Unicode.Scalar(v) ?? "\u{FFFD}" }

    /// Four bytes as hex for messages ("50 4B 03 04"); fewer when fewer are given.
    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        var out = ""
        for (i, b) in bytes.enumerated() {
            if i > 0 { out.append(" ") }
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }
}
