#if canImport(Glibc)
import Glibc
#endif
// libFuzzer target: open a file as the CLI does, list it, and read the first and last values of every member.
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
    guard let c = try? NPYContainer(path: path) else { return 0 }
    _ = Facts.file(c).serialized(pretty: false)
    for i in 0..<min(c.memberCount, 64) {
        guard let a = try? c.member(i).array() else { continue }
        let v = a.fullView
        guard v.count > 0 else { continue }
        _ = try? a.text(view: v, index: [Int](repeating: 0, count: v.shape.count))
        _ = try? a.text(view: v, index: v.shape.map { $0 - 1 })
        var out = ""
        _ = try? Dumper(array: a, request: DumpRequest(slice: try? SliceExpression.parse("[-3:]")), style: .json).run { out += $0 }
    }
    _ = Verifier.verify(c)
    return 0
}
