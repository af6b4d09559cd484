import Foundation
import Testing

/// Where generated fixtures live: <package root>/Tests/Fixtures/generated.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/generated")

    /// Loads a generated JSON file, failing with instructions when it is missing.
    static func json(_ relative: String, generator: String) throws -> Any {
        let url = root.appendingPathComponent(relative)
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("missing fixture \(url.path): run `python3 Tests/Fixtures/\(generator) Tests/Fixtures/generated` (Scripts/test does)")
            throw FixtureMissing()
        }
        return try JSONSerialization.jsonObject(with: data)
    }

    struct FixtureMissing: Error {}
}
