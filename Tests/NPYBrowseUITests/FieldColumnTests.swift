import Testing
import NPYFormat
@testable import NPYBrowseUI

/// Structured dtypes become grid columns: nested fields dotted, small subarrays one column per
/// element, larger ones compact; offsets inside the record and numpy indexing for the status line.
@Suite struct FieldColumnTests {
    func columns(_ descr: String) throws -> [FieldColumn] {
        let d = try DType.fromDescr(PyLiteralParser.parse(descr, base: 0, inflated: false, utf8Offsets: false))
        return flattenFields(d).map(\.0)
    }

    @Test func nestedAndSubarrayFields() throws {
        // np.dtype([('id','<u4'),('pos',[('x','<f4'),('y','<f4')]),('m','<f4',(2,2)),('big','<i2',(17,))]);
        // offsets 0, 4, 8, 12, 28 (itemsize 62).
        let c = try columns("[('id', '<u4'), ('pos', [('x', '<f4'), ('y', '<f4')]), ('m', '<f4', (2, 2)), ('big', '<i2', (17,))]")
        #expect(c.map(\.name) == ["id", "pos.x", "pos.y", "m[0, 0]", "m[0, 1]", "m[1, 0]", "m[1, 1]", "big"])
        #expect(c.map(\.byteOffset) == [0, 4, 8, 12, 16, 20, 24, 28])
        #expect(c.map(\.byteCount) == [4, 4, 4, 4, 4, 4, 4, 34])
        #expect(c.map(\.indexing) == ["['id']", "['pos']['x']", "['pos']['y']", "['m'][0, 0]", "['m'][0, 1]",
                                      "['m'][1, 0]", "['m'][1, 1]", "['big']"])
        #expect(c.last?.subarrayShape == [17])
    }

    @Test func subarraysOfRecordsStayCompact() throws {
        let c = try columns("[('r', [('a', '<i4'), ('b', '<i4')], (2,))]")
        #expect(c.map(\.name) == ["r"])
        #expect(c[0].subarrayShape == [2] && c[0].byteCount == 16)
    }
}
