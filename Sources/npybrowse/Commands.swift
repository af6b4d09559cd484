import ArgumentParser
import NPYFormat
import NPYBrowseUI
import NPYBrowseTerminal
#if canImport(Glibc)
import Glibc
#endif

@main
struct NPYBrowse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "npybrowse",
        abstract: "Browse NumPy .npy and .npz files: instantly, without numpy, in any terminal.",
        discussion: """
        npybrowse FILE...        opens the full-screen browser (prints the listing when stdout is not a terminal)
        Exit status: 0 success; 1 a file or member cannot be read, or verify found problems; 64 bad usage.
        """,
        version: "npybrowse 0.1.0",
        subcommands: [Browse.self, List.self, Info.self, Header.self, Dump.self, Verify.self],
        defaultSubcommand: Browse.self
    )
}

/// Options shared by commands that address one member.
struct MemberOption: ParsableArguments {
    @Option(name: [.short, .long], help: "The member: zip entry name (big.npy) or numpy's key (big).")
    var member: String?
}

/// Runs `body`, turning format errors into one stderr line and exit status 1.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as SliceSyntaxError {
        Output.error(e.description)
        throw ExitCode(Status.usage)
    } catch let e as FormatError {
        Output.error(e.description)
        throw ExitCode(Status.failure)
    } catch let e as ExitCode {
        throw e
    }
    Output.flush()
}

/// Opens a file, mapping failures to one-line errors.
func openContainer(_ path: String) throws -> NPYContainer {
    try NPYContainer(path: path)
}

/// Picks the member `-m` names, or the only array member.
func selectMember(_ c: NPYContainer, _ name: String?) throws -> Member {
    if let name {
        guard let i = c.find(name) else {
            let keys = (0..<min(c.memberCount, 50)).map { "'\(c.member($0).key)'" }.joined(separator: ", ")
            throw FormatError(.none, "no member named '\(name)'; the keys are \(keys)\(c.memberCount > 50 ? ", …" : "")", file: c.path)
        }
        return c.member(i)
    }
    if c.kind == .npy { return c.member(0) }
    let arrays = (0..<c.memberCount).filter { c.member($0).name.hasSuffix(".npy") || (try? c.member($0).header.get()) != nil }
    if arrays.count == 1 { return c.member(arrays[0]) }
    let keys = arrays.prefix(50).map { "'\(c.member($0).key)'" }.joined(separator: ", ")
    throw FormatError(.none, arrays.isEmpty ? "the archive holds no array members" : "the archive holds \(arrays.count) arrays; choose one with -m: \(keys)", file: c.path)
}

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Open the full-screen browser (the default command).")

    @Argument(help: "One or more .npy or .npz files.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("expected at least one .npy or .npz file") }
    }

    func run() throws {
        let problem = interactiveTerminalProblem()
        if problem == nil {
            // Like less: files that cannot be opened at all (a typo, a directory) are reported
            // and left out; with none left, no full screen at all.
            var missing = false
            let openable = files.filter { path in
                do {
                    try MappedFile.checkOpenable(path)
                    return true
                } catch {
                    Output.error(error.asFormatError(file: path).description)
                    missing = true
                    return false
                }
            }
            if openable.isEmpty { throw ExitCode(Status.failure) }
            let documents = openable.map { NPYDocument(path: $0) }
            let exit: BrowserExit
            do {
                exit = try runBrowser(documents: documents)
            } catch let unavailable {
                // TERM names a terminal ncurses does not know or that cannot address the cursor.
                Output.error("\(unavailable); printing the listing instead")
                try printListings(openable)
                if missing { throw ExitCode(Status.failure) }
                return
            }
            // The browser showed why a file could not be read; say it again on the restored
            // terminal, where it stays in the scroll-back, and fail as the CLI would.
            let unreadable = exit.documents.compactMap(\.error)
            unreadable.forEach { Output.error($0) }
            let status = exit.status != 0 ? exit.status : (unreadable.isEmpty && !missing ? 0 : Status.failure)
            if status != 0 { throw ExitCode(status) }
            return
        } else if isatty(1) != 0, let problem {
            // Output is a terminal but the browser cannot run there: say why, then list.
            Output.error("\(problem); printing the listing instead")
        }
        try printListings(files)
    }

    /// The non-interactive form: the `ls` listing of every file.
    func printListings(_ paths: [String]) throws {
        var failed = false
        for (i, f) in paths.enumerated() {
            if paths.count > 1 { Output.line((i > 0 ? "\n" : "") + f + ":") }
            do {
                try List.printListing(openContainer(f))
            } catch let e as FormatError {
                Output.error(e.description)
                failed = true
            }
        }
        Output.flush()
        if failed { throw ExitCode(Status.failure) }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List members: name, dtype, shape, order, method, sizes, ratio, data offset.")

    @Argument(help: "A .npy or .npz file.") var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try guarded {
            let c = try openContainer(file)
            if json {
                Output.out("[")
                for i in 0..<c.memberCount {
                    var s = i == 0 ? "\n  " : ",\n  "
                    Facts.member(c.transientMember(i)).write(to: &s, pretty: false, indent: 1)
                    Output.out(s)
                }
                Output.out(c.memberCount == 0 ? "]\n" : "\n]\n")
            } else {
                try List.printListing(c)
            }
        }
    }

    /// Streams the listing: widths come from the directory (names), so rows print as headers are read.
    static func printListing(_ c: NPYContainer) throws {
        let n = c.memberCount
        var nameWidth = 4
        if let z = c.archive {
            for e in z.entries { nameWidth = max(nameWidth, e.name.count) }
        } else {
            nameWidth = max(nameWidth, c.basename.count)
        }
        nameWidth = min(nameWidth, 48)
        let cols: [(String, Int, Bool)] = [("NAME", nameWidth, false), ("DTYPE", 12, false), ("SHAPE", 18, false), ("ORDER", 5, false),
                                          ("METHOD", 8, false), ("COMPRESSED", 12, true), ("UNCOMPRESSED", 12, true), ("RATIO", 6, true), ("DATA OFFSET", 12, true)]
        // Rows are built as bytes: this loop runs once per member of archives with 100,000 of them.
        func pad(_ out: inout [UInt8], _ k: Int) {
            if k > 0 { out.append(contentsOf: repeatElement(0x20, count: k)) }
        }
        func cell(_ v: String, _ i: Int, into s: inout [UInt8]) {
            let (_, w, right) = cols[i]
            let width = v.utf8.count == v.unicodeScalars.count ? v.utf8.count : v.count
            if i > 0 { pad(&s, 2) }
            if right { pad(&s, w - width); s.append(contentsOf: v.utf8) } else { s.append(contentsOf: v.utf8); if i < cols.count - 1 { pad(&s, w - width) } }
        }
        func row(_ values: [String], into s: inout [UInt8]) {
            for (i, v) in values.enumerated() { cell(v, i, into: &s) }
            s.append(0x0a)
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        row(cols.map { $0.0 }, into: &out)
        for i in 0..<n {
            if let q = c.quickListing(i), let e = c.archive?.entries[i] {
                // Stored members in numpy's own header form: no Member, no string array.
                let size = String(e.compressedSize)
                cell(e.name, 0, into: &out)
                cell(q.dtype.str, 1, into: &out)
                cell(q.shapeText, 2, into: &out)
                cell(q.isFortranOrder ? "F" : "C", 3, into: &out)
                cell("stored", 4, into: &out)
                cell(size, 5, into: &out)
                cell(size, 6, into: &out)
                cell(Facts.ratio(compressed: e.compressedSize, uncompressed: e.uncompressedSize), 7, into: &out)
                cell(String(q.absoluteDataOffset), 8, into: &out)
                out.append(0x0a)
                if out.count > 1 << 15 { Output.bytes(out); out.removeAll(keepingCapacity: true) }
                continue
            }
            let m = c.transientMember(i)
            var v: [String] = [m.name]
            switch m.header {
            case .success(let h):
                v += [h.dtype.str, h.shapeText, h.isFortranOrder ? "F" : "C"]
            case .failure(let e):
                v += [shortReason(m, e), "", ""]
            }
            if let e = m.entry {
                v += [e.methodName, String(e.compressedSize), String(e.uncompressedSize), Facts.ratio(compressed: e.compressedSize, uncompressed: e.uncompressedSize)]
            } else {
                v += ["-", String(c.file.size), String(c.file.size), "-"]
            }
            v.append(m.absoluteDataOffset.map(String.init) ?? "-")
            row(v, into: &out)
            if out.count > 1 << 15 { Output.bytes(out); out.removeAll(keepingCapacity: true) }
        }
        Output.bytes(out)
        if n == 0 { Output.line("(empty archive)") }
    }

    static func shortReason(_ m: Member, _ e: FormatError) -> String {
        if m.isObjectArray { return "|O (pickle)" }
        let msg = e.message
        if m.entry?.isDirectory == true { return "(dir)" }
        if msg.contains("not supported") { return "(unsupported)" }
        if msg.contains("NPY magic") { return "(not npy)" }
        return "(error)"
    }

}

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Every fact about the file, or one member.")

    @Argument(help: "A .npy or .npz file.") var file: String
    @OptionGroup var member: MemberOption
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try guarded {
            let c = try openContainer(file)
            let facts: JSONValue
            if member.member != nil {
                let m = try selectMember(c, member.member)
                facts = Facts.member(m)
                if c.kind == .npy, case .failure(let e) = m.header, !m.isObjectArray { throw e }
            } else {
                // A lone .npy that cannot be read is an error; an object array is a readable file whose member says why.
                if c.kind == .npy, case .failure(let e) = c.member(0).header, !c.member(0).isObjectArray { throw e }
                facts = Facts.file(c)
            }
            if json {
                Output.line(facts.serialized(pretty: true))
            } else {
                Output.out(InfoText.render(facts))
            }
        }
    }
}

struct Header: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "header", abstract: "Print the NPY header dict exactly as stored.")

    @Argument(help: "A .npy or .npz file.") var file: String
    @OptionGroup var member: MemberOption

    func run() throws {
        try guarded {
            let c = try openContainer(file)
            let m = try selectMember(c, member.member)
            let h = try m.header.get()
            Output.out(h.text)
            if !h.text.hasSuffix("\n") { Output.out("\n") }
        }
    }
}

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump", abstract: "Print values; --slice takes numpy basic indexing, --field selects fields.")

    @Argument(help: "A .npy or .npz file.") var file: String
    @OptionGroup var member: MemberOption
    @Option(help: "numpy basic indexing, e.g. '[-5:]', '[3, :, ::2]', '[..., 0]'.") var slice: String?
    @Option(name: .customLong("field"), help: "A field of a structured array (repeatable; dotted for nested: pos.x).") var fields: [String] = []
    @Flag(help: "Print JSON: {\"dtype\", \"shape\", \"values\"}.") var json = false

    func run() throws {
        try guarded {
            let expr = try slice.map { try SliceExpression.parse($0) }
            let c = try openContainer(file)
            let m = try selectMember(c, member.member)
            let array = try m.array()
            let dumper = try Dumper(array: array, request: DumpRequest(slice: expr, fields: fields), style: json ? .json : .text)
            try dumper.run { Output.out($0) }
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check structure, sizes and CRC-32 of every member; exit 1 when problems are found.")

    @Argument(help: "A .npy or .npz file.") var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try guarded {
            let c = try openContainer(file)
            let report = Verifier.verify(c)
            if json {
                Output.line(report.json.serialized(pretty: true))
            } else {
                Output.out(report.text)
            }
            Output.flush()
            if !report.problems.isEmpty {
                Output.error(report.problems[0].description + (report.problems.count > 1 ? " (and \(report.problems.count - 1) more problems)" : ""))
                throw ExitCode(Status.failure)
            }
        }
    }
}
