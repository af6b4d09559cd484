// libFuzzer target: the ZIP directory reader (end record, zip64, central and local headers) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZIP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = MemorySource(Array(UnsafeBufferPointer(start: data, count: size)))
    guard let z = try? ZIPArchive(source: source) else { return 0 }
    for e in z.entries.prefix(256) {
        _ = try? z.localHeader(of: e)
        _ = try? z.dataRange(of: e)
    }
    _ = z.structuralProblems()
    return 0
}
