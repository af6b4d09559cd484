/// A named browser command (VisiData style). Keys are bound to commands in a `KeyMap`;
/// what a command does depends on the screen it is given in.
public enum Command: String, CaseIterable, Sendable {
    case goUp = "go-up"
    case goDown = "go-down"
    case goLeft = "go-left"
    case goRight = "go-right"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case goFirstRow = "go-first-row"
    case goLastRow = "go-last-row"
    case goFirstCol = "go-first-col"
    case goLastCol = "go-last-col"
    case gotoIndex = "goto-index"
    case search = "search"
    case searchNext = "search-next"
    case searchPrev = "search-prev"
    case openMember = "open-member"
    case switchPane = "switch-pane"
    case nextAxisIndex = "next-axis-index"
    case prevAxisIndex = "prev-axis-index"
    case cycleStepAxis = "cycle-step-axis"
    case cycleRowAxis = "cycle-row-axis"
    case cycleColAxis = "cycle-col-axis"
    case transpose = "transpose"
    case hexView = "hex-view"
    case reload = "reload"
    case help = "help"
    case redraw = "redraw"
    case cancel = "cancel"
    case backOrQuit = "back-or-quit"
    case quit = "quit"

    /// The command's long name, as shown in help.
    public var name: String { rawValue }

    /// Sections of the help screen.
    public enum Group: String, CaseIterable, Sendable {
        case moving = "Moving"
        case arrays = "N-D arrays"
        case screens = "Screens"
        case other = "Other"
    }

    /// The help section this command is listed in.
    public var group: Group {
        switch self {
        case .goUp, .goDown, .goLeft, .goRight, .pageUp, .pageDown, .goFirstRow, .goLastRow,
             .goFirstCol, .goLastCol, .gotoIndex, .search, .searchNext, .searchPrev:
            return .moving
        case .nextAxisIndex, .prevAxisIndex, .cycleStepAxis, .cycleRowAxis, .cycleColAxis, .transpose:
            return .arrays
        case .openMember, .switchPane, .hexView, .help, .backOrQuit, .quit:
            return .screens
        case .reload, .redraw, .cancel:
            return .other
        }
    }

    /// One line describing what the command does.
    public var summary: String {
        switch self {
        case .goUp: return "previous row (member, help line)"
        case .goDown: return "next row"
        case .goLeft: return "previous column"
        case .goRight: return "next column"
        case .pageUp: return "one screen up"
        case .pageDown: return "one screen down"
        case .goFirstRow: return "first row"
        case .goLastRow: return "last row"
        case .goFirstCol: return "first column"
        case .goLastCol: return "last column"
        case .gotoIndex: return "go to an index: '3, -1' (leading axes, negatives count from the end)"
        case .search: return "find text in values of the shown plane (or in member names)"
        case .searchNext: return "next match of the last search"
        case .searchPrev: return "previous match of the last search"
        case .openMember: return "open the selected member or file"
        case .switchPane: return "switch between list/grid and the info pane"
        case .nextAxisIndex: return "next index along the stepped (non-displayed) axis"
        case .prevAxisIndex: return "previous index along the stepped axis"
        case .cycleStepAxis: return "choose which non-displayed axis [ and ] step"
        case .cycleRowAxis: return "show the next axis as rows"
        case .cycleColAxis: return "show the next axis as columns"
        case .transpose: return "swap the row and column axes"
        case .hexView: return "raw bytes around the current element (toggle)"
        case .reload: return "reopen the file after it changed on disk"
        case .help: return "this help (toggle)"
        case .redraw: return "redraw the whole screen"
        case .cancel: return "cancel a prompt, search or indexing; close help or hex view"
        case .backOrQuit: return "back to the previous screen; quit from the first"
        case .quit: return "quit at once"
        }
    }

    /// A one-word label for the hint line.
    public var hint: String {
        switch self {
        case .goUp, .goDown, .goLeft, .goRight: return "move"
        case .pageUp, .pageDown: return "page"
        case .goFirstRow, .goLastRow: return "top/end"
        case .goFirstCol, .goLastCol: return "first/last col"
        case .gotoIndex: return "goto"
        case .search: return "search"
        case .searchNext, .searchPrev: return "next"
        case .openMember: return "open"
        case .switchPane: return "pane"
        case .nextAxisIndex, .prevAxisIndex: return "step axis"
        case .cycleStepAxis: return "step which"
        case .cycleRowAxis: return "row axis"
        case .cycleColAxis: return "col axis"
        case .transpose: return "transpose"
        case .hexView: return "hex"
        case .reload: return "reload"
        case .help: return "help"
        case .redraw: return "redraw"
        case .cancel: return "cancel"
        case .backOrQuit: return "back"
        case .quit: return "quit"
        }
    }
}
