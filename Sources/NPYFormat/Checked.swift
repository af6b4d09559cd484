/// Overflow-checked arithmetic for numbers that come from files.
@usableFromInline
enum Checked {
    /// a * b, or nil on overflow.
    @inlinable static func mul(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : r
    }
    /// a + b, or nil on overflow.
    @inlinable static func add(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? nil : r
    }
    /// a + b, or nil on overflow.
    @inlinable static func add(_ a: UInt64, _ b: UInt64) -> UInt64? {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? nil : r
    }
    /// Product of all, or nil on overflow or a negative factor.
    @inlinable static func product(_ xs: [Int]) -> Int? {
        var p = 1
        for x in xs {
            guard x >= 0, let q = mul(p, x) else { return nil }
            p = q
        }
        return p
    }
}
