/// What to dump: a basic index and fields, as `dump --slice --field` take them.
public struct DumpRequest: Sendable {
    /// The basic index, or nil for everything.
    public var slice: SliceExpression?
    /// Fields to select (dotted for nested); empty for whole records.
    public var fields: [String]

    /// Creates a request.
    public init(slice: SliceExpression? = nil, fields: [String] = []) {
        self.slice = slice
        self.fields = fields
    }
}

/// Streams the values of an array as text or JSON, never holding more than a block of data.
public struct Dumper {
    /// Where text goes; called with chunks of about 64 KiB.
    public typealias Sink = (String) -> Void

    let array: NPYArray
    let view: ArrayView
    let fields: [FieldSelection]
    let style: ValueStyle

    /// The output shape (the view's, plus a single field's subarray dimensions).
    public let shape: [Int]
    /// The output dtype string (numpy's `dtype.str` of the result).
    public private(set) var dtypeString: String

    /// Prepares a dump; throws for an index out of range or an unknown field.
    public init(array: NPYArray, request: DumpRequest, style: ValueStyle) throws {
        self.array = array
        self.style = style
        do {
            view = try array.fullView.applying(request.slice ?? SliceExpression(items: []))
            fields = try request.fields.map { try FieldSelection.resolve($0, in: array.dtype) }
        } catch {
            throw error.asFormatError(file: array.file, member: array.member)
        }
        if fields.count == 1 {
            let f = fields[0]
            if case .subarray(let base, let sub) = f.dtype {
                shape = view.shape + sub
                dtypeString = base.str
            } else {
                shape = view.shape
                dtypeString = f.dtype.str
            }
        } else {
            shape = view.shape
            dtypeString = fields.isEmpty ? array.dtype.str : "|V\(array.dtype.itemsize)"
        }
        // Indexing every axis gives a numpy scalar, and numpy scalars are native-endian.
        if view.shape.isEmpty && !array.shape.isEmpty && fields.isEmpty {
            dtypeString = array.dtype.nativeOrder.str
        }
    }

    /// Writes everything to `sink`.
    public func run(_ sink: Sink) throws {
        var out = ""
        out.reserveCapacity(1 << 16)
        if style == .json {
            out += "{\"dtype\": "
            JSONValue.writeString(dtypeString, to: &out)
            out += ", \"shape\": [" + shape.map(String.init).joined(separator: ", ") + "], \"values\": "
        }
        var index = [Int](repeating: 0, count: view.shape.count)
        try walk(axis: 0, index: &index, out: &out, sink: sink)
        out += style == .json ? "}\n" : "\n"
        sink(out)
    }

    private func walk(axis: Int, index: inout [Int], out: inout String, sink: Sink) throws {
        if axis == view.shape.count {
            try element(index, into: &out)
            return
        }
        let n = view.shape[axis]
        let last = axis == view.shape.count - 1
        if style == .json { out += "[" }
        for i in 0..<n {
            if i > 0 {
                if style == .json {
                    out += ", "
                } else if last {
                    out += "\t"
                } else {
                    // A newline between rows, a blank line between 2-D blocks, and so on.
                    out += String(repeating: "\n", count: view.shape.count - 1 - axis)
                }
            }
            index[axis] = i
            try walk(axis: axis + 1, index: &index, out: &out, sink: sink)
            if out.utf8.count >= 1 << 16 {
                sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if style == .json { out += "]" }
    }

    private func element(_ index: [Int], into out: inout String) throws {
        let e = view.storageIndex(index)
        let dtype = array.dtype
        let style = self.style
        let fields = self.fields
        try array.withElement(e) { p in
            if fields.isEmpty {
                ValueWriter.write(p, dtype, style, into: &out)
            } else if fields.count == 1 {
                ValueWriter.write(p + fields[0].offset, fields[0].dtype, style, into: &out)
            } else if style == .json {
                out += "{"
                for (i, f) in fields.enumerated() {
                    if i > 0 { out += ", " }
                    JSONValue.writeString(f.path, to: &out)
                    out += ": "
                    ValueWriter.write(p + f.offset, f.dtype, style, into: &out, nested: true)
                }
                out += "}"
            } else {
                out += "("
                for (i, f) in fields.enumerated() {
                    if i > 0 { out += ", " }
                    ValueWriter.write(p + f.offset, f.dtype, style, into: &out, nested: true)
                }
                out += ")"
            }
        }
    }
}
