/// One item of a numpy basic index: `3`, `-1`, `1:10:2`, `::-1`, `...`.
public enum SliceItem: Equatable, Sendable {
    case index(Int)
    case range(start: Int?, stop: Int?, step: Int?)
    case ellipsis
}

/// A mistake in the slice text itself (exit status 64).
public struct SliceSyntaxError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let description: String
}

/// A basic index expression, parsed from text like `[3, :, ::2]` or `..., 0`.
public struct SliceExpression: Equatable, Sendable {
    /// The items in order.
    public var items: [SliceItem]

    /// Creates an expression from items.
    public init(items: [SliceItem]) { self.items = items }

    /// Parses numpy basic-indexing text. Brackets are optional; an empty text selects everything.
    public static func parse(_ text: String) throws -> SliceExpression {
        var t = Substring(text).trimmingSpaces
        if t.hasPrefix("[") {
            guard t.hasSuffix("]") else { throw SliceSyntaxError(description: "slice \(quoted(text)): expected a closing ']'") }
            t = t.dropFirst().dropLast().trimmingSpaces
        }
        if t.isEmpty { return SliceExpression(items: []) }
        var items: [SliceItem] = []
        let parts = t.split(separator: ",", omittingEmptySubsequences: false)
        for (i, raw) in parts.enumerated() {
            let p = raw.trimmingSpaces
            if p.isEmpty {
                // numpy allows a trailing comma: a[1,]
                if i == parts.count - 1 && i > 0 { continue }
                throw SliceSyntaxError(description: "slice \(quoted(text)): expected an index, a range or '...' at item \(i + 1), found nothing")
            }
            if p == "..." || p == "Ellipsis" {
                guard !items.contains(.ellipsis) else {
                    throw SliceSyntaxError(description: "slice \(quoted(text)): an index can only have a single ellipsis ('...')")
                }
                items.append(.ellipsis)
                continue
            }
            if p.contains(":") {
                let f = p.split(separator: ":", omittingEmptySubsequences: false)
                guard f.count <= 3 else { throw SliceSyntaxError(description: "slice \(quoted(text)): expected start:stop:step, found \(quoted(String(p)))") }
                var vals: [Int?] = []
                for x in f {
                    let s = x.trimmingSpaces
                    if s.isEmpty || s == "None" { vals.append(nil); continue }
                    guard let v = parseInt(s) else {
                        throw SliceSyntaxError(description: "slice \(quoted(text)): expected an integer, found \(quoted(String(s)))")
                    }
                    vals.append(v)
                }
                while vals.count < 3 { vals.append(nil) }
                if let st = vals[2], st == 0 { throw SliceSyntaxError(description: "slice \(quoted(text)): slice step cannot be zero") }
                items.append(.range(start: vals[0], stop: vals[1], step: vals[2]))
                continue
            }
            guard let v = parseInt(p) else {
                throw SliceSyntaxError(description: "slice \(quoted(text)): expected an integer, a start:stop:step range or '...', found \(quoted(String(p)))")
            }
            items.append(.index(v))
        }
        return SliceExpression(items: items)
    }

    private static func parseInt(_ s: Substring) -> Int? {
        var t = s
        var neg = false
        if t.hasPrefix("-") { neg = true; t = t.dropFirst().trimmingSpaces } else if t.hasPrefix("+") { t = t.dropFirst().trimmingSpaces }
        guard !t.isEmpty, t.count <= 30, t.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "_" }) else { return nil }
        let digits = t.filter { $0 != "_" }
        guard let mag = Int(digits) else { return neg ? Int.min / 2 : Int.max / 2 }  // huge: out of range later
        return neg ? -mag : mag
    }

    private static func quoted(_ s: String) -> String { "'" + s + "'" }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}

/// A strided view of an array's elements: where each output index lands in the element order of the data.
public struct ArrayView: Equatable, Sendable {
    /// Element index (in storage order) of the view's first element.
    public var base: Int
    /// The view's shape.
    public var shape: [Int]
    /// Element strides (in elements, possibly negative) per view axis.
    public var strides: [Int]

    /// Number of elements in the view.
    public var count: Int { Checked.product(shape) ?? 0 }

    /// The whole array as stored: C or Fortran strides.
    public init(shape: [Int], fortranOrder: Bool) {
        self.base = 0
        self.shape = shape
        var strides = [Int](repeating: 0, count: shape.count)
        var acc = 1
        let axes: [Int] = fortranOrder ? Array(shape.indices) : Array(shape.indices.reversed())
        for a in axes {
            strides[a] = acc
            acc = Checked.mul(acc, max(shape[a], 1)) ?? Int.max / 2
        }
        self.strides = strides
    }

    init(base: Int, shape: [Int], strides: [Int]) {
        self.base = base
        self.shape = shape
        self.strides = strides
    }

    /// Storage element index of a view index (which the caller keeps in range).
    @inlinable public func storageIndex(_ index: [Int]) -> Int {
        var e = base
        for k in 0..<index.count { e += index[k] * strides[k] }
        return e
    }

    /// Applies a basic index like numpy: ints drop an axis, ranges keep it, `...` fills.
    /// Out-of-range integers and too many indices throw `FormatError` (not a syntax error: exit 1).
    public func applying(_ expr: SliceExpression) throws -> ArrayView {
        let explicit = expr.items.filter { $0 != .ellipsis }.count
        guard explicit <= shape.count else {
            throw FormatError(.none, "too many indices for array: array is \(shape.count)-dimensional, but \(explicit) were indexed")
        }
        var items: [SliceItem] = []
        for it in expr.items {
            if it == .ellipsis {
                items += Array(repeating: .range(start: nil, stop: nil, step: nil), count: shape.count - explicit)
            } else {
                items.append(it)
            }
        }
        while items.count < shape.count { items.append(.range(start: nil, stop: nil, step: nil)) }
        var base = self.base
        var newShape: [Int] = []
        var newStrides: [Int] = []
        for (axis, it) in items.enumerated() {
            let d = shape[axis], s = strides[axis]
            switch it {
            case .index(let i):
                let j = i < 0 ? i + d : i
                guard j >= 0 && j < d else {
                    throw FormatError(.none, "index \(i) is out of bounds for axis \(axis) with size \(d)")
                }
                base += j * s
            case .range(let start, let stop, let step):
                let (st, step, n) = ArrayView.sliceIndices(start: start, stop: stop, step: step ?? 1, length: d)
                if n > 0 { base += st * s }
                newShape.append(n)
                newStrides.append(s * step)
            case .ellipsis:
                break
            }
        }
        return ArrayView(base: base, shape: newShape, strides: newStrides)
    }

    /// CPython's `slice.indices` + length: (start, step, count).
    public static func sliceIndices(start: Int?, stop: Int?, step: Int, length: Int) -> (Int, Int, Int) {
        func adjust(_ v: Int?, _ dflt: Int) -> Int {
            guard var x = v else { return dflt }
            if x < 0 {
                x += length
                if x < 0 { x = step < 0 ? -1 : 0 }
            } else if x >= length {
                x = step < 0 ? length - 1 : length
            }
            return x
        }
        let st = adjust(start, step < 0 ? length - 1 : 0)
        let sp = adjust(stop, step < 0 ? -1 : length)
        var n = 0
        if step < 0 {
            if sp < st { n = (st - sp - 1) / (-step) + 1 }
        } else if st < sp {
            n = (sp - st - 1) / step + 1
        }
        return (st, step, n)
    }
}
