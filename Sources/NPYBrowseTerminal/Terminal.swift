@preconcurrency import CNcurses
import CGuard
#if canImport(Glibc)
import Glibc
#endif
import NPYBrowseUI

/// Why the full-screen browser cannot run; the caller prints the non-interactive listing instead.
public enum TerminalUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
    case notATerminal(fd: Int32)
    /// TERM is not set.
    case termNotSet
    /// TERM is `dumb` (or names a terminal that cannot address the cursor).
    case noCursorAddressing(term: String)
    /// ncurses does not know TERM.
    case unknownTerminal(term: String)

    public var description: String {
        switch self {
        case .notATerminal(let fd): return fd == 0 ? "standard input is not a terminal" : "standard output is not a terminal"
        case .termNotSet: return "TERM is not set"
        case .noCursorAddressing(let t): return "terminal '\(t)' cannot address the cursor"
        case .unknownTerminal(let t): return "unknown terminal type '\(t)'"
        }
    }
}

/// Checks, without touching the terminal, whether the browser can run: both standard input and
/// output are terminals and TERM names one that is not `dumb`. (The `cup` capability is checked
/// when the terminal is opened.)
public func interactiveTerminalProblem() -> TerminalUnavailable? {
    if isatty(0) == 0 { return .notATerminal(fd: 0) }
    if isatty(1) == 0 { return .notATerminal(fd: 1) }
    guard let t = getenv("TERM"), t.pointee != 0 else { return .termNotSet }
    let term = String(cString: t)
    if term == "dumb" { return .noCursorAddressing(term: term) }
    return nil
}

/// How a browser session ended.
public struct BrowserExit {
    /// The status the browser asked for (0 after `q`; 1 when terminal input went away).
    public let status: Int32
    /// The documents as they were at the end (reloads replace them), so the caller can report
    /// files that could not be read once the screen is back to normal.
    public let documents: [any BrowserDocument]
}

/// Runs the full-screen browser over `documents` until the user quits.
///
/// Throws, before drawing anything, when there is no usable terminal: the caller then prints
/// the non-interactive listing. This is the only code that talks to ncurses.
public func runBrowser(documents: [any BrowserDocument], options: BrowserOptions = BrowserOptions()) throws(TerminalUnavailable) -> BrowserExit {
    let terminal = try Terminal(options: options)
    let browser = Browser(documents: documents, options: options)
    let status = loop(browser, terminal)
    terminal.close()
    return BrowserExit(status: status, documents: browser.documents)
}

/// Reads keys and draws frames until the browser quits; returns the exit status.
private func loop(_ browser: Browser, _ terminal: Terminal) -> Int32 {
    var (width, height) = terminal.size
    _ = browser.update(.resize(width: width, height: height))
    var full = true
    var instantTimeouts = 0
    let clock = ContinuousClock()
    let timing = TimingLog()
    while true {
        var screen = Screen(width: width, height: height, asciiOnly: terminal.isASCIIOnly, scalarWidth: terminal.scalarWidth)
        browser.render(into: &screen)
        terminal.draw(screen, full: full)
        timing?.mark(browser.isBusy ? "frame busy" : "frame ready")
        full = false
        let effects: [Effect]
        let waited = browser.isBusy ? Int32(0) : 1000
        let start = clock.now
        let input = terminal.read(timeoutMilliseconds: waited)
        // A terminal whose input is gone (EOF without SIGHUP) makes every read fail at once:
        // leave instead of spinning.
        if input == .timeout && waited > 0 && clock.now - start < .milliseconds(5) {
            instantTimeouts += 1
            if instantTimeouts >= 50 { return 1 }
        } else {
            instantTimeouts = 0
        }
        switch input {
        case .timeout:
            effects = browser.update(.tick)
        case .resize:
            timing?.mark("resize")
            (width, height) = terminal.size
            effects = browser.update(.resize(width: width, height: height))
            full = true
        case .key(let key):
            timing?.mark("key " + key.displayName)
            effects = browser.update(.key(key))
        }
        for effect in effects {
            switch effect {
            case .quit(let status): return status
            case .redrawAll: full = true
            }
        }
    }
}

/// `NPYBROWSE_TIMING=FILE` appends one line per event to FILE: CLOCK_MONOTONIC nanoseconds, then
/// `key NAME` when a key is read, `resize`, or `frame ready` / `frame busy` when a frame has been
/// sent to the terminal (busy: work such as indexing is still under way). Benchmarks/run reads it
/// to time launch-to-first-screen and keypress-to-redraw.
final class TimingLog {
    private let file: UnsafeMutablePointer<FILE>

    init?() {
        guard let path = getenv("NPYBROWSE_TIMING"), let f = fopen(path, "a") else { return nil }
        file = f
        setvbuf(f, nil, _IOLBF, 0)
    }

    deinit { fclose(file) }

    func mark(_ event: String) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        fputs("\(Int(ts.tv_sec) * 1_000_000_000 + ts.tv_nsec) \(event)\n", file)
    }
}

/// What one read from the terminal produced.
enum TerminalInput: Equatable {
    case key(Key)
    case resize
    case timeout
}

/// Called from the fatal-signal handler (a crash, Ctrl-C): leaves curses mode so the shell is usable.
/// After the browser closed, there is no current screen and `endwin` does nothing.
private let restoreTerminal: @convention(c) () -> Void = {
    _ = endwin()
}

/// Installs the crash handlers once per process: installing twice would make them chain to
/// themselves (each saves the handler it replaces and calls it).
private let crashRestoreInstalled: Void = {
    npyb_install_crash_restore(restoreTerminal)
}()

/// The single owner of ncurses: opens the terminal with `newterm`, draws screens by
/// difference, reads keys, closes.
final class Terminal {
    private let screenPointer: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Screen?
    private var closed = false
    /// True when the locale's codeset is not UTF-8: draw ASCII only.
    let isASCIIOnly: Bool
    /// True when styles get colors (not NO_COLOR, and the terminal has them).
    let hasColors: Bool
    /// The C library's `wcwidth`, which is what ncurses uses to place characters.
    let scalarWidth: @Sendable (Unicode.Scalar) -> Int = { Int(npyb_wcwidth(wchar_t(bitPattern: $0.value))) }

    init(options: BrowserOptions) throws(TerminalUnavailable) {
        if let problem = interactiveTerminalProblem() { throw problem }
        let term = String(cString: getenv("TERM"))
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        isASCIIOnly = options.asciiOnly ?? !(codeset == "UTF-8" || codeset == "UTF8")
        // Exported sizes would pin the screen size, even across resizes.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        // Handlers first, so ncurses leaves SIGINT/SIGTERM to us: endwin(), then the default action.
        _ = crashRestoreInstalled
        guard let sp = newterm(nil, npyb_stdout(), npyb_stdin()) else {
            throw .unknownTerminal(term: term)
        }
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(sp)
            throw .noCursorAddressing(term: term)
        }
        screenPointer = sp
        window = npyb_stdscr()
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        Terminal.defineKeyVariants()
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        var colors = options.colors ?? !noColor
        if colors && has_colors() {
            start_color()
            use_default_colors()
            for role in ColorRole.allCases {
                if let fg = Terminal.foreground(role) {
                    init_pair(Int16(role.rawValue), Int16(fg), -1)
                }
            }
        } else {
            colors = false
        }
        hasColors = colors
    }

    /// Teaches ncurses the sequences terminals send for keys when they differ from the terminfo
    /// entry (e.g. tmux sends `ESC [ 4 ~` for End while TERM=xterm-256color lists `ESC O F`);
    /// otherwise the pieces arrive as separate keys and `[` would step an axis.
    static func defineKeyVariants() {
        let variants: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
            ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
            ("\u{1B}OP", KEY_F0 + 1), ("\u{1B}[11~", KEY_F0 + 1),
        ]
        for (sequence, code) in variants where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    /// The current size in columns and rows.
    var size: (Int, Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// The color for a role; nil keeps the terminal's default.
    static func foreground(_ role: ColorRole) -> Int32? {
        switch role {
        case .normal, .selection, .status: return nil
        case .title: return COLOR_BLUE
        case .header: return COLOR_CYAN
        case .index: return COLOR_YELLOW
        case .key: return COLOR_GREEN
        case .error: return COLOR_RED
        case .warning: return COLOR_YELLOW
        case .headerBytes: return COLOR_MAGENTA
        case .border: return COLOR_BLUE
        }
    }

    private func attributes(_ style: Style) -> (attr_t, Int16) {
        var a = npyb_A_NORMAL()
        if style.isBold { a |= npyb_A_BOLD() }
        if style.isReverse { a |= npyb_A_REVERSE() }
        if style.isDim { a |= npyb_A_DIM() }
        if style.isUnderline { a |= npyb_A_UNDERLINE() }
        let pair: Int16 = hasColors && Terminal.foreground(style.role) != nil ? Int16(style.role.rawValue) : 0
        return (a, pair)
    }

    /// Draws `screen`, sending only the cells that differ from the last frame (all of them when
    /// `full`, or when the size changed).
    func draw(_ screen: Screen, full: Bool) {
        if full || previous?.width != screen.width || previous?.height != screen.height {
            previous = nil
            clearok(window, true)
        }
        var buffer: [wchar_t] = []
        buffer.reserveCapacity(screen.width + 8)
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                if let p = previous, p[x, y] == screen[x, y] {
                    x += 1
                    continue
                }
                var start = x
                while start > 0 && screen[start, y].isContinuation { start -= 1 }
                let style = screen[start, y].style
                buffer.removeAll(keepingCapacity: true)
                var end = start
                while end < screen.width {
                    let cell = screen[end, y]
                    if end > start && !cell.isContinuation {
                        if cell.style != style { break }
                        if let p = previous, p[end, y] == cell { break }
                    }
                    if !cell.isContinuation {
                        for s in cell.text.unicodeScalars { buffer.append(wchar_t(bitPattern: s.value)) }
                    }
                    end += 1
                }
                let (attrs, pair) = attributes(style)
                wattr_set(window, attrs, pair, nil)
                buffer.withUnsafeBufferPointer {
                    _ = mvwaddnwstr(window, Int32(y), Int32(start), $0.baseAddress, Int32($0.count))
                }
                x = end
            }
        }
        wattr_set(window, npyb_A_NORMAL(), 0, nil)
        wnoutrefresh(window)
        doupdate()
        previous = screen
    }

    /// Waits up to `timeoutMilliseconds` (0: not at all) for a key.
    func read(timeoutMilliseconds: Int32) -> TerminalInput {
        wtimeout(window, timeoutMilliseconds)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR { return .timeout }
        if r == KEY_CODE_YES {
            let code = Int32(bitPattern: ch)
            if code == KEY_RESIZE { return .resize }
            return Terminal.translate(functionKey: code).map { .key($0) } ?? .timeout
        }
        return Terminal.translate(character: ch).map { .key($0) } ?? .timeout
    }

    /// The key for a curses function-key code.
    static func translate(functionKey code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// The key for a character read by `get_wch`.
    static func translate(character ch: wint_t) -> Key? {
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(ch) + 0x60)))
        default:
            guard let s = Unicode.Scalar(UInt32(ch)), ch >= 0x20 else { return nil }
            return .character(Character(s))
        }
    }

    /// Leaves curses mode and frees the screen.
    func close() {
        guard !closed else { return }
        closed = true
        endwin()
        delscreen(screenPointer)
    }
}
