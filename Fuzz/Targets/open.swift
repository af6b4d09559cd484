#if canImport(Glibc)
import Glibc
#endif
// libFuzzer target: open a file as the CLI does, list it, read the first and last values of
// every member, dump a slice, verify (through a real file: the mmap path).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpen(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/tmp/npybrowse-fuzz-\(getpid()).bin"
    let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    guard fd >= 0 else { return 0 }
    var off = 0
    while off < size {
        let n = write(fd, data + off, size - off)
        if n <= 0 { break }
        off += n
    }
    close(fd)
    defer { unlink(path) }
    Exercise.file(path)
    return 0
}
