/// What a piece of text is, so the terminal can pick a color for it.
///
/// Without colors (NO_COLOR, or a terminal without them) only the attributes of a
/// `Style` are drawn, so every role must read well with attributes alone.
public enum ColorRole: UInt8, CaseIterable, Sendable {
    /// Ordinary text.
    case normal
    /// The title bar.
    case title
    /// Column headers and labels.
    case header
    /// Row and column indices.
    case index
    /// The selected row or cell.
    case selection
    /// The status line.
    case status
    /// Keys in the hint line and help screen.
    case key
    /// Error text.
    case error
    /// Notices that are not errors (file changed, search wrapped).
    case warning
    /// The NPY header bytes in the hex view.
    case headerBytes
    /// Lines and separators.
    case border
}

/// How a cell is drawn: attributes plus a color role.
public struct Style: Hashable, Sendable {
    /// The color role.
    public var role: ColorRole
    /// Bold attribute.
    public var isBold: Bool
    /// Reverse video attribute.
    public var isReverse: Bool
    /// Dim attribute.
    public var isDim: Bool
    /// Underline attribute.
    public var isUnderline: Bool

    /// Creates a style.
    public init(role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.role = role
        self.isBold = bold
        self.isReverse = reverse
        self.isDim = dim
        self.isUnderline = underline
    }

    /// Plain text.
    public static let normal = Style()
    /// The title bar: reverse video.
    public static let title = Style(role: .title, bold: true, reverse: true)
    /// Column headers.
    public static let header = Style(role: .header, bold: true)
    /// Row and column indices.
    public static let index = Style(role: .index, dim: true)
    /// The index of the selected row or column.
    public static let currentIndex = Style(role: .index, bold: true)
    /// The selection in the focused pane.
    public static let selection = Style(role: .selection, reverse: true)
    /// The selection in a pane without focus.
    public static let inactiveSelection = Style(role: .selection, bold: true, underline: true)
    /// The status line.
    public static let status = Style(role: .status, reverse: true)
    /// A key name in hints and help.
    public static let key = Style(role: .key, bold: true)
    /// Error text.
    public static let error = Style(role: .error, bold: true)
    /// A notice.
    public static let warning = Style(role: .warning, bold: true)
    /// Labels in the info pane.
    public static let label = Style(role: .header)
    /// Secondary text.
    public static let dim = Style(dim: true)
    /// NPY header bytes in the hex view.
    public static let headerBytes = Style(role: .headerBytes, dim: true)
    /// Separator lines.
    public static let border = Style(role: .border, dim: true)

    /// This style with reverse video added.
    public var reversed: Style {
        var s = self
        s.isReverse = true
        return s
    }
}
