// libFuzzer target: the NPY preamble, header literal and dtype parser on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = MemorySource(bytes)
    if let h = try? NPYHeader.read(from: source) {
        // Touch what the CLI derives from a header.
        _ = h.dtype.str
        _ = h.descrJSON.serialized(pretty: false)
        _ = h.shapeText
        if h.count > 0, UInt64(h.dataOffset) + UInt64(h.dataBytes) <= source.size {
            let a = NPYArray(header: h, source: source, file: "fuzz", member: nil)
            _ = try? a.text(view: a.fullView, index: [Int](repeating: 0, count: h.shape.count))
            _ = try? a.text(view: a.fullView, index: h.shape.map { $0 - 1 })
        }
    }
    return 0
}
