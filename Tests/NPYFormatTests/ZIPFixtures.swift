import Foundation
import NPYFormat
import Testing

/// The archives written by Tests/Fixtures/gen_zip_cases.py and what Python's zipfile says of them.
enum ZIPFixtures {
    /// Tests/Fixtures/generated/zip, found from this file's path (the package root is three levels up).
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/generated/zip")

    static let missingMessage = "ZIP fixtures are missing: run python3 Tests/Fixtures/gen_zip_cases.py Tests/Fixtures/generated/zip"

    /// The path of fixture `name`.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            throw ZIPFixtureError.missing("\(name): \(missingMessage)")
        }
        return [UInt8](data)
    }

    /// Decodes expected.json (throws with a clear message when it is missing).
    static func load() throws -> [ExpectedArchive] {
        guard let data = FileManager.default.contents(atPath: path("expected.json")) else {
            throw ZIPFixtureError.missing(missingMessage)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ExpectedFile.self, from: data).archives
    }

    /// Every fixture's expectations, or none when the fixtures are missing (`fixturesExist` then fails).
    static func archives() -> [ExpectedArchive] { (try? load()) ?? [] }

    /// The expectations for fixture `file`.
    static func archive(_ file: String) throws -> ExpectedArchive {
        guard let a = try load().first(where: { $0.file == file }) else {
            throw ZIPFixtureError.missing("\(file) is not in expected.json: \(missingMessage)")
        }
        return a
    }
}

enum ZIPFixtureError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self { case .missing(let s): return s }
    }
}

struct ExpectedFile: Decodable {
    var archives: [ExpectedArchive]
}

/// One archive as Python's zipfile reads it.
struct ExpectedArchive: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var size: UInt64
    var comment: String
    var commentHex: String
    var entryCount: UInt64
    var cdOffset: UInt64
    var cdSize: UInt64
    var zip64: Bool
    var baseOffset: UInt64
    var endRecordOffset: UInt64
    /// Substrings of the structural problems the archive was built to have.
    var problems: [String]
    var entries: [ExpectedEntry]

    var testDescription: String { file }
}

/// One central directory record as Python's zipfile reads it.
struct ExpectedEntry: Decodable, Sendable {
    var index: Int
    var name: String
    var rawNameHex: String
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var headerOffset: UInt64
    var centralHeaderOffset: UInt64
    var dataOffset: UInt64
    var comment: String
    var versionMadeBy: UInt16
    var versionNeeded: UInt16
    var externalAttributes: UInt32
    var internalAttributes: UInt16
    var modTime: UInt16
    var modDate: UInt16
    var isDir: Bool
    var extraLength: Int
    var localNameLength: Int
    var localExtraLength: Int
}

/// expected_100k.json: the big archive's summary and its entries as columns.
struct Expected100k: Decodable {
    struct Summary: Decodable {
        var size: UInt64
        var entryCount: UInt64
        var cdOffset: UInt64
        var cdSize: UInt64
        var zip64: Bool
        var endRecordOffset: UInt64
    }
    struct Columns: Decodable {
        var name: [String]
        var crc: [UInt32]
        var compressedSize: [UInt64]
        var uncompressedSize: [UInt64]
        var headerOffset: [UInt64]
        var dataOffset: [UInt64]
    }
    var archive: Summary
    var columns: Columns

    static func load() throws -> Expected100k {
        guard let data = FileManager.default.contents(atPath: ZIPFixtures.path("expected_100k.json")) else {
            throw ZIPFixtureError.missing(ZIPFixtures.missingMessage)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Expected100k.self, from: data)
    }
}

// MARK: - Byte surgery for corrupt cases

extension Array where Element == UInt8 {
    /// A copy with `value` written little-endian over `width` bytes at `offset`.
    func setting(_ offset: UInt64, _ value: UInt64, width: Int) -> [UInt8] {
        var copy = self
        for k in 0..<width { copy[Int(offset) + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        return copy
    }

    /// Reads a little-endian value of `width` bytes at `offset`.
    func reading(_ offset: UInt64, width: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<width { v |= UInt64(self[Int(offset) + k]) << (8 * UInt64(k)) }
        return v
    }

    /// Parses a hex string ("0a1b") into bytes.
    init(hex: String) {
        var out: [UInt8] = []
        var chars = hex.makeIterator()
        while let a = chars.next(), let b = chars.next() {
            out.append(UInt8(String([a, b]), radix: 16) ?? 0)
        }
        self = out
    }
}

/// Opens `bytes` as an archive; the error, if any, must be a `FormatError`.
func openArchive(_ bytes: [UInt8]) throws -> ZIPArchive {
    try ZIPArchive(source: MemorySource(bytes))
}

/// Expects opening `bytes` to throw a `FormatError` at a file offset whose message contains `part`.
func expectFormatError(_ bytes: [UInt8], containing part: String, _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let archive = try openArchive(bytes)
        Issue.record("\(what): expected a FormatError containing '\(part)', but the archive opened with \(archive.entries.count) entries",
                     sourceLocation: sourceLocation)
    } catch let error as FormatError {
        #expect(part.isEmpty || error.message.contains(part), "\(what): \(error)", sourceLocation: sourceLocation)
        #expect(error.message.hasPrefix("expected"), "\(what): \(error)", sourceLocation: sourceLocation)
        if case .file(let n) = error.location {
            #expect(n <= UInt64(bytes.count), "\(what): location \(n) outside the file", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(what): expected a file location, found \(error.location)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("\(what): expected a FormatError, found \(error)", sourceLocation: sourceLocation)
    }
}
