/// Why a typed index cannot be used; the texts follow numpy's wording.
public enum IndexInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a list of integers.
    case invalid(String)
    /// More components than axes.
    case tooManyIndices(dimensions: Int, given: Int)
    /// A component outside its axis.
    case outOfBounds(index: Int, axis: Int, size: Int)

    public var description: String {
        switch self {
        case .invalid(let text):
            return "not an index: '\(text)' (expected integers like 3, -1)"
        case .tooManyIndices(let d, let g):
            return "too many indices for array: array is \(d)-dimensional, but \(g) were indexed"
        case .outOfBounds(let i, let axis, let size):
            return "index \(i) is out of bounds for axis \(axis) with size \(size)"
        }
    }
}

/// Parsing of the multi-index typed at the `:` prompt.
public enum IndexInput {
    /// Parses `3, 1000`, `[3,-1]`, `(2 5)` or `-1` into integers. Brackets are optional;
    /// commas and blanks separate components; `_` may group digits.
    public static func parse(_ text: String) throws(IndexInputError) -> [Int] {
        var body = text.trimmingSpaces
        if let f = body.first, let l = body.last, (f == "[" && l == "]") || (f == "(" && l == ")") {
            body = String(body.dropFirst().dropLast())
        }
        let parts = body.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
        guard !parts.isEmpty else { throw .invalid(text) }
        var out: [Int] = []
        for p in parts {
            let cleaned = p.filter { $0 != "_" }
            guard let v = Int(cleaned) else { throw .invalid(text) }
            out.append(v)
        }
        return out
    }

    /// Resolves leading components against `shape`: negatives count from the end, each must
    /// lie inside its axis. Returns the non-negative components.
    public static func resolve(_ components: [Int], shape: [Int]) throws(IndexInputError) -> [Int] {
        guard components.count <= shape.count else {
            throw .tooManyIndices(dimensions: shape.count, given: components.count)
        }
        var out: [Int] = []
        for (axis, raw) in components.enumerated() {
            let n = shape[axis]
            let v = raw < 0 ? raw &+ n : raw
            guard v >= 0, v < n else { throw .outOfBounds(index: raw, axis: axis, size: n) }
            out.append(v)
        }
        return out
    }
}
