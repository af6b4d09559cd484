#if canImport(Glibc)
import Glibc
#endif
import NPYFormat
import CGuard

/// Buffered writes to stdout and one-line errors to stderr.
enum Output {
    /// Writes `s` to stdout (buffered by stdio).
    static func out(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            _ = fwrite(buf.baseAddress, 1, buf.count, npyb_stdout_stream())
        }
    }

    /// Writes raw bytes to stdout.
    static func bytes(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, npyb_stdout_stream()) }
    }

    /// Writes a line to stdout.
    static func line(_ s: String) { out(s + "\n") }

    /// Flushes stdout.
    static func flush() { fflush(npyb_stdout_stream()) }

    /// Writes `npybrowse: MESSAGE` on one line to stderr (newlines in the message are flattened).
    static func error(_ message: String) {
        flush()
        let flat = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        var s = "npybrowse: " + flat + "\n"
        s.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, npyb_stderr_stream()) }
        fflush(npyb_stderr_stream())
    }

    /// Whether stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(1) != 0 }
}

/// Exit statuses: 0 success, 1 unreadable file/member or problems found, 64 bad usage.
enum Status {
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}
