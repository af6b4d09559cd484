// libFuzzer target: the NPY preamble, header literal and dtype parser on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Exercise.header(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
