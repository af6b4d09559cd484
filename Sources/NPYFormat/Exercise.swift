/// What the fuzz targets do with one input, shared with the regression tests that replay the
/// inputs fuzzing once crashed on (`Tests/Fixtures/fuzz-regressions`). Each function touches
/// everything the CLI and the browser derive from its input and must return normally for any
/// bytes: errors are expected outcomes, a trap or a signal is a bug.
public enum Exercise {
    /// The NPY preamble, header literal and dtype parser, then the first and last element.
    public static func header(_ bytes: [UInt8]) {
        let source = MemorySource(bytes)
        guard let h = try? NPYHeader.read(from: source) else { return }
        _ = h.dtype.str
        _ = h.descrJSON.serialized(pretty: false)
        _ = h.shapeText
        if h.count > 0, UInt64(h.dataOffset) + UInt64(h.dataBytes) <= source.size {
            let a = NPYArray(header: h, source: source, file: "fuzz", member: nil)
            firstAndLast(a)
        }
    }

    /// The ZIP directory reader: end record, zip64 records, central and local headers, layout.
    public static func zip(_ bytes: [UInt8]) {
        guard let z = try? ZIPArchive(source: MemorySource(bytes)) else { return }
        for e in z.entries.prefix(256) {
            _ = try? z.localHeader(of: e)
            _ = try? z.dataRange(of: e)
        }
        _ = z.structuralProblems()
    }

    /// A file opened as the CLI opens it: the `info` facts, the first and last values and a
    /// `[-3:]` dump of every member (the first 64), and `verify`.
    public static func file(_ path: String) {
        guard let c = try? NPYContainer(path: path) else { return }
        _ = Facts.file(c).serialized(pretty: false)
        for i in 0..<min(c.memberCount, 64) {
            guard let a = try? c.member(i).array() else { continue }
            firstAndLast(a)
            var out = ""
            _ = try? Dumper(array: a, request: DumpRequest(slice: try? SliceExpression.parse("[-3:]")), style: .json).run { out += $0 }
        }
        _ = Verifier.verify(c)
    }

    static func firstAndLast(_ a: NPYArray) {
        let v = a.fullView
        guard v.count > 0 else { return }
        _ = try? a.text(view: v, index: [Int](repeating: 0, count: v.shape.count))
        _ = try? a.text(view: v, index: v.shape.map { $0 - 1 })
    }
}
