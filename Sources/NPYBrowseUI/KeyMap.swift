/// A key bound to a command.
public struct KeyBinding: Equatable, Sendable {
    /// The key.
    public var key: Key
    /// The command it runs.
    public var command: Command
    /// Creates a binding.
    public init(_ key: Key, _ command: Command) {
        self.key = key
        self.command = command
    }
}

/// The table binding keys to commands. The help screen and the hint line are generated from it.
public struct KeyMap: Sendable {
    /// The bindings, in help order.
    public var bindings: [KeyBinding]

    /// Creates a key map; a later binding of the same key wins.
    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The command bound to `key`, if any.
    public func command(for key: Key) -> Command? {
        bindings.last(where: { $0.key == key })?.command
    }

    /// The keys bound to `command`, in table order.
    public func keys(for command: Command) -> [Key] {
        bindings.filter { $0.command == command }.map(\.key)
    }

    /// less/vim-like defaults.
    public static let standard = KeyMap([
        KeyBinding(.up, .goUp), KeyBinding(.character("k"), .goUp),
        KeyBinding(.down, .goDown), KeyBinding(.character("j"), .goDown),
        KeyBinding(.left, .goLeft), KeyBinding(.character("h"), .goLeft),
        KeyBinding(.right, .goRight), KeyBinding(.character("l"), .goRight),
        KeyBinding(.pageUp, .pageUp), KeyBinding(.character("b"), .pageUp),
        KeyBinding(.pageDown, .pageDown), KeyBinding(.character(" "), .pageDown),
        KeyBinding(.character("g"), .goFirstRow), KeyBinding(.home, .goFirstRow),
        KeyBinding(.character("G"), .goLastRow), KeyBinding(.end, .goLastRow),
        KeyBinding(.character("0"), .goFirstCol), KeyBinding(.character("^"), .goFirstCol),
        KeyBinding(.character("$"), .goLastCol),
        KeyBinding(.character(":"), .gotoIndex),
        KeyBinding(.character("/"), .search),
        KeyBinding(.character("n"), .searchNext),
        KeyBinding(.character("N"), .searchPrev),
        KeyBinding(.enter, .openMember),
        KeyBinding(.tab, .switchPane), KeyBinding(.backTab, .switchPane),
        KeyBinding(.character("]"), .nextAxisIndex),
        KeyBinding(.character("["), .prevAxisIndex),
        KeyBinding(.character("a"), .cycleStepAxis),
        KeyBinding(.character("r"), .cycleRowAxis),
        KeyBinding(.character("c"), .cycleColAxis),
        KeyBinding(.character("t"), .transpose),
        KeyBinding(.character("x"), .hexView),
        KeyBinding(.character("R"), .reload),
        KeyBinding(.character("?"), .help), KeyBinding(.function(1), .help),
        KeyBinding(.control("l"), .redraw),
        KeyBinding(.escape, .cancel),
        KeyBinding(.character("q"), .backOrQuit),
        KeyBinding(.character("Q"), .quit),
    ])

    /// The help text: one line per command with its keys, name and summary, grouped by section.
    public func helpLines() -> [HelpLine] {
        var out: [HelpLine] = []
        for group in Command.Group.allCases {
            let commands = Command.allCases.filter { $0.group == group && !keys(for: $0).isEmpty }
            guard !commands.isEmpty else { continue }
            if !out.isEmpty { out.append(.blank) }
            out.append(.section(group.rawValue))
            for c in commands {
                out.append(.command(keys: keys(for: c).map(\.displayName).joined(separator: " "),
                                    name: c.name, summary: c.summary))
            }
        }
        out.append(.blank)
        out.append(.section("Prompts"))
        out.append(.text(": and / read a line at the bottom: Enter accepts, Esc cancels, Backspace deletes."))
        out.append(.text("Search matches a substring of each value's text; start with = for the whole text."))
        out.append(.text("It scans the shown 2-D plane (other axes fixed) from the cursor, wrapping once."))
        return out
    }

    /// The key table of the README (between `<!-- keys:begin -->` and `<!-- keys:end -->`),
    /// generated like the help screen, so a test can hold the README to the key map.
    public func markdownTable() -> String {
        var out = "| keys | command | what it does |\n|---|---|---|\n"
        for group in Command.Group.allCases {
            for c in Command.allCases where c.group == group {
                let ks = keys(for: c)
                guard !ks.isEmpty else { continue }
                let keyText = ks.map { "`" + ($0.displayName == "|" ? "\\|" : $0.displayName) + "`" }.joined(separator: " ")
                out += "| \(keyText) | \(c.name) | \(c.summary.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")) |\n"
            }
        }
        return out
    }

    /// The hint line items for `commands`: the first key of each with its label, commands without keys left out.
    public func hints(_ commands: [Command]) -> [(key: String, label: String)] {
        commands.compactMap { c in
            guard let k = keys(for: c).first else { return nil }
            return (k.displayName, c.hint)
        }
    }
}

/// One line of the generated help.
public enum HelpLine: Equatable, Sendable {
    /// A section title.
    case section(String)
    /// A command: its keys (space separated), its name and summary.
    case command(keys: String, name: String, summary: String)
    /// Free text.
    case text(String)
    /// An empty line.
    case blank
}
