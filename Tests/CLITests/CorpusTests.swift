import Foundation
import Testing

/// <package root>/Tests/Fixtures/generated/corpus: the package root is three levels up from this file.
let corpusRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Tests/Fixtures/generated/corpus").path

/// expected.json, loaded once.
let corpus = Corpus.load(root: corpusRoot)

/// The CLI held to design.md on every file of the generated corpus (Tests/Fixtures/README.md).
@Suite("CLI on the corpus")
struct CorpusTests {
    @Test("the corpus and the binary are there")
    func prerequisites() {
        if let p = corpus.problem { Issue.record(Comment(rawValue: p)) }
        if case .failure(let e) = CLI.binary { Issue.record(Comment(rawValue: e.description)) }
    }

    @Test("info --json equals the expected facts", arguments: corpus.cases(.info))
    func info(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("info --json -m MEMBER prints that member's object", arguments: corpus.cases(.infoMember))
    func infoMember(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("dump --json gives numpy's values, floats bit-exact", arguments: corpus.cases(.dump))
    func dump(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("header prints the header text exactly as stored", arguments: corpus.cases(.header))
    func header(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("ls lists every member", arguments: corpus.cases(.ls))
    func ls(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("npybrowse FILE with stdout not a terminal prints the ls listing", arguments: corpus.cases(.bare))
    func bare(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("verify exits 0 on clean files", arguments: corpus.cases(.verify))
    func verify(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("malformed files give the expected exit status and one error line", arguments: corpus.cases(.malformed))
    func malformed(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("no command crashes or hangs on a malformed file", arguments: corpus.cases(.sweep))
    func noCrash(_ c: CLICase) async { await CaseRunner.check(c) }

    @Test("argument errors exit 64", arguments: corpus.cases(.usage))
    func usage(_ c: CLICase) async { await CaseRunner.check(c) }
}

/// Runs one case and records every way the output differs from what it must be.
enum CaseRunner {
    static func check(_ c: CLICase) async {
        if c.kind == .missing {
            Issue.record(Comment(rawValue: c.note))
            return
        }
        let path = c.file.map { corpusRoot + "/" + $0 }
        let args = c.cmd.map { $0 == "{FILE}" ? (path ?? $0) : $0 }
        let shown = "npybrowse " + args.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
        let about = c.note.isEmpty ? shown : "\(shown)  [\(c.note)]"
        if let p = path, !FileManager.default.fileExists(atPath: p) {
            Issue.record(Comment(rawValue: "corpus file \(p) is missing; \(Corpus.howToGenerate)"))
            return
        }

        let r: CLIResult
        do {
            r = try await CLI.run(args, timeout: c.timeout)
        } catch {
            Issue.record(Comment(rawValue: "\(about): could not run: \(error)"))
            return
        }
        func fail(_ message: String) {
            Issue.record(Comment(rawValue: "\(about): \(message)"))
        }

        if r.timedOut || r.signal != nil {
            fail(r.summary)
            return
        }
        if let limit = c.maxRSSMiB, r.maxRSSKiB > limit * 1024 {
            fail("peak resident memory \(r.maxRSSKiB / 1024) MiB exceeds \(limit) MiB")
        }
        let code = r.exitCode ?? -1
        if let want = c.exit {
            if code != want {
                fail("expected exit \(want), got \(r.summary)")
                return
            }
        } else if code != 0 && code != 1 {
            fail("expected exit 0 or 1, got \(r.summary)")
            return
        }

        let isVerify = c.cmd.first == "verify"
        if code == 1 && !isVerify {
            checkErrorLine(r, path: path, contains: c.stderrContains, fail: fail)
        }
        if code == 0 && c.kind != .sweep && !r.stderr.isEmpty {
            fail("exit 0 but stderr is not empty: \(r.stderrText.debugDescription)")
        }
        guard code == 0 else { return }

        if let expected = c.info {
            guard let actual = parseJSON(r, fail: fail) else { return }
            var want = expected
            if c.kind != .infoMember, want["file"] != nil, let p = path {
                want = want.setting("file", to: .string(p))
            }
            let diffs = Compare.info(expected: want, actual: actual)
            if !diffs.isEmpty { fail("info differs:\n  " + diffs.joined(separator: "\n  ")) }
        }
        if let expected = c.dump {
            guard let actual = parseJSON(r, fail: fail) else { return }
            compareDump(expected: expected, actual: actual, kinds: c.kinds ?? .string("x"),
                        checkDtype: c.checkDtype, fail: fail)
        }
        if let text = c.headerText {
            let out = r.stdoutText
            if out != text && out != text + "\n" {
                fail("header text differs.\n  expected: \(text.debugDescription)\n  got:      \(out.debugDescription)")
            }
        }
        if c.kind == .ls {
            let out = r.stdoutText
            let missing = c.names.filter { !out.contains($0) }
            if !missing.isEmpty { fail("the listing does not show \(missing)") }
        }
        if c.kind == .bare, let p = path {
            do {
                let listing = try await CLI.run(["ls", p], timeout: c.timeout)
                if listing.exitCode != 0 {
                    fail("`npybrowse ls` failed: \(listing.summary)")
                } else if listing.stdout != r.stdout {
                    fail("output with stdout not a terminal differs from `npybrowse ls`:\n"
                         + "  bare: \(r.stdoutText.prefix(400).debugDescription)\n"
                         + "  ls:   \(listing.stdoutText.prefix(400).debugDescription)")
                }
            } catch {
                fail("could not run ls: \(error)")
            }
        }
    }

    /// design.md: exactly one line on stderr, `npybrowse: FILE: ...`, naming the file.
    static func checkErrorLine(_ r: CLIResult, path: String?, contains: [String], fail: (String) -> Void) {
        var body = r.stderrText
        if body.hasSuffix("\n") { body.removeLast() }
        if body.isEmpty {
            fail("exit 1 with nothing on stderr")
            return
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).count
        if lines != 1 {
            fail("stderr must be one line, got \(lines): \(r.stderrText.prefix(600).debugDescription)")
        }
        if !body.hasPrefix("npybrowse: ") {
            fail("stderr does not start with 'npybrowse: ': \(body.prefix(300).debugDescription)")
        }
        if let p = path, !body.contains(p) {
            fail("stderr does not name the file \(p): \(body.prefix(300).debugDescription)")
        }
        for s in contains where !body.contains(s) {
            fail("stderr does not contain \(s.debugDescription): \(body.prefix(300).debugDescription)")
        }
    }

    static func parseJSON(_ r: CLIResult, fail: (String) -> Void) -> JSONText? {
        do {
            return try JSONTextParser.parse(r.stdout)
        } catch {
            let text = r.stdoutText
            fail("stdout is not JSON: \(error); stdout starts \(text.prefix(300).debugDescription)")
            return nil
        }
    }

    static func compareDump(expected: JSONText, actual: JSONText, kinds: JSONText, checkDtype: Bool,
                            fail: (String) -> Void) {
        guard let members = actual.objectValue else {
            fail("dump --json must print an object, got \(actual.text(limit: 200))")
            return
        }
        let keys = Set(members.map(\.key))
        if keys != ["dtype", "shape", "values"] {
            fail("dump --json keys must be dtype, shape, values; got \(members.map(\.key))")
        }
        var problems: [String] = []
        if checkDtype, let e = expected["dtype"], actual["dtype"] != e {
            problems.append("dtype: expected \(e.text()), got \(actual["dtype"]?.text() ?? "nothing")")
        }
        if let e = expected["shape"] {
            problems += Compare.info(expected: e, actual: actual["shape"] ?? .null).map { "shape " + $0 }
        }
        if let e = expected["values"], let a = actual["values"] {
            problems += Compare.values(expected: e, actual: a, kinds: kinds)
        }
        if !problems.isEmpty { fail("dump differs:\n  " + problems.joined(separator: "\n  ")) }
    }
}
