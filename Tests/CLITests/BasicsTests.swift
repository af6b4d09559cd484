import Testing

/// The binary's own options, outside the corpus tables.
@Suite("CLI basics")
struct BasicsTests {
    @Test func versionPrintsOneLineAndExits0() async throws {
        let r = try await CLI.run(["--version"])
        #expect(r.exitCode == 0, "\(r.summary)")
        let lines = r.stdoutText.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("npybrowse "), "\(r.stdoutText)")
    }
}
