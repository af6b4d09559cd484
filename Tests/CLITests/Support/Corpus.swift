import Foundation
import Testing

/// One run of the CLI and what it must give, taken from expected.json.
struct CLICase: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable {
        case info, infoMember, header, dump, ls, bare, verify, malformed, sweep, usage
        /// Stands in for every case when the corpus cannot be loaded, so the tests fail saying why.
        case missing
    }

    var kind: Kind
    /// The file, relative to the corpus root; `{FILE}` in `cmd` becomes its absolute path.
    var file: String?
    var cmd: [String]
    /// Required exit status; nil accepts 0 or 1 (the no-crash sweep over malformed files).
    var exit: Int32?
    /// Expected `info --json` output: the whole file's object, or one member's.
    var info: JSONText?
    /// Expected `dump --json` output ({"dtype", "shape", "values"}) and how to compare its numbers.
    var dump: JSONText?
    var kinds: JSONText?
    var checkDtype = true
    var headerText: String?
    var names: [String] = []
    var stderrContains: [String] = []
    var maxRSSMiB: Int?
    var timeout: Double = 20
    var note = ""

    var testDescription: String {
        if kind == .missing { return "corpus missing" }
        return "\(file ?? "-"): npybrowse " + cmd.joined(separator: " ")
    }
}

/// The generated corpus (Tests/Fixtures/generated/corpus) and the cases expected.json describes.
struct Corpus: Sendable {
    let root: String
    /// Why the corpus cannot be used, or nil.
    let problem: String?
    private var byKind: [CLICase.Kind: [CLICase]] = [:]

    init(root: String, problem: String?) {
        self.root = root
        self.problem = problem
    }

    static let howToGenerate = "generate it with `python3 Tests/Fixtures/gen_corpus.py Tests/Fixtures/generated` "
        + "from the package root (needs python3 and numpy)"

    /// Cases of one kind; a single failing stand-in when the corpus is missing.
    func cases(_ kind: CLICase.Kind) -> [CLICase] {
        if let p = problem {
            return [CLICase(kind: .missing, file: nil, cmd: [], exit: nil, note: p)]
        }
        return byKind[kind] ?? []
    }

    static func load(root: String) -> Corpus {
        let path = root + "/expected.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            return Corpus(root: root, problem: "the test corpus is missing: \(path) does not exist; \(howToGenerate)")
        }
        let doc: JSONText
        do {
            doc = try JSONTextParser.parse([UInt8](data))
        } catch {
            return Corpus(root: root, problem: "\(path) is not valid JSON (\(error)); \(howToGenerate)")
        }
        guard doc["schema"]?.intValue == 1, let files = doc["files"]?.arrayValue,
              let malformed = doc["malformed"]?.arrayValue else {
            return Corpus(root: root, problem: "\(path) has an unknown schema; regenerate it: \(howToGenerate)")
        }
        var c = Corpus(root: root, problem: nil)
        for f in files { c.addFile(f) }
        for m in malformed { c.addMalformed(m) }
        for u in doc["usage"]?.arrayValue ?? [] {
            c.append(CLICase(kind: .usage, file: u["file"]?.stringValue, cmd: strings(u["cmd"]),
                             exit: Int32(u["exit"]?.intValue ?? 64)))
        }
        return c
    }

    private static func strings(_ v: JSONText?) -> [String] {
        (v?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private mutating func append(_ c: CLICase) {
        byKind[c.kind, default: []].append(c)
    }

    private mutating func addFile(_ f: JSONText) {
        guard let rel = f["path"]?.stringValue, let info = f["info"] else { return }
        let note = f["what"]?.stringValue ?? ""
        let members = info["members"]?.arrayValue ?? []
        append(CLICase(kind: .info, file: rel, cmd: ["info", "--json", "{FILE}"], exit: 0, info: info, note: note))
        for im in f["info_member"]?.arrayValue ?? [] {
            guard let i = im["index"]?.intValue, i < members.count else { continue }
            append(CLICase(kind: .infoMember, file: rel, cmd: Corpus.strings(im["cmd"]), exit: 0, info: members[i]))
        }
        for h in f["headers"]?.arrayValue ?? [] {
            append(CLICase(kind: .header, file: rel, cmd: Corpus.strings(h["cmd"]), exit: 0,
                           headerText: h["text"]?.stringValue))
        }
        for d in f["dumps"]?.arrayValue ?? [] {
            append(dumpCase(d, file: rel, kind: .dump))
        }
        let names = members.compactMap { $0["name"]?.stringValue }
        append(CLICase(kind: .ls, file: rel, cmd: ["ls", "{FILE}"], exit: 0, names: names))
        append(CLICase(kind: .bare, file: rel, cmd: ["{FILE}"], exit: 0))
        if let v = f["verify_exit"]?.intValue {
            append(CLICase(kind: .verify, file: rel, cmd: ["verify", "{FILE}"], exit: Int32(v)))
        }
    }

    private func dumpCase(_ d: JSONText, file: String, kind: CLICase.Kind) -> CLICase {
        var c = CLICase(kind: kind, file: file, cmd: Corpus.strings(d["cmd"]), exit: Int32(d["exit"]?.intValue ?? 0))
        c.dump = d["expect"]
        c.kinds = d["kinds"]
        c.checkDtype = d["check_dtype"]?.boolValue ?? true
        c.stderrContains = Corpus.strings(d["stderr_contains"])
        return c
    }

    private mutating func addMalformed(_ m: JSONText) {
        guard let rel = m["path"]?.stringValue else { return }
        let rss = m["max_rss_mib"]?.intValue
        let timeout = Double(m["timeout_s"]?.intValue ?? 20)
        let note = m["what"]?.stringValue ?? ""
        for chk in m["checks"]?.arrayValue ?? [] {
            var c = dumpCase(chk, file: rel, kind: .malformed)
            c.info = chk["info"]
            c.maxRSSMiB = rss
            c.timeout = timeout
            c.note = note
            append(c)
        }
        var sweep: [[String]] = [["ls", "{FILE}"], ["info", "--json", "{FILE}"], ["header", "{FILE}"]]
        if m["no_full_dump"]?.boolValue != true {
            sweep += [["dump", "--json", "{FILE}"], ["verify", "{FILE}"]]
        }
        for cmd in sweep {
            append(CLICase(kind: .sweep, file: rel, cmd: cmd, exit: nil, maxRSSMiB: rss, timeout: timeout, note: note))
        }
    }
}
