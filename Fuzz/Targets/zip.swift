// libFuzzer target: the ZIP directory reader (end record, zip64, central and local headers) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZIP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Exercise.zip(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
