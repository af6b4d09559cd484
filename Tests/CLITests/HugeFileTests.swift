import Foundation
import Testing

/// Files over 4 GiB (sparse, written by Tests/Fixtures/gen_huge.py): a 4 GiB + 8 MiB `.npy`, and a
/// zip64 archive whose stored member is that big and whose second member starts past 4 GiB.
/// Every expected fact is zipfile's or numpy's, from huge/expected.json.
@Suite("files over 4 GiB")
struct HugeFileTests {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/generated/huge").path

    static func expected() throws -> JSONText {
        guard let data = FileManager.default.contents(atPath: root + "/expected.json") else {
            Issue.record("missing \(root)/expected.json: run `python3 Tests/Fixtures/gen_huge.py \(root)` (Scripts/test does)")
            throw CLIError(description: "missing huge/expected.json")
        }
        return try JSONTextParser.parse(String(decoding: data, as: UTF8.self))
    }

    static func run(_ args: [String]) async throws -> JSONText {
        let r = try await CLI.run(args, timeout: 120)
        #expect(r.exitCode == 0, "\(args): \(r.summary)")
        return try JSONTextParser.parse(r.stdoutText)
    }

    static func numbers(_ v: JSONText?) -> [Double] {
        (v?.arrayValue ?? []).compactMap { if case .number(let t) = $0 { return Double(t) } else { return nil } }
    }

    @Test func npyOver4GiB() async throws {
        let e = try Self.expected()["npy"]
        let path = Self.root + "/" + (e?["file"]?.stringValue ?? "")
        let info = try await Self.run(["info", "--json", path])
        #expect(info["file_size"] == e?["file_size"])
        let npy = info["members"]?.arrayValue?.first?["npy"]
        #expect(npy?["shape"] == e?["shape"])
        #expect(npy?["data_offset"] == e?["data_offset"])
        #expect(Self.numbers(try await Self.run(["dump", "--json", path, "--slice", "[-3:]"])["values"]) == Self.numbers(e?["last"]))
        #expect(Self.numbers(try await Self.run(["dump", "--json", path, "--slice", "[:3]"])["values"]) == Self.numbers(e?["first"]))
    }

    @Test func zip64ArchiveOver4GiB() async throws {
        let e = try Self.expected()["npz"]
        let path = Self.root + "/" + (e?["file"]?.stringValue ?? "")
        let info = try await Self.run(["info", "--json", path])
        #expect(info["file_size"] == e?["file_size"])
        let members = info["members"]?.arrayValue ?? []
        let want = e?["members"]?.arrayValue ?? []
        #expect(members.count == want.count)
        for (m, w) in zip(members, want) {
            for key in ["name", "method", "compressed_size", "uncompressed_size", "crc32", "local_header_offset", "data_offset"] {
                #expect(m[key] == w[key], "\(w["name"]?.stringValue ?? "?") \(key)")
            }
        }
        #expect(info["zip"]?["zip64"] == .bool(true))
        let big = try await Self.run(["dump", "--json", path, "-m", "big", "--slice", "[-3:]"])
        #expect(big["shape"] == .array([.number("3")]))
        #expect(Self.numbers(big["values"]) == Self.numbers(e?["big_last"]))
        #expect(Self.numbers(try await Self.run(["dump", "--json", path, "-m", "big", "--slice", "[:3]"])["values"]) == Self.numbers(e?["big_first"]))
        // The deflated member past 4 GiB, whole.
        let small = try await Self.run(["dump", "--json", path, "-m", "small"])
        #expect(small["shape"] == e?["small_shape"])
        #expect(small["values"] == e?["small_values"])
        // The listing names both, and verify checks the CRC of every byte of both.
        let ls = try await CLI.run(["ls", path], timeout: 60)
        #expect(ls.exitCode == 0 && ls.stdoutText.contains("big.npy") && ls.stdoutText.contains("small.npy"), "\(ls.summary)")
        let verify = try await CLI.run(["verify", path], timeout: 300)
        #expect(verify.exitCode == 0, "\(verify.summary) \(verify.stdoutText)")
    }
}
