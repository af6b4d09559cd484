import NPYBrowseUI

/// A member of a mock document: its list row, its details, and how to open it.
struct MockMember {
    var summary: MemberSummary
    var details: MemberDetails
    var open: () throws -> any ArrayDataSource
}

struct MockError: Error, CustomStringConvertible {
    var description: String
}

/// A document made in memory; records which rows the browser asked for.
final class MockDocument: BrowserDocument {
    let path: String
    let isArchive: Bool
    var error: String?
    var memberCount: Int
    var makeMember: (Int) -> MockMember
    var requestedRows: [Int] = []
    var changed = false
    var reopenCount = 0
    var reopened: (() throws -> MockDocument)?

    init(path: String, isArchive: Bool = true, members: [MockMember]) {
        self.path = path
        self.isArchive = isArchive
        self.memberCount = members.count
        self.makeMember = { members[$0] }
    }

    init(path: String, count: Int, make: @escaping (Int) -> MockMember) {
        self.path = path
        self.isArchive = true
        self.memberCount = count
        self.makeMember = make
    }

    func member(at index: Int) -> MemberSummary {
        requestedRows.append(index)
        return makeMember(index).summary
    }

    func details(of index: Int) -> MemberDetails { makeMember(index).details }
    func openArray(_ index: Int) throws -> any ArrayDataSource { try makeMember(index).open() }
    func hasChangedOnDisk() -> Bool { changed }
    func reopen() throws -> any BrowserDocument {
        reopenCount += 1
        return try reopened?() ?? self
    }
}

/// An array whose element texts are computed from the index.
final class MockArray: ArrayDataSource {
    let shape: [Int]
    let dtype: String
    let itemSize: Int
    let fields: [FieldColumn]
    let isFortranOrder: Bool
    let explanation: String?
    /// The NPY header bytes (magic through padding); data bytes are computed.
    let headerBytes: [UInt8]
    let dataOffset: UInt64
    let streamFileOffset: UInt64?
    var value: ([Int], Int?) throws -> String
    var requested: [[Int]] = []
    /// Preparation: `steps` slices of `stepBytes` each.
    var preparationSteps: Int
    var preparedSteps = 0
    var cancelled = false
    var readsDuringPreparation = false

    init(shape: [Int], dtype: String = "<f8", itemSize: Int = 8, fields: [FieldColumn] = [], fortran: Bool = false,
         explanation: String? = nil, dataOffset: UInt64 = 128, streamFileOffset: UInt64? = 0, preparationSteps: Int = 0,
         value: (([Int], Int?) throws -> String)? = nil) {
        self.shape = shape
        self.dtype = dtype
        self.itemSize = itemSize
        self.fields = fields
        self.isFortranOrder = fortran
        self.explanation = explanation
        self.dataOffset = dataOffset
        self.streamFileOffset = streamFileOffset
        self.preparationSteps = preparationSteps
        self.value = value ?? { idx, _ in idx.isEmpty ? "42.0" : idx.map(String.init).joined(separator: ".") }
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8((Int(dataOffset) - 10) & 0xFF), 0]
        let header = "{'descr': '\(dtype)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText(shape)), }"
        bytes += Array(header.utf8)
        precondition(bytes.count < Int(dataOffset), "header does not fit before dataOffset")
        while bytes.count < Int(dataOffset) - 1 { bytes.append(0x20) }
        bytes.append(0x0A)
        self.headerBytes = bytes
    }

    var streamSize: UInt64 { dataOffset + dataBytes }

    /// itemsize × element count (0 for a zero itemsize, however large the shape).
    var dataBytes: UInt64 {
        itemSize == 0 ? 0 : UInt64(shape.reduce(1, *) * itemSize)
    }

    var preparation: PreparationStatus {
        preparedSteps >= preparationSteps || cancelled ? .ready
            : .working(label: "indexing", done: UInt64(preparedSteps) * 1024, total: UInt64(preparationSteps) * 1024)
    }

    func prepare(for budget: Duration) throws -> PreparationStatus {
        preparedSteps += 1
        return preparation
    }

    func cancelPreparation() { cancelled = true }

    func text(at index: [Int], field: Int?) throws -> String {
        precondition(index.count == shape.count)
        for (i, v) in index.enumerated() { precondition(v >= 0 && v < shape[i], "index out of range \(index)") }
        requested.append(index)
        return try value(index, field)
    }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard offset < streamSize else { return [] }
        let end = min(streamSize, offset + UInt64(count))
        // Header bytes, then data bytes counting 0, 1, 2, ... (mod 256) from the data offset.
        return (offset..<end).map { $0 < dataOffset ? headerBytes[Int($0)] : UInt8(($0 - dataOffset) & 0xFF) }
    }
}

/// A member holding `array`, with details derived from it.
func arrayMember(_ name: String, _ array: @escaping () -> MockArray, method: String? = "stored",
                 compressed: UInt64? = nil) -> MockMember {
    let a = array()
    let size = a.streamSize
    let summary = MemberSummary(name: name, dtype: a.dtype, shape: a.shape, method: method,
                                compressedSize: method == nil ? nil : (compressed ?? size), uncompressedSize: size)
    let details = MemberDetails(
        name: name, method: method, compressedSize: summary.compressedSize, uncompressedSize: size,
        crc32: method == nil ? nil : 0xDEADBEEF, localHeaderOffset: method == nil ? nil : 0,
        memberDataOffset: method == nil ? 0 : 40, version: NPYVersion(major: 1, minor: 0),
        headerLength: Int(a.dataOffset) - 10,
        headerText: String(decoding: a.headerBytes[10...], as: UTF8.self),
        dtype: a.dtype, descr: "'\(a.dtype)'", itemSize: a.itemSize, shape: a.shape, isFortranOrder: a.isFortranOrder,
        arrayDataOffset: a.dataOffset, absoluteDataOffset: method == "stored" ? 40 + a.dataOffset : (method == nil ? a.dataOffset : nil),
        dataByteCount: a.dataBytes,
        memmapLine: method == "stored" || method == nil
            ? MemberDetails.memmapLine(path: "data.npz", descr: "'\(a.dtype)'", offset: (method == nil ? 0 : 40) + a.dataOffset,
                                       shape: a.shape, isFortranOrder: a.isFortranOrder) : nil)
    return MockMember(summary: summary, details: details, open: { array() })
}

/// Renders `browser` into a fresh screen and returns its lines.
func render(_ browser: Browser, width: Int = 60, height: Int = 12, ascii: Bool = false) -> [String] {
    var screen = Screen(width: width, height: height, asciiOnly: ascii)
    _ = browser.update(.resize(width: width, height: height))
    browser.render(into: &screen)
    return screen.lines()
}

/// Sends keys, rendering after each (as the run loop does), and returns the effects of the last.
@discardableResult
func press(_ browser: Browser, _ keys: [Key], width: Int = 60, height: Int = 12) -> [Effect] {
    var effects: [Effect] = []
    _ = browser.update(.resize(width: width, height: height))
    for k in keys {
        effects = browser.update(.key(k))
        _ = render(browser, width: width, height: height)
    }
    return effects
}

/// Keys for typing `text`.
func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

func dump(_ lines: [String]) -> String {
    lines.map { "|" + $0 }.joined(separator: "\n")
}
