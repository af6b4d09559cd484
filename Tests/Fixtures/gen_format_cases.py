#!/usr/bin/env python3
"""Writes the expected scalar texts for Tests/NPYFormatTests/FormattingTests.swift.

Usage: python3 Tests/Fixtures/gen_format_cases.py Tests/Fixtures/generated/format

Every expected string comes from numpy (checked with numpy 2.4):
  floats.json     per type (f2, f4, f8, f10 = x87 80-bit longdouble): raw bits as hex,
                  numpy's str() of the scalar, and the JSON text (shortest round-trip
                  digits in the element's own type, laid out like Python's float repr).
  complex.json    per type (c8, c16, c20): bits of both parts and numpy's str().
  datetime.json   unit, count, value and np.datetime_as_string of a datetime64[count unit].
  timedelta.json  unit, count, value and str() of a timedelta64[count unit] scalar.
"""
import json
import math
import os
import sys
import warnings

import numpy as np

if np.finfo(np.longdouble).nmant != 63:
    sys.exit("this generator needs numpy's longdouble to be the x87 80-bit format")

RNG = np.random.default_rng(20240601)


# ---------------------------------------------------------------- helpers

def bits_hex(value, kind):
    """Raw bits of a scalar: f2/f4/f8 as one integer; f10 as 4 hex digits of
    sign+exponent followed by 16 of significand (integer bit included)."""
    if kind == 'f10':
        raw = np.array([value], dtype=np.longdouble).view(np.uint8)[:10].tobytes()
        lo = int.from_bytes(raw[:8], 'little')
        hi = int.from_bytes(raw[8:10], 'little')
        return '%04x%016x' % (hi, lo)
    utype, width = {'f2': (np.uint16, 4), 'f4': (np.uint32, 8), 'f8': (np.uint64, 16)}[kind]
    return '%0*x' % (width, int(np.array([value]).view(utype)[0]))


def longdouble_from_fields(hi, lo):
    buf = np.zeros(16, dtype=np.uint8)
    buf[:8] = np.frombuffer(lo.to_bytes(8, 'little'), dtype=np.uint8)
    buf[8:10] = np.frombuffer(hi.to_bytes(2, 'little'), dtype=np.uint8)
    return buf.view(np.longdouble)[0]


def shortest_digits(value):
    """numpy's shortest round-trip digits of a finite nonzero scalar in its own type."""
    text = np.format_float_scientific(value, unique=True, trim='-')
    mantissa, exponent = text.split('e')
    return mantissa.lstrip('-').replace('.', ''), int(exponent)


def repr_layout(negative, digits, exp10):
    """Python's float repr layout (positional for -4 <= exp10 < 16) of given digits."""
    sign = '-' if negative else ''
    if -4 <= exp10 < 16:
        if exp10 >= 0:
            whole = digits[:exp10 + 1].ljust(exp10 + 1, '0')
            frac = digits[exp10 + 1:] or '0'
        else:
            whole, frac = '0', '0' * (-exp10 - 1) + digits
        return sign + whole + '.' + frac
    mant = digits[0] + ('.' + digits[1:] if len(digits) > 1 else '')
    return '%s%se%s%02d' % (sign, mant, '-' if exp10 < 0 else '+', abs(exp10))


def json_text(value, kind):
    if np.isnan(value):
        return '"nan"'
    if np.isinf(value):
        return '"-inf"' if value < 0 else '"inf"'
    negative = bool(np.signbit(value))
    if value == 0:
        return '-0.0' if negative else '0.0'
    if kind == 'f8':
        return repr(float(value))
    digits, exp10 = shortest_digits(value)
    return repr_layout(negative, digits, exp10)


# ---------------------------------------------------------------- floats

FLOAT_KINDS = {
    # kind: numpy type, unsigned type, mantissa bits, exponent bits, threshold of str()
    'f2': (np.float16, np.uint16, 10, 5),
    'f4': (np.float32, np.uint32, 23, 8),
    'f8': (np.float64, np.uint64, 52, 11),
}


def ieee_values(kind):
    ftype, utype, mbits, ebits = FLOAT_KINDS[kind]
    emax = (1 << ebits) - 1
    patterns = set()
    if kind == 'f2':
        patterns.update(range(1 << 16))  # every float16
    else:
        for e in range(emax + 1):
            for m in (0, 1, 2, 3, 5, (1 << mbits) - 1, (1 << mbits) - 2, 1 << (mbits - 1)):
                patterns.add((e << mbits) | m)
            for m in RNG.integers(0, 1 << mbits, 3, dtype=np.uint64):
                patterns.add((e << mbits) | int(m))
        count = 20000 if kind == 'f8' else 15000
        patterns.update(int(x) for x in RNG.integers(0, 1 << (mbits + ebits), count, dtype=np.uint64))
    sign = 1 << (mbits + ebits)
    patterns.update([p | sign for i, p in enumerate(sorted(patterns)) if i % 3 == 0])
    values = list(np.array(sorted(patterns), dtype=utype).view(ftype))
    if kind != 'f2':
        with np.errstate(all='ignore'):
            values += special_values(ftype)
    return values


def special_values(ftype):
    """Decimal-looking values, powers of ten around every threshold, random decimals."""
    out = []
    fi = np.finfo(ftype)
    texts = ['0.1', '0.2', '0.3', '1e-5', '1.5e-05', '123456789.0', '3.141592653589793',
             '2.718281828459045', '100.0', '1e3', '1024', '65504', '65520', '16777216',
             '16777217', '9007199254740993', '1e22', '1e23', '5e-324', '1e-45']
    for t in texts:
        out.append(ftype(t))
    out += [ftype(1) / ftype(3), ftype(2) / ftype(3), fi.max, fi.tiny, fi.smallest_subnormal,
            fi.eps, -fi.max, ftype('inf'), ftype('-inf'), ftype('nan'), -ftype('nan'),
            ftype(0), -ftype(0)]
    for p in range(-10, 25):
        v = ftype('1e%d' % p)
        out += [v, np.nextafter(v, ftype(0)), np.nextafter(v, ftype('inf')), -v]
        for mult in ('9.999', '9.9999999', '1.0001', '5', '2.5'):
            out.append(ftype('%se%d' % (mult, p)))
    for _ in range(4000):
        ndig = int(RNG.integers(1, 18))
        digits = ''.join(str(int(d)) for d in RNG.integers(0, 10, ndig))
        exp = int(RNG.integers(-330, 310))
        out.append(ftype('%se%d' % (digits, exp)))
    for v in RNG.standard_normal(2000) * 10.0 ** RNG.integers(-8, 20, 2000):
        out.append(ftype(v))
    return out


def longdouble_values():
    values = []
    fields = set()
    for e in list(range(0, 40)) + list(range(0x3f00, 0x4100)) + list(range(0x7fc0, 0x7fff)) \
            + [int(x) for x in RNG.integers(0, 0x7fff, 300)]:
        for m in (0, 1, 2, 3, (1 << 63) - 1, (1 << 63) - 2, 1 << 62):
            fields.add((e, m | ((1 << 63) if e else 0)))
        for m in RNG.integers(0, 1 << 63, 2, dtype=np.uint64):
            fields.add((e, int(m) | ((1 << 63) if e else 0)))
    for _ in range(12000):
        fields.add((int(RNG.integers(0, 0x7fff)), int(RNG.integers(0, 1 << 63, dtype=np.uint64)) | (1 << 63)))
    fields.update([(0x7fff, 1 << 63), (0x7fff, (1 << 63) | 1), (0x7fff, 3 << 62)])
    for hi, lo in sorted(fields):
        values.append(longdouble_from_fields(hi, lo))
        if lo % 3 == 0:
            values.append(longdouble_from_fields(hi | 0x8000, lo))
    with np.errstate(all='ignore'):
        for t in ['0.1', '0.2', '1e-4', '0.0001', '1e-5', '1e16', '9999999999999999.5', '1e-4950',
                  '3.6451995318824746025e-4951', '1.18973149535723176502e+4932', '123456789.0']:
            values.append(np.longdouble(t))
        for p in range(-12, 25):
            v = np.longdouble('1e%d' % p)
            values += [v, np.nextafter(v, np.longdouble(0)), np.nextafter(v, np.longdouble('inf')), -v]
        for _ in range(6000):
            ndig = int(RNG.integers(1, 22))
            digits = ''.join(str(int(d)) for d in RNG.integers(0, 10, ndig))
            values.append(np.longdouble('%se%d' % (digits, int(RNG.integers(-4960, 4935)))))
        values += [np.longdouble(1) / 3, np.longdouble('nan'), -np.longdouble('nan'),
                   np.longdouble('inf'), -np.longdouble('inf'), np.longdouble(0), -np.longdouble(0)]
    return values


def noncanonical_longdoubles():
    """x87 encodings that hardware does not produce: numpy still prints them."""
    fields = [(0, 1 << 63), (0, (1 << 63) | 5), (0x8000, (1 << 63) | 12345),
              (0x3fff, 0), (0x3fff, 5), (0x4035, 1 << 62), (0x3ff0, 1 << 62), (0xbfff, 1 << 40),
              (0x7fff, 0), (0xffff, 0), (0x7fff, 1), (0x7fff, 1 << 62)]
    return [(hi, lo, longdouble_from_fields(hi, lo)) for hi, lo in fields]


def float_cases():
    out = {}
    for kind in ('f2', 'f4', 'f8'):
        seen = set()
        cases = []
        for v in ieee_values(kind):
            b = bits_hex(v, kind)
            if b in seen:
                continue
            seen.add(b)
            cases.append({'bits': b, 'str': str(v), 'json': json_text(v, kind)})
        out[kind] = cases
    seen = set()
    cases = []
    for v in longdouble_values():
        b = bits_hex(v, 'f10')
        if b in seen:
            continue
        seen.add(b)
        cases.append({'bits': b, 'str': str(v), 'json': json_text(v, 'f10')})
    out['f10'] = cases
    out['f10_noncanonical'] = [{'bits': '%04x%016x' % (hi, lo), 'str': str(v)}
                               for hi, lo, v in noncanonical_longdoubles()]
    return out


def check_repr_layout():
    """The JSON layout used for f2/f4/f10 is Python's float repr: check it on doubles."""
    vals = np.concatenate([RNG.standard_normal(20000) * 10.0 ** RNG.integers(-30, 30, 20000),
                           np.array([1e16, 9999999999999998.0, 1e-4, 9.999999999999999e-05, 1e15,
                                     123456789012345678.0, 5e-324, 1.7976931348623157e308])])
    for v in vals:
        d, e = shortest_digits(np.float64(v))
        assert repr_layout(v < 0, d, e) == repr(float(v)), (v, repr_layout(v < 0, d, e), repr(float(v)))


# ---------------------------------------------------------------- complex

def complex_cases():
    out = {}
    for kind, ctype, ftype in (('c8', np.complex64, 'f4'), ('c16', np.complex128, 'f8'),
                               ('c20', np.clongdouble, 'f10')):
        rtype = {'f4': np.float32, 'f8': np.float64, 'f10': np.longdouble}[ftype]
        parts = [rtype(0), -rtype(0), rtype(1), -rtype(1), rtype('nan'), -rtype('nan'),
                 rtype('inf'), -rtype('inf'), rtype('0.1'), rtype('1.5'), rtype('1e16'),
                 rtype('1e6'), rtype('1e-5'), rtype('123456.5'), rtype('1e-4'), rtype(100)]
        with np.errstate(all='ignore'):
            parts += [rtype(x) for x in RNG.standard_normal(6) * 10.0 ** RNG.integers(-8, 20, 6)]
        cases = []
        for re in parts:
            for im in parts:
                c = np.zeros(1, dtype=ctype)
                c.real[0] = re
                c.imag[0] = im
                cases.append({'re': bits_hex(re, ftype), 'im': bits_hex(im, ftype), 'str': str(c[0])})
        out[kind] = cases
    return out


# ---------------------------------------------------------------- datetime

UNITS = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as']
INT64_MIN = -2 ** 63
INT64_MAX = 2 ** 63 - 1


def datetime_values():
    vals = {0, 1, -1, 2, -2, 59, 60, -60, 365, -365, 1000, -1000, 10 ** 6, -10 ** 6,
            2 ** 31, -2 ** 31, 2 ** 62, -2 ** 62, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1, INT64_MIN + 2,
            INT64_MIN}
    for p in range(1, 19):
        vals.update([10 ** p, -10 ** p, 10 ** p - 1, -10 ** p + 1])
    for scale in (10 ** 3, 10 ** 6, 10 ** 9, 10 ** 12, 10 ** 15, 10 ** 18):
        vals.update(int(x) for x in RNG.integers(-scale, scale, 6, dtype=np.int64))
    # days across the leap-year rules (1900, 2000, 2100, year 0, negative years)
    vals.update(range(-719600, -719400, 37))
    vals.update(range(10900, 11100, 13))
    vals.update(range(-25600, -25500, 7))
    return sorted(vals)


def datetime_cases():
    cases = []
    tcases = []
    values = datetime_values()
    for unit in UNITS:
        for count in (1, 2, 3, 7, 10, 25, 1000, 0, 2147483647):
            dt_type = np.dtype('M8[%d%s]' % (count, unit))
            td_type = np.dtype('m8[%d%s]' % (count, unit))
            arr = np.array(values, dtype=np.int64)
            try:
                texts = np.datetime_as_string(arr.view(dt_type))
            except Exception as exc:  # numpy refused: no expectation to record
                print('skip datetime64[%d%s]: %s' % (count, unit, exc), file=sys.stderr)
                texts = None
            for i, v in enumerate(values):
                if texts is not None:
                    cases.append({'unit': unit, 'count': count, 'value': v, 'text': str(texts[i])})
                tcases.append({'unit': unit, 'count': count, 'value': v,
                               'text': str(arr.view(td_type)[i])})
    # generic units: only NaT is convertible to a datetime string
    nat = np.array([INT64_MIN], dtype=np.int64)
    cases.append({'unit': '', 'count': 1, 'value': INT64_MIN,
                  'text': str(np.datetime_as_string(nat.view('M8'))[0])})
    gen = np.array([0, 5, -5, INT64_MAX, INT64_MIN], dtype=np.int64).view('m8')
    for i, v in enumerate([0, 5, -5, INT64_MAX, INT64_MIN]):
        tcases.append({'unit': '', 'count': 1, 'value': v, 'text': str(gen[i])})
    return cases, tcases


# ---------------------------------------------------------------- main

def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    # overflowing decimal strings are wanted (they give inf); numpy warns about them
    warnings.filterwarnings('ignore', category=RuntimeWarning)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    check_repr_layout()
    dt, td = datetime_cases()
    files = {
        'floats.json': float_cases(),
        'complex.json': complex_cases(),
        'datetime.json': dt,
        'timedelta.json': td,
    }
    for name, data in files.items():
        with open(os.path.join(outdir, name), 'w') as f:
            json.dump(data, f, separators=(',', ':'))
    with open(os.path.join(outdir, 'numpy_version.txt'), 'w') as f:
        f.write(np.__version__ + '\n')
    counts = {k: len(v) for k, v in files['floats.json'].items()}
    print('wrote %s: floats %s, complex %d, datetime %d, timedelta %d (numpy %s)' % (
        outdir, counts, sum(len(v) for v in files['complex.json'].values()), len(dt), len(td),
        np.__version__))


if __name__ == '__main__':
    main()
