/// Which axes of an array are rows and columns, where the cursor is, and the scroll position.
///
/// The cursor is always a full multi-index, so choosing other axes for rows and columns only
/// reinterprets it: the axes not displayed keep their index, and `[`/`]` step one of them.
/// Structured arrays always show their fields as columns and one axis as rows.
public struct GridState: Equatable, Sendable {
    /// The array's shape.
    public let shape: [Int]
    /// Number of flattened fields; 0 when not structured.
    public let fieldCount: Int
    /// The axis shown as rows; nil for a 0-d array.
    public private(set) var rowAxis: Int?
    /// The axis shown as columns; nil when columns are fields or there is one value column.
    public private(set) var colAxis: Int?
    /// The non-displayed axis that `[` and `]` step; nil when every axis is displayed.
    public private(set) var stepAxis: Int?
    /// The full index of the current element.
    public private(set) var cursor: [Int]
    /// The current field (structured arrays).
    public private(set) var field: Int = 0
    /// First row on screen.
    public var topRow: Int = 0
    /// First column on screen.
    public var leftCol: Int = 0

    /// Starts at the first element: 1-D as one column, N-D with the last two axes as rows and
    /// columns, structured with the last axis as rows.
    public init(shape: [Int], fieldCount: Int = 0) {
        self.shape = shape
        self.fieldCount = fieldCount
        self.cursor = Array(repeating: 0, count: shape.count)
        let n = shape.count
        if n == 0 {
            rowAxis = nil
            colAxis = nil
        } else if fieldCount > 0 || n == 1 {
            rowAxis = n - 1
            colAxis = nil
        } else {
            rowAxis = n - 2
            colAxis = n - 1
        }
        stepAxis = fixedAxes.last
    }

    /// True for structured arrays (fields as columns).
    public var isStructured: Bool { fieldCount > 0 }
    /// True when the array has no element (a zero in the shape).
    public var isEmpty: Bool { shape.contains(0) }
    /// Rows of the shown plane.
    public var rowCount: Int { rowAxis.map { shape[$0] } ?? 1 }
    /// Columns of the shown plane.
    public var colCount: Int { isStructured ? fieldCount : (colAxis.map { shape[$0] } ?? 1) }
    /// Axes neither rows nor columns, in order.
    public var fixedAxes: [Int] {
        (0..<shape.count).filter { $0 != rowAxis && $0 != colAxis }
    }

    /// The current row.
    public var row: Int { rowAxis.map { cursor[$0] } ?? 0 }
    /// The current column.
    public var col: Int { isStructured ? field : (colAxis.map { cursor[$0] } ?? 0) }

    /// The element index and field shown at (`row`, `col`) of the plane.
    public func element(row: Int, col: Int) -> (index: [Int], field: Int?) {
        var idx = cursor
        if let r = rowAxis { idx[r] = row }
        if let c = colAxis { idx[c] = col }
        return (idx, isStructured ? col : nil)
    }

    // MARK: Moving

    /// Moves the cursor to `row` (clamped) and scrolls the least to keep it on screen.
    public mutating func setRow(_ row: Int, visibleRows: Int) {
        guard let r = rowAxis, !isEmpty else { return }
        cursor[r] = clamp(row, 0, rowCount - 1)
        scrollToCursor(visibleRows: visibleRows)
    }

    /// Moves the cursor to `col` (clamped); the layout scrolls columns.
    public mutating func setCol(_ col: Int) {
        guard !isEmpty else { return }
        let c = clamp(col, 0, colCount - 1)
        if isStructured {
            field = c
        } else if let a = colAxis {
            cursor[a] = c
        }
    }

    /// Moves the cursor `delta` rows.
    public mutating func moveRows(_ delta: Int, visibleRows: Int) {
        setRow(row.addingClamped(delta), visibleRows: visibleRows)
    }

    /// Scrolls a page down like `less`: the view and the cursor move by one screen.
    public mutating func pageDown(visibleRows: Int) {
        let page = max(1, visibleRows)
        let maxTop = max(0, rowCount - page)
        topRow = min(maxTop, topRow.addingClamped(page))
        setRow(row.addingClamped(page), visibleRows: page)
    }

    /// Scrolls a page up.
    public mutating func pageUp(visibleRows: Int) {
        let page = max(1, visibleRows)
        topRow = max(0, topRow - page)
        setRow(row - page, visibleRows: page)
    }

    /// Keeps `topRow` so that the cursor row is on screen and no rows are wasted at the end.
    public mutating func scrollToCursor(visibleRows: Int) {
        let page = max(1, visibleRows)
        if row < topRow { topRow = row }
        if row >= topRow + page { topRow = row - page + 1 }
        topRow = clamp(topRow, 0, max(0, rowCount - page))
    }

    /// Sets the leading components of the cursor (already resolved against the shape); when the
    /// new row is off screen it becomes the top row.
    public mutating func jump(to components: [Int], visibleRows: Int) {
        for (axis, v) in components.enumerated() where axis < cursor.count {
            cursor[axis] = v
        }
        let page = max(1, visibleRows)
        if row < topRow || row >= topRow + page {
            topRow = clamp(row, 0, max(0, rowCount - page))
        }
    }

    /// Moves to (`row`, `col`) of the shown plane, scrolling as little as needed.
    public mutating func moveTo(row: Int, col: Int, visibleRows: Int) {
        setCol(col)
        setRow(row, visibleRows: visibleRows)
    }

    // MARK: Axes

    /// Steps the stepped axis by `delta`; returns false at either end.
    public mutating func stepAxisIndex(by delta: Int) -> Bool {
        guard let a = stepAxis, !isEmpty else { return false }
        let v = cursor[a] + delta
        guard v >= 0, v < shape[a] else { return false }
        cursor[a] = v
        return true
    }

    /// Makes the next non-displayed axis the stepped one; false when there is at most one.
    public mutating func cycleStepAxis() -> Bool {
        let fixed = fixedAxes
        guard fixed.count > 1, let a = stepAxis, let i = fixed.firstIndex(of: a) else { return false }
        stepAxis = fixed[(i + 1) % fixed.count]
        return true
    }

    /// Shows the next axis (skipping the column axis) as rows; false when there is no other.
    public mutating func cycleRowAxis(visibleRows: Int) -> Bool {
        guard let r = rowAxis else { return false }
        let candidates = (0..<shape.count).filter { $0 != colAxis }
        guard candidates.count > 1, let i = candidates.firstIndex(of: r) else { return false }
        rowAxis = candidates[(i + 1) % candidates.count]
        axesChanged(visibleRows: visibleRows)
        return true
    }

    /// Shows the next axis (skipping the row axis) as columns; false when there is no other.
    public mutating func cycleColAxis(visibleRows: Int) -> Bool {
        guard let c = colAxis else { return false }
        let candidates = (0..<shape.count).filter { $0 != rowAxis }
        guard candidates.count > 1, let i = candidates.firstIndex(of: c) else { return false }
        colAxis = candidates[(i + 1) % candidates.count]
        axesChanged(visibleRows: visibleRows)
        return true
    }

    /// Swaps the row and column axes; false when there are not two displayed axes.
    public mutating func transpose(visibleRows: Int) -> Bool {
        guard let r = rowAxis, let c = colAxis else { return false }
        rowAxis = c
        colAxis = r
        axesChanged(visibleRows: visibleRows)
        return true
    }

    private mutating func axesChanged(visibleRows: Int) {
        let fixed = fixedAxes
        if stepAxis == nil || !fixed.contains(stepAxis!) { stepAxis = fixed.last }
        topRow = 0
        leftCol = 0
        scrollToCursor(visibleRows: visibleRows)
    }

    /// A copy for a reloaded array: keeps axes and cursor when the shape and fields are the same.
    public func carried(toShape newShape: [Int], fieldCount newFields: Int) -> GridState {
        if newShape == shape && newFields == fieldCount { return self }
        return GridState(shape: newShape, fieldCount: newFields)
    }
}

func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int {
    hi < lo ? lo : min(max(v, lo), hi)
}

extension Int {
    /// `self + delta`, saturating at the bounds of `Int`.
    func addingClamped(_ delta: Int) -> Int {
        let (r, o) = addingReportingOverflow(delta)
        return o ? (delta > 0 ? Int.max : Int.min) : r
    }
}
