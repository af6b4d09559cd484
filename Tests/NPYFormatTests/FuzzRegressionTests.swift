import Foundation
import Testing
import NPYFormat

/// Replays every input a fuzz target once failed on (Fuzz/run copies each crash into
/// Tests/Fixtures/fuzz-regressions as `TARGET-SHA`), through the same code the target runs, and
/// the fuzz seed corpus (Samples/) through all three. Returning at all is the assertion: a trap,
/// a signal or a hang fails the suite.
@Suite struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let samples = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")

    static func files(in dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" && !$0.hasSuffix(".py") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    static let regressions = files(in: fixtures.appendingPathComponent("fuzz-regressions"))

    @Test("regression inputs replay cleanly through their target", arguments: regressions)
    func replay(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let target = url.lastPathComponent.split(separator: "-").first.map(String.init) ?? ""
        switch target {
        case "header": Exercise.header(bytes)
        case "zip": Exercise.zip(bytes)
        case "open": Exercise.file(url.path)
        default: Issue.record("\(url.lastPathComponent): name it TARGET-ID with TARGET header, zip or open")
        }
    }

    @Test("the seed files pass through every target")
    func seeds() throws {
        let seeds = Self.files(in: Self.samples).filter { $0.pathExtension == "npy" || $0.pathExtension == "npz" }
        #expect(seeds.count >= 6)
        for url in seeds {
            let bytes = try [UInt8](Data(contentsOf: url))
            Exercise.header(bytes)
            Exercise.zip(bytes)
            Exercise.file(url.path)
            // A seed is a good file: it opens, and a .npz's directory reads.
            #expect((try? NPYContainer(path: url.path)) != nil, "\(url.lastPathComponent) does not open")
        }
    }
}
