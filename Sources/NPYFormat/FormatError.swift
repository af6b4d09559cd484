/// Where in a file (or in an inflated member) a problem was found.
public enum ErrorLocation: Sendable, Equatable {
    /// An absolute byte offset in the file.
    case file(UInt64)
    /// A byte offset counted from the start of a deflated member's inflated bytes.
    case inflated(UInt64)
    /// No particular position (an argument, or the file as a whole).
    case none
}

/// The one error type of the format library: what was expected, what was found, and where.
///
/// The core throws it with a location and a message; callers add the file and the
/// member they were working on, so that `description` reads
/// `FILE: member 'x': at byte N: expected ..., found ...`.
public struct FormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's path as given by the user.
    public var file: String?
    /// The zip entry name, when the problem is inside one member.
    public var member: String?
    /// Where the problem was found.
    public var location: ErrorLocation
    /// What was expected and what was found.
    public var message: String

    /// Creates an error at `location` with `message`.
    public init(_ location: ErrorLocation, _ message: String, file: String? = nil, member: String? = nil) {
        self.location = location
        self.message = message
        self.file = file
        self.member = member
    }

    /// Creates an error at an absolute file offset.
    public static func at(_ offset: UInt64, _ message: String) -> FormatError {
        FormatError(.file(offset), message)
    }

    /// Creates an error at an absolute file offset given as Int.
    public static func at(_ offset: Int, _ message: String) -> FormatError {
        FormatError(.file(UInt64(max(0, offset))), message)
    }

    /// Returns a copy with the file and member filled in where they are still missing.
    public func context(file: String? = nil, member: String? = nil) -> FormatError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.member == nil { copy.member = member }
        return copy
    }

    /// The one-line text for the user (without the `npybrowse: ` prefix).
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let member { parts.append("member '\(member)'") }
        switch location {
        case .file(let n): parts.append("at byte \(n)")
        case .inflated(let n): parts.append("at byte \(n) of the inflated member")
        case .none: break
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

extension Error {
    /// Wraps any error as a `FormatError` carrying file and member context.
    public func asFormatError(file: String? = nil, member: String? = nil) -> FormatError {
        if let e = self as? FormatError { return e.context(file: file, member: member) }
        return FormatError(.none, "\(self)", file: file, member: member)
    }
}
