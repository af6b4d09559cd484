// TEMPORARY until the formatting branch merges.
public enum DateTimeUnit: String, Sendable, CaseIterable { case generic = "", Y, M, W, D, h, m, s, ms, us, ns, ps, fs, `as` }
public enum ScalarFormat {
    public static func text(_ x: Double) -> String { x.description }
    public static func text(_ x: Float) -> String { x.description }
    public static func text(_ x: Float16) -> String { x.description }
    public static func text(_ x: Float80) -> String { x.description }
    public static func json(_ x: Double) -> String { x.isNaN ? "\"nan\"" : x.isInfinite ? (x < 0 ? "\"-inf\"" : "\"inf\"") : x.description }
    public static func json(_ x: Float) -> String { x.isNaN ? "\"nan\"" : x.isInfinite ? (x < 0 ? "\"-inf\"" : "\"inf\"") : x.description }
    public static func json(_ x: Float16) -> String { x.isNaN ? "\"nan\"" : x.isInfinite ? (x < 0 ? "\"-inf\"" : "\"inf\"") : x.description }
    public static func json(_ x: Float80) -> String { x.isNaN ? "\"nan\"" : x.isInfinite ? (x < 0 ? "\"-inf\"" : "\"inf\"") : x.description }
    public static func datetime(_ value: Int64, unit: DateTimeUnit, count: Int) -> String { String(value) }
    public static func timedeltaText(_ value: Int64, unit: DateTimeUnit, count: Int) -> String { String(value) }
}
extension ScalarFormat {
    public static func complexText(_ re: Double, _ im: Double) -> String { "(\(re)+\(im)j)" }
    public static func complexText(_ re: Float, _ im: Float) -> String { "(\(re)+\(im)j)" }
    public static func complexText(_ re: Float80, _ im: Float80) -> String { "(\(re)+\(im)j)" }
}
