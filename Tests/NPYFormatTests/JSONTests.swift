import Foundation
import Testing
@testable import NPYFormat

/// JSON string literals: whatever the string, a JSON parser reads back exactly that string.
@Suite struct JSONTests {
    static let strings = ["plain", "q\"\u{301}x", "a\\b", "cr\r\nlf", "tab\tend", "\u{0}\u{1f}\u{7f}", "é€😀\n", "\"", "",
                          "\u{301}\"", "\\\u{301}", "{'descr': '<f8', 'shape': (3,), }    \n", "x\r", "\n\n"]

    @Test(arguments: strings)
    func stringsRoundTripThroughAJSONParser(_ s: String) throws {
        var out = ""
        JSONValue.writeString(s, to: &out)
        let back = try JSONSerialization.jsonObject(with: Data(("[" + out + "]").utf8)) as? [String]
        #expect(back?.first?.unicodeScalars.elementsEqual(s.unicodeScalars) == true, "\(out)")
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 }, "raw control characters in \(out)")
    }
}
