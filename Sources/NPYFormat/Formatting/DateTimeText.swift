// datetime64 and timedelta64 text, following numpy 2.4's datetime.c
// (NpyDatetime_ConvertDatetime64ToDatetimeStruct, set_datetimestruct_days) and
// datetime_strings.c (NpyDatetime_MakeISO8601Datetime). numpy 2.4's int64 arithmetic
// silently wraps for values whose multiplier or epoch offset overflows; this code
// wraps the same way (&+, &-, &*) so that even those values print as numpy 2.4 prints
// them. (numpy's development branch has begun to raise OverflowError for the
// multiplier instead; there is no such error to raise here.)

/// A broken-down datetime, numpy's npy_datetimestruct.
struct DateTimeFields {
    var year: Int64 = 1970
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var microsecond = 0
    var picosecond = 0
    var attosecond = 0
}

enum DateTimeText {
    static let nat = Int64.min

    static func datetime(_ value: Int64, unit: DateTimeUnit, count: Int64) -> String {
        if value == nat { return "NaT" }
        if unit == .generic { return String(value) }
        let fields = DateTimeText.fields(value &* count, unit: unit)
        return iso8601(fields, unit: unit == .W ? .D : unit)
    }

    static func timedelta(_ value: Int64, unit: DateTimeUnit, count: Int64) -> String {
        if value == nat { return "NaT" }
        return String(value &* count) + " " + verboseName(unit)
    }

    /// The unit names of numpy's timedelta `str()`.
    static func verboseName(_ unit: DateTimeUnit) -> String {
        switch unit {
        case .Y: return "years"
        case .M: return "months"
        case .W: return "weeks"
        case .D: return "days"
        case .h: return "hours"
        case .m: return "minutes"
        case .s: return "seconds"
        case .ms: return "milliseconds"
        case .us: return "microseconds"
        case .ns: return "nanoseconds"
        case .ps: return "picoseconds"
        case .fs: return "femtoseconds"
        case .as: return "attoseconds"
        case .generic: return "generic time units"
        }
    }

    /// Python's divmod: returns the floor quotient and leaves the non-negative remainder in `d`.
    @inline(__always)
    static func extract(_ d: inout Int64, _ unit: Int64) -> Int64 {
        var quotient = d / unit
        var remainder = d % unit
        if remainder < 0 {
            remainder += unit
            quotient -= 1
        }
        d = remainder
        return quotient
    }

    /// numpy's NpyDatetime_ConvertDatetime64ToDatetimeStruct for a scaled, non-NaT value.
    static func fields(_ value: Int64, unit: DateTimeUnit) -> DateTimeFields {
        var out = DateTimeFields()
        var dt = value
        let k: Int64 = 1000
        switch unit {
        case .generic:
            break
        case .Y:
            out.year = 1970 &+ dt
        case .M:
            out.year = 1970 &+ extract(&dt, 12)
            out.month = Int(dt) + 1
        case .W:
            setDays(dt &* 7, &out)
        case .D:
            setDays(dt, &out)
        case .h:
            setDays(extract(&dt, 24), &out)
            out.hour = Int(dt)
        case .m:
            setDays(extract(&dt, 60 * 24), &out)
            out.hour = Int(extract(&dt, 60))
            out.minute = Int(dt)
        case .s:
            setDays(extract(&dt, 60 * 60 * 24), &out)
            out.hour = Int(extract(&dt, 60 * 60))
            out.minute = Int(extract(&dt, 60))
            out.second = Int(dt)
        case .ms:
            setDays(extract(&dt, k * 60 * 60 * 24), &out)
            out.hour = Int(extract(&dt, k * 60 * 60))
            out.minute = Int(extract(&dt, k * 60))
            out.second = Int(extract(&dt, k))
            out.microsecond = Int(dt * 1000)
        case .us:
            setDays(extract(&dt, k * k * 60 * 60 * 24), &out)
            out.hour = Int(extract(&dt, k * k * 60 * 60))
            out.minute = Int(extract(&dt, k * k * 60))
            out.second = Int(extract(&dt, k * k))
            out.microsecond = Int(dt)
        case .ns:
            setDays(extract(&dt, k * k * k * 60 * 60 * 24), &out)
            out.hour = Int(extract(&dt, k * k * k * 60 * 60))
            out.minute = Int(extract(&dt, k * k * k * 60))
            out.second = Int(extract(&dt, k * k * k))
            out.microsecond = Int(extract(&dt, k))
            out.picosecond = Int(dt * 1000)
        case .ps:
            setDays(extract(&dt, k * k * k * k * 60 * 60 * 24), &out)
            out.hour = Int(extract(&dt, k * k * k * k * 60 * 60))
            out.minute = Int(extract(&dt, k * k * k * k * 60))
            out.second = Int(extract(&dt, k * k * k * k))
            out.microsecond = Int(extract(&dt, k * k))
            out.picosecond = Int(dt)
        case .fs:
            // The whole int64 range is only +-2.6 hours.
            out.hour = Int(extract(&dt, k * k * k * k * k * 60 * 60))
            if out.hour < 0 {
                out.year = 1969
                out.month = 12
                out.day = 31
                out.hour += 24
            }
            out.minute = Int(extract(&dt, k * k * k * k * k * 60))
            out.second = Int(extract(&dt, k * k * k * k * k))
            out.microsecond = Int(extract(&dt, k * k * k))
            out.picosecond = Int(extract(&dt, k))
            out.attosecond = Int(dt * 1000)
        case .as:
            // The whole int64 range is only +-9.2 seconds.
            out.second = Int(extract(&dt, k * k * k * k * k * k))
            if out.second < 0 {
                out.year = 1969
                out.month = 12
                out.day = 31
                out.hour = 23
                out.minute = 59
                out.second += 60
            }
            out.microsecond = Int(extract(&dt, k * k * k * k))
            out.picosecond = Int(extract(&dt, k * k))
            out.attosecond = Int(dt)
        }
        return out
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// numpy's set_datetimestruct_days: year, month and day of a day count from 1970-01-01.
    static func setDays(_ days: Int64, _ out: inout DateTimeFields) {
        var d = days
        out.year = yearAndDayOfYear(&d)
        let leap = isLeapYear(out.year)
        for month in 1...12 {
            let length: Int64 = month == 2 ? (leap ? 29 : 28)
                : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31
            if d < length {
                out.month = month
                out.day = Int(d) + 1
                return
            }
            d -= length
        }
    }

    /// numpy's days_to_yearsdays: returns the year and leaves the day within it in `days`.
    static func yearAndDayOfYear(_ days: inout Int64) -> Int64 {
        let daysPer400Years: Int64 = 400 * 365 + 100 - 4 + 1
        // Relative to 2000-01-01, which starts a 400-year cycle.
        var d = days &- (365 * 30 + 7)
        var year = 400 &* extract(&d, daysPer400Years)
        if d >= 366 {
            year &+= 100 * ((d - 1) / (100 * 365 + 25 - 1))
            d = (d - 1) % (100 * 365 + 25 - 1)
            if d >= 365 {
                year &+= 4 * ((d + 1) / (4 * 365 + 1))
                d = (d + 1) % (4 * 365 + 1)
                if d >= 366 {
                    year &+= (d - 1) / 365
                    d = (d - 1) % 365
                }
            }
        }
        days = d
        return year &+ 2000
    }

    /// numpy's NpyDatetime_MakeISO8601Datetime without time zone, cut at `unit`.
    static func iso8601(_ f: DateTimeFields, unit: DateTimeUnit) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            var p = 0
            func two(_ separator: UInt8, _ v: Int) {
                out[p] = separator
                out[p + 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (v / 10) % 10)
                out[p + 2] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                p += 3
            }
            func three(_ v: Int) {
                out[p] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (v / 100) % 10)
                out[p + 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (v / 10) % 10)
                out[p + 2] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                p += 3
            }
            // Year as printf("%04lld"): zero-padded to four characters, sign included.
            var magnitude = f.year.magnitude
            var digits = 1
            var scale: UInt64 = 1
            while magnitude / scale >= 10 {
                scale *= 10
                digits += 1
            }
            if f.year < 0 {
                out[p] = UInt8(ascii: "-")
                p += 1
                digits += 1
            }
            while digits < 4 {
                out[p] = UInt8(ascii: "0")
                p += 1
                digits += 1
            }
            while scale > 0 {
                out[p] = UInt8(ascii: "0") + UInt8(magnitude / scale)
                p += 1
                magnitude %= scale
                scale /= 10
            }
            if unit == .Y { return p }
            two(UInt8(ascii: "-"), f.month)
            if unit == .M { return p }
            two(UInt8(ascii: "-"), f.day)
            if unit == .D { return p }
            two(UInt8(ascii: "T"), f.hour)
            if unit == .h { return p }
            two(UInt8(ascii: ":"), f.minute)
            if unit == .m { return p }
            two(UInt8(ascii: ":"), f.second)
            if unit == .s { return p }
            out[p] = UInt8(ascii: ".")
            p += 1
            three(f.microsecond / 1000)
            if unit == .ms { return p }
            three(f.microsecond)
            if unit == .us { return p }
            three(f.picosecond / 1000)
            if unit == .ns { return p }
            three(f.picosecond)
            if unit == .ps { return p }
            three(f.attosecond / 1000)
            if unit == .fs { return p }
            three(f.attosecond)
            return p
        }
    }
}
