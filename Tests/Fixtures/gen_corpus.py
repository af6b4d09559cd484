#!/usr/bin/env python3
"""Generate the npybrowse test corpus and the results the CLI must give on it.

    python3 Tests/Fixtures/gen_corpus.py OUTDIR      # usually Tests/Fixtures/generated

Writes OUTDIR/corpus/{npy,other,npz,big,malformed}/... and OUTDIR/corpus/expected.json.
Deterministic (every random array comes from a generator seeded with SEED and the
file's name). Every expected value is computed here, by numpy, zipfile, zlib or by
parsing the written bytes; none is typed in by hand. Every valid file is read back
with numpy (and every archive with zipfile) and checked against what this script
parsed, so the two views agree before anything is written to expected.json.

See Tests/Fixtures/README.md for the layout and the schema of expected.json.
"""

import ast
import io
import json
import os
import shutil
import struct
import sys
import warnings
import zipfile
import zlib

import numpy as np
from numpy.lib import format as npf
try:
    from numpy.lib import _format_impl as npf_impl     # numpy >= 2
except ImportError:                                     # pragma: no cover
    npf_impl = npf

SEED = 20240611
FULL_DUMP_LIMIT = 4096          # members with at most this many elements get a full dump case
HEADER_LIMIT = 1 << 20          # design.md: header size limit 1 MiB
INFLATE_LIMIT = 64 << 20        # this script inflates members fully only up to this size
I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)

warnings.simplefilter("ignore")
np.seterr(all="ignore")


def rng_for(name):
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


# ---------------------------------------------------------------------------
# JSON output with raw number text (floats in their own type's shortest form)
# ---------------------------------------------------------------------------

class Num:
    """A JSON number kept as text."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def to_json(v):
    out = []
    _emit(v, out)
    return "".join(out)


def _emit(v, out):
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, Num):
        out.append(v.text)
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, float):
        raise TypeError("bare Python float in expected output: %r" % v)
    elif isinstance(v, str):
        out.append(json.dumps(v, ensure_ascii=False))
    elif isinstance(v, (list, tuple)):
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(",")
            _emit(x, out)
        out.append("]")
    elif isinstance(v, dict):
        out.append("{")
        for i, (k, x) in enumerate(v.items()):
            if i:
                out.append(",")
            out.append(json.dumps(k, ensure_ascii=False))
            out.append(":")
            _emit(x, out)
        out.append("}")
    else:
        raise TypeError("cannot encode %r" % type(v))


def jsonify_literal(x):
    """A Python literal from an NPY header as JSON data (tuples become lists)."""
    if isinstance(x, (tuple, list)):
        return [jsonify_literal(e) for e in x]
    if isinstance(x, dict):
        return {str(k): jsonify_literal(e) for k, e in x.items()}
    if isinstance(x, bool) or x is None or isinstance(x, (int, str)):
        return x
    if isinstance(x, bytes):
        return x.decode("latin-1")
    raise TypeError("unexpected literal %r" % (x,))


# ---------------------------------------------------------------------------
# Value encoding of `dump --json` (design.md "Values")
# ---------------------------------------------------------------------------

def fmt_float(x):
    """Shortest round-trip text of x in its own type, or "nan"/"inf"/"-inf"."""
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    p = np.format_float_positional(x, unique=True, trim="-")
    s = np.format_float_scientific(x, unique=True, trim="-")
    t = p if len(p) <= len(s) else s
    # Check it really round-trips in the element's own type.
    back = type(x)(t) if not isinstance(x, np.longdouble) else np.longdouble(t)
    assert back.tobytes()[:10] == x.tobytes()[:10] or (back == x and np.signbit(back) == np.signbit(x)), (x, t)
    return Num(t)


def decode_u(raw, byteorder):
    """U element bytes -> str: trailing NULs dropped, invalid code points as U+FFFD."""
    units = list(np.frombuffer(raw, dtype=byteorder + "u4"))
    while units and units[-1] == 0:
        units.pop()
    out = []
    for c in units:
        c = int(c)
        if c > 0x10FFFF or 0xD800 <= c <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(chr(c))
    return "".join(out)


def encode_values(a):
    """numpy array -> JSON data nested like tolist(), per design.md."""
    a = np.asarray(a)
    if a.ndim > 0:
        return [encode_values(a[i, ...]) for i in range(a.shape[0])]
    dt = a.dtype
    if dt.names is not None:
        return {n: encode_values(a[n]) for n in dt.names}
    k = dt.kind
    x = a[()] if k != "U" else None
    if k == "b":
        return bool(x)
    if k in "iu":
        return int(x)
    if k == "f":
        return fmt_float(x)
    if k == "c":
        return [fmt_float(x.real), fmt_float(x.imag)]
    if k == "S":
        return bytes(x).decode("latin-1")
    if k == "U":
        bo = ">" if dt.byteorder == ">" else "<"
        s = decode_u(a.tobytes(), bo)
        units = np.frombuffer(a.tobytes(), dtype=bo + "u4")
        if all(c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF for c in units):
            assert str(a[()]) == s, (str(a[()]), s)
        return s
    if k == "V":
        return a.tobytes().hex()
    if k == "M":
        return str(np.datetime_as_string(x))
    if k == "m":
        if np.isnat(x):
            return "NaT"
        return int(a.astype(dt.newbyteorder("=")).view("i8")[()])
    raise ValueError("no JSON encoding for dtype %s" % dt)


def kinds_of(dt):
    """How the test must compare numbers of this dtype: a float kind, 'x' (exact), or an object per field."""
    if dt.names is not None:
        return {n: kinds_of(dt.fields[n][0]) for n in dt.names}
    if dt.subdtype is not None:
        return kinds_of(dt.subdtype[0])
    if dt.kind == "f":
        return {2: "f16", 4: "f32", 8: "f64"}.get(dt.itemsize, "f80")
    if dt.kind == "c":
        return {8: "f32", 16: "f64"}.get(dt.itemsize, "f80")
    return "x"


def parse_slice(expr):
    """'[3, :, ::2]' -> numpy basic index tuple (no eval)."""
    s = expr.strip()
    assert s[0] == "[" and s[-1] == "]", expr
    parts = [p.strip() for p in s[1:-1].split(",")]
    idx = []
    for p in parts:
        if p == "...":
            idx.append(Ellipsis)
        elif ":" in p:
            q = [t.strip() for t in p.split(":")]
            assert len(q) in (2, 3)
            vals = [int(t) if t else None for t in q]
            idx.append(slice(*vals))
        else:
            idx.append(int(p))
    return tuple(idx)


def select(arr, slice_expr=None, fields=()):
    a = arr
    if slice_expr is not None:
        a = a[parse_slice(slice_expr)]
    a = np.asarray(a)
    if len(fields) == 1:
        for part in fields[0].split("."):
            a = a[part]
    elif len(fields) > 1:
        a = a[list(fields)]
    return np.asarray(a)


# ---------------------------------------------------------------------------
# NPY streams
# ---------------------------------------------------------------------------

def npy_bytes(arr, version=None, allow_pickle=False):
    b = io.BytesIO()
    npf.write_array(b, arr, version=version, allow_pickle=allow_pickle)
    return b.getvalue()


def handbuilt_npy(header_text, data, version=(1, 0), align=None, newline=True, encoding="latin-1"):
    """An NPY stream from a header text written exactly as given (other writers)."""
    h = header_text
    pre = 10 if version == (1, 0) else 12
    if align:
        total = pre + len(h.encode(encoding)) + (1 if newline else 0)
        h = h + " " * ((-total) % align)
    if newline:
        h = h + "\n"
    hb = h.encode(encoding)
    if version == (1, 0):
        head = b"\x93NUMPY" + bytes(version) + struct.pack("<H", len(hb))
    else:
        head = b"\x93NUMPY" + bytes(version) + struct.pack("<I", len(hb))
    return head + hb + data


class NpyError(Exception):
    pass


def eval_header(text, version):
    try:
        d = ast.literal_eval(text)
    except SyntaxError:
        if version <= (2, 0):
            d = ast.literal_eval(npf_impl._filter_header(text))
        else:
            raise
    return d


def parse_npy(stream, available=None):
    """Parse an NPY stream prefix. Returns (npy dict per design.md minus abs_data_offset, dtype).

    `available`: bytes the member holds (uncompressed size); data beyond it is an error.
    Raises NpyError with a reason for anything design.md calls an error.
    """
    if available is None:
        available = len(stream)
    if len(stream) < 8 or stream[:6] != b"\x93NUMPY":
        raise NpyError("not an NPY stream (bad magic)")
    ver = (stream[6], stream[7])
    if ver == (1, 0):
        if len(stream) < 10:
            raise NpyError("truncated header length")
        hl = struct.unpack_from("<H", stream, 8)[0]
        start, enc = 10, "latin-1"
    elif ver in ((2, 0), (3, 0)):
        if len(stream) < 12:
            raise NpyError("truncated header length")
        hl = struct.unpack_from("<I", stream, 8)[0]
        start, enc = 12, ("latin-1" if ver == (2, 0) else "utf-8")
    else:
        raise NpyError("unsupported NPY version %r" % (ver,))
    if hl > HEADER_LIMIT:
        raise NpyError("header longer than the 1 MiB limit")
    if start + hl > min(len(stream), available):
        raise NpyError("header runs past the end")
    try:
        text = stream[start:start + hl].decode(enc)
    except UnicodeDecodeError:
        raise NpyError("header is not valid %s" % enc)
    try:
        d = eval_header(text, ver)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
        raise NpyError("header is not a Python literal: %s" % type(e).__name__)
    if not isinstance(d, dict):
        raise NpyError("header is not a dict")
    if set(d.keys()) != {"descr", "fortran_order", "shape"}:
        raise NpyError("header keys are wrong")
    shape = d["shape"]
    if not isinstance(shape, tuple) or not all(isinstance(x, int) and not isinstance(x, bool) for x in shape):
        raise NpyError("shape is not a tuple of ints")
    if not isinstance(d["fortran_order"], bool):
        raise NpyError("fortran_order is not a bool")
    try:
        dtype = npf.descr_to_dtype(d["descr"])
    except Exception:
        raise NpyError("unknown descr")
    if dtype.hasobject:
        raise NpyError("object arrays hold pickles and are never read")
    if any(x < 0 for x in shape):
        raise NpyError("negative dimension")
    count = 1
    for x in shape:
        count *= x
    nbytes = count * dtype.itemsize
    if count > I64_MAX or nbytes > I64_MAX:
        raise NpyError("element count or byte size overflows")
    data_offset = start + hl
    if data_offset + nbytes > available:
        raise NpyError("declared data longer than the member")
    info = {
        "version": [ver[0], ver[1]],
        "header_len": hl,
        "header": text,
        "descr": jsonify_literal(d["descr"]),
        "dtype": dtype.str,
        "itemsize": dtype.itemsize,
        "shape": list(shape),
        "fortran_order": d["fortran_order"],
        "data_offset": data_offset,
        "abs_data_offset": None,
        "data_bytes": nbytes,
    }
    return info, dtype


def same_values(a, b):
    """Same dtype, shape and element bits, padding bytes of structured dtypes ignored."""
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.names is not None:
        return all(same_values(np.ascontiguousarray(a[n]), np.ascontiguousarray(b[n])) for n in a.dtype.names)
    if a.dtype.kind in "fc" and np.dtype(a.dtype).itemsize in (16, 32):   # 80-bit long double: 6 padding bytes
        ua = np.ascontiguousarray(a).view(np.uint8).reshape(-1, 16)[:, :10]
        ub = np.ascontiguousarray(b).view(np.uint8).reshape(-1, 16)[:, :10]
        if a.dtype.byteorder == ">":
            ua = np.ascontiguousarray(a).view(np.uint8).reshape(-1, 16)[:, 6:]
            ub = np.ascontiguousarray(b).view(np.uint8).reshape(-1, 16)[:, 6:]
        return ua.tobytes() == ub.tobytes()
    return np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()


def numpy_read(stream):
    """numpy's own reading of an NPY stream (the oracle)."""
    f = io.BytesIO(stream)
    return npf.read_array(f, allow_pickle=False, max_header_size=HEADER_LIMIT * 4)


def check_with_numpy(stream, info, dtype):
    f = io.BytesIO(stream)
    ver = npf.read_magic(f)
    shape, fo, dt = npf_impl._read_array_header(f, ver, max_header_size=HEADER_LIMIT * 4)
    assert list(shape) == info["shape"] and fo == info["fortran_order"] and dt == dtype, (shape, fo, dt)
    assert f.tell() == info["data_offset"], (f.tell(), info["data_offset"])
    assert dt.str == info["dtype"]


# ---------------------------------------------------------------------------
# ZIP writing (a small writer with full control, for what zipfile cannot make)
# ---------------------------------------------------------------------------

class Entry:
    def __init__(self, name, content=b"", method=0, **kw):
        self.name_bytes = name if isinstance(name, bytes) else name.encode("utf-8")
        self.utf8 = kw.pop("utf8", not isinstance(name, bytes) and not name.isascii())
        self.content = content
        self.method = method
        if "raw" in kw:
            self.raw = kw.pop("raw")
        elif method == 0:
            self.raw = content
        elif method == 8:
            co = zlib.compressobj(kw.pop("level", 6), zlib.DEFLATED, -15)
            self.raw = co.compress(content) + co.flush()
        else:
            self.raw = content
        self.crc = kw.pop("crc", zlib.crc32(content))
        self.usize = kw.pop("usize", len(content))
        self.csize = kw.pop("csize", len(self.raw))
        self.local_extra = kw.pop("local_extra", b"")
        self.central_extra = kw.pop("central_extra", b"")
        self.comment = kw.pop("comment", b"")
        self.descriptor = kw.pop("descriptor", None)      # None, 32 or 64
        self.zip64 = kw.pop("zip64", False)               # zip64 extras in both headers
        self.flags = kw.pop("flags", 0)
        self.external_attr = kw.pop("external_attr", 0)
        self.local_sig = kw.pop("local_sig", b"PK\x03\x04")
        assert not kw, kw


def build_zip(entries, comment=b"", zip64_end=False, prefix=b""):
    """Bytes of an archive; offsets in the directory are absolute (prefix included)."""
    out = bytearray(prefix)
    offsets = []
    for e in entries:
        offsets.append(len(out))
        flags = e.flags | (0x800 if e.utf8 else 0) | (0x8 if e.descriptor else 0)
        crc, cs, us = (0, 0, 0) if e.descriptor else (e.crc, e.csize, e.usize)
        lextra = e.local_extra
        if e.zip64:
            lextra = struct.pack("<HHQQ", 1, 16, us, cs) + lextra
            cs32 = us32 = 0xFFFFFFFF
        else:
            cs32, us32 = cs, us
        ver = 45 if e.zip64 or e.descriptor == 64 else 20
        out += e.local_sig + struct.pack("<HHHHHIIIHH", ver, flags, e.method, 0, 0x21,
                                         crc, cs32, us32, len(e.name_bytes), len(lextra))
        out += e.name_bytes + lextra + e.raw
        if e.descriptor == 32:
            out += struct.pack("<IIII", 0x08074B50, e.crc, e.csize, e.usize)
        elif e.descriptor == 64:
            out += struct.pack("<IIQQ", 0x08074B50, e.crc, e.csize, e.usize)
    cd_start = len(out)
    for e, off in zip(entries, offsets):
        flags = e.flags | (0x800 if e.utf8 else 0) | (0x8 if e.descriptor else 0)
        cextra = e.central_extra
        z = []
        us32, cs32, off32 = e.usize, e.csize, off
        if e.zip64 or e.usize >= 0xFFFFFFFF or e.csize >= 0xFFFFFFFF:
            z += [e.usize, e.csize]
            us32 = cs32 = 0xFFFFFFFF
        if e.zip64 or off >= 0xFFFFFFFF:
            z.append(off)
            off32 = 0xFFFFFFFF
        if z:
            cextra = struct.pack("<HH" + "Q" * len(z), 1, 8 * len(z), *z) + cextra
        ver = 45 if z else 20
        out += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0300 | ver, ver, flags, e.method, 0, 0x21,
                           e.crc, cs32, us32, len(e.name_bytes), len(cextra), len(e.comment),
                           0, 0, e.external_attr, off32)
        out += e.name_bytes + cextra + e.comment
    cd_size = len(out) - cd_start
    n = len(entries)
    if zip64_end:
        eocd64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 0x032D, 45, 0, 0, n, n, cd_size, cd_start)
        out += struct.pack("<IIQI", 0x07064B50, 0, eocd64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(comment))
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, cd_size, cd_start, len(comment))
    out += comment
    return bytes(out)


class NoSeek(io.RawIOBase):
    """A write-only, non-seekable stream: zipfile then writes data descriptors."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def tell(self):
        raise OSError("not seekable")

    def write(self, b):
        self.buf += b
        return len(b)


# ---------------------------------------------------------------------------
# ZIP parsing (independent of zipfile; cross-checked against it)
# ---------------------------------------------------------------------------

METHOD_NAMES = {0: "stored", 8: "deflate", 9: "deflate64", 12: "bzip2", 14: "lzma", 99: "aes"}


class ZipUnreadable(Exception):
    pass


def decode_name(raw, flags):
    if flags & 0x800:
        return raw.decode("utf-8")
    return raw.decode("cp437")


def parse_zip(b):
    """Directory facts of an archive, or ZipUnreadable."""
    lo = max(0, len(b) - 22 - 65535)
    pos = b.rfind(b"PK\x05\x06", lo)
    while pos >= 0 and pos + 22 > len(b):
        pos = b.rfind(b"PK\x05\x06", lo, pos)
    if pos < 0:
        raise ZipUnreadable("no end of central directory record")
    _, _, _, _, n, cd_size, cd_off, clen = struct.unpack_from("<IHHHHIIH", b, pos)
    comment = b[pos + 22:pos + 22 + clen]
    zip64 = False
    anchor = pos
    loc = pos - 20
    if loc >= 0 and b[loc:loc + 4] == b"PK\x06\x07":
        p64 = loc - 56
        if p64 < 0 or b[p64:p64 + 4] != b"PK\x06\x06":
            raise ZipUnreadable("zip64 locator without a zip64 end record")
        (_, _, _, _, _, _, _, n, cd_size, cd_off) = struct.unpack_from("<IQHHIIQQQQ", b, p64)
        zip64 = True
        anchor = p64
    concat = anchor - cd_size - cd_off
    if concat < 0:
        raise ZipUnreadable("central directory offset/size inconsistent")
    cd_abs = cd_off + concat
    p = cd_abs
    entries = []
    for _ in range(n):
        if p + 46 > cd_abs + cd_size or b[p:p + 4] != b"PK\x01\x02":
            raise ZipUnreadable("bad central directory record")
        (_, _, _, flags, method, _, _, crc, cs, us, nl, xl, cl, _, _, _, lho) = \
            struct.unpack_from("<IHHHHHHIIIHHHHHII", b, p)
        if p + 46 + nl + xl + cl > cd_abs + cd_size:
            raise ZipUnreadable("central directory record runs past the directory")
        raw_name = b[p + 46:p + 46 + nl]
        extra = b[p + 46 + nl:p + 46 + nl + xl]
        q = 0
        while q + 4 <= len(extra):
            hid, hsz = struct.unpack_from("<HH", extra, q)
            if hid == 1:
                vals = extra[q + 4:q + 4 + hsz]
                k = 0
                if us == 0xFFFFFFFF:
                    us = struct.unpack_from("<Q", vals, k)[0]; k += 8
                if cs == 0xFFFFFFFF:
                    cs = struct.unpack_from("<Q", vals, k)[0]; k += 8
                if lho == 0xFFFFFFFF:
                    lho = struct.unpack_from("<Q", vals, k)[0]; k += 8
            q += 4 + hsz
        lho_abs = lho + concat
        data_offset = None
        if lho_abs + 30 <= len(b) and b[lho_abs:lho_abs + 4] == b"PK\x03\x04":
            lnl, lxl = struct.unpack_from("<HH", b, lho_abs + 26)
            if lho_abs + 30 + lnl + lxl <= len(b):
                data_offset = lho_abs + 30 + lnl + lxl
        entries.append(dict(name=decode_name(raw_name, flags), flags=flags, method=method, crc=crc,
                            csize=cs, usize=us, lho=lho_abs, data_offset=data_offset, cd_pos=p))
        p += 46 + nl + xl + cl
    try:
        ctext = comment.decode("utf-8")
    except UnicodeDecodeError:
        ctext = comment.decode("cp437")
    z = {"entries": n, "comment": ctext, "central_directory_offset": cd_abs,
         "central_directory_size": cd_size, "zip64": zip64}
    return z, entries


def member_head(b, e):
    """The first bytes of a member's content, just enough for its NPY header (inflating only that much)."""
    raw = b[e["data_offset"]:e["data_offset"] + e["csize"]]
    if e["method"] == 0:
        get = lambda n: raw[:n]
    else:
        get = lambda n: zlib.decompressobj(-15).decompress(raw, n)
    head = get(12)
    want = 12
    if head[:6] == b"\x93NUMPY" and len(head) >= 10:
        if head[6:8] == b"\x01\x00":
            want = 10 + struct.unpack_from("<H", head, 8)[0]
        elif len(head) >= 12 and head[6:8] in (b"\x02\x00", b"\x03\x00"):
            want = 12 + min(struct.unpack_from("<I", head, 8)[0], HEADER_LIMIT + 1)
    return get(want)


def member_content(b, e):
    raw = b[e["data_offset"]:e["data_offset"] + e["csize"]]
    if e["method"] == 0:
        return raw
    return zlib.decompressobj(-15).decompress(raw)


def key_of(name):
    return name[:-4] if name.endswith(".npy") else name


def describe_member(b, e):
    """The member object of `info --json` plus (npy info, dtype, array or None)."""
    m = {"name": e["name"], "key": key_of(e["name"]),
         "method": METHOD_NAMES.get(e["method"], e["method"]),
         "compressed_size": e["csize"], "uncompressed_size": e["usize"], "crc32": e["crc"],
         "local_header_offset": e["lho"], "data_offset": e["data_offset"]}
    arr = None
    try:
        if e["data_offset"] is None:
            raise NpyError("local header unreadable")
        if e["name"].endswith("/"):
            raise NpyError("directory entry")
        if e["method"] not in (0, 8):
            raise NpyError("unsupported compression method %s" % m["method"])
        if e["data_offset"] + e["csize"] > len(b):
            raise NpyError("member data runs past the end of the file")
        try:
            head = member_head(b, e)
        except zlib.error:
            raise NpyError("corrupt deflate stream in the header")
        info, dtype = parse_npy(head, available=e["usize"])
        if e["method"] == 0:
            info["abs_data_offset"] = e["data_offset"] + info["data_offset"]
        m["npy"] = info
        if e["usize"] <= INFLATE_LIMIT:
            try:
                content = member_content(b, e)
            except zlib.error:
                content = None
            if content is not None and zlib.crc32(content) == e["crc"] and len(content) == e["usize"]:
                check_with_numpy(content, info, dtype)
                arr = numpy_read(content)
    except NpyError as err:
        m["error"] = str(err)
        info, dtype = None, None
    return m, arr


def describe_file(path, rel):
    """(info object, [member arrays or None]) of a file, or raises (NpyError / ZipUnreadable)."""
    b = open(path, "rb").read()
    base = os.path.basename(path)
    if rel.endswith(".npy"):
        m = {"name": base, "key": key_of(base)}
        arr = None
        try:
            info, dtype = parse_npy(b)
            info["abs_data_offset"] = info["data_offset"]
            m["npy"] = info
            check_with_numpy(b, info, dtype)
            arr = numpy_read(b)
        except NpyError as err:
            if "object arrays" not in str(err):
                raise
            m["error"] = str(err)
        return {"file": rel, "format": "npy", "file_size": len(b), "members": [m]}, [arr], [b]
    z, entries = parse_zip(b)
    members, arrays = [], []
    for e in entries:
        m, a = describe_member(b, e)
        members.append(m)
        arrays.append(a)
    return {"file": rel, "format": "npz", "file_size": len(b), "zip": z, "members": members}, arrays, b


def crosscheck_zipfile(path, info):
    """zipfile's view of the directory must match ours."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        assert len(infos) == len(info["members"]), (path, len(infos))
        assert zf.comment.decode("utf-8", "replace") == info["zip"]["comment"] or info["zip"]["comment"] == zf.comment.decode("cp437")
        for zi, m in zip(infos, info["members"]):
            assert zi.filename == m["name"], (zi.filename, m["name"])
            assert zi.CRC == m["crc32"] and zi.compress_size == m["compressed_size"] and zi.file_size == m["uncompressed_size"], path
            assert zi.header_offset == m["local_header_offset"], (path, zi.header_offset, m["local_header_offset"])
            assert METHOD_NAMES.get(zi.compress_type, zi.compress_type) == m["method"]


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

def dump_cmd(is_npz, member, slice_expr=None, fields=()):
    cmd = ["dump", "--json", "{FILE}"]
    if is_npz:
        cmd += ["-m", member]
    if slice_expr is not None:
        cmd += ["--slice", slice_expr]
    for f in fields:
        cmd += ["--field", f]
    return cmd


def dump_case(cmd, arr, slice_expr=None, fields=(), check_dtype=True):
    r = select(arr, slice_expr, fields)
    case = {"cmd": cmd, "exit": 0,
            "expect": {"dtype": r.dtype.str, "shape": list(r.shape), "values": encode_values(r)},
            "kinds": kinds_of(r.dtype)}
    if not check_dtype:
        case["check_dtype"] = False
    return case


def fail_case(cmd, exit_code=1, contains=()):
    return {"cmd": cmd, "exit": exit_code, "stderr_contains": list(contains)}


class Corpus:
    def __init__(self, outdir):
        self.root = os.path.join(outdir, "corpus")
        if os.path.isdir(self.root):
            shutil.rmtree(self.root)
        os.makedirs(self.root)
        self.files = []
        self.malformed = []
        self.usage = []
        self.dtypes = set()
        self.writers = set()

    def path(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, data):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        return p

    # -- valid files -------------------------------------------------------

    def add(self, rel, data, what, writer, cases=None, verify=0, expect_arrays=None,
            key_forms=True, extra=(), full=True):
        """Register a readable file.

        cases: {member name: [(slice, fields, check_dtype), ...]} extra dump cases.
        expect_arrays: {member name: ndarray} that the member must hold (checked against numpy's reading).
        extra: further command cases (failures etc.).
        """
        p = self.write(rel, data) if data is not None else self.path(rel)
        info, arrays, _ = describe_file(p, rel)
        is_npz = info["format"] == "npz"
        if is_npz:
            crosscheck_zipfile(p, info)
        self.writers.add(writer)
        entry = {"path": rel, "what": what, "writer": writer, "info": info, "verify_exit": verify,
                 "info_member": [], "headers": [], "dumps": []}
        members = info["members"]
        last = {}
        for i, m in enumerate(members):
            last[m["name"]] = i
        for i, m in enumerate(members):
            if "npy" in m:
                self.dtypes.add(m["npy"]["dtype"])
        for name, i in last.items():
            m = members[i]
            if is_npz:
                entry["info_member"].append({"cmd": ["info", "--json", "{FILE}", "-m", name], "index": i})
            if "npy" in m:
                cmd = ["header", "{FILE}"] + (["-m", name] if is_npz else [])
                entry["headers"].append({"cmd": cmd, "text": m["npy"]["header"]})
            a = arrays[i]
            if expect_arrays and name in expect_arrays:
                ref = expect_arrays[name]
                assert a is not None and a.dtype == ref.dtype and a.shape == ref.shape, (rel, name)
                assert same_values(a, ref), (rel, name)
            if a is None:
                if "npy" in m and m["npy"]["data_bytes"] <= INFLATE_LIMIT:
                    raise AssertionError("member %s of %s readable but not loaded" % (name, rel))
                continue
            if full and a.size <= FULL_DUMP_LIMIT:
                entry["dumps"].append(dump_case(dump_cmd(is_npz, name), a))
            for (s, f, cd) in (cases or {}).get(name, []):
                entry["dumps"].append(dump_case(dump_cmd(is_npz, name, s, f), a, s, f, cd))
        if is_npz and key_forms:
            for name, i in last.items():
                m = members[i]
                k = m["key"]
                if k != name and "npy" in m and arrays[i] is not None and arrays[i].size <= FULL_DUMP_LIMIT \
                        and k not in last:
                    # numpy's key; also selects the last entry of that name.
                    entry["dumps"].append(dump_case(dump_cmd(True, k), arrays[i]))
                    entry["info_member"].append({"cmd": ["info", "--json", "{FILE}", "-m", k], "index": i})
                    break
        entry["dumps"] += list(extra)
        self.files.append(entry)
        return entry

    # -- malformed files ---------------------------------------------------

    def bad(self, rel, data, what, checks, offset_hint=None, max_rss_mib=None, timeout_s=None,
            no_full_dump=False):
        if data is not None:
            self.write(rel, data)
        e = {"path": rel, "what": what, "checks": checks}
        if offset_hint is not None:
            e["offset_hint"] = offset_hint
        if max_rss_mib:
            e["max_rss_mib"] = max_rss_mib
        if timeout_s:
            e["timeout_s"] = timeout_s
        if no_full_dump:
            e["no_full_dump"] = True
        self.malformed.append(e)
        return e

    def finish(self):
        doc = {"schema": 1,
               "generator": {"script": "Tests/Fixtures/gen_corpus.py", "seed": SEED, "numpy": np.__version__,
                             "python": sys.version.split()[0], "zlib": zlib.ZLIB_VERSION,
                             "longdouble": np.dtype(np.longdouble).str},
               "files": self.files, "malformed": self.malformed, "usage": self.usage}
        text = "{\n" + ",\n".join(
            "%s:%s" % (json.dumps(k), to_json(v)) if k not in ("files", "malformed", "usage") else
            "%s:[\n%s\n]" % (json.dumps(k), ",\n".join(to_json(x) for x in v))
            for k, v in doc.items()) + "\n}\n"
        with open(os.path.join(self.root, "expected.json"), "w", encoding="utf-8") as f:
            f.write(text)
        json.loads(text)   # well-formed
        return text


# ---------------------------------------------------------------------------
# Arrays
# ---------------------------------------------------------------------------

def float_values(code):
    """Specials and ordinary values of a float type: nan payloads, inf, -0.0, subnormals, max."""
    dt = np.dtype(code)
    fi = np.finfo(dt)
    one = dt.type(1)
    vals = [dt.type(0), -dt.type(0), one, -one, dt.type(0.1), one / dt.type(3), dt.type(2) / dt.type(3),
            dt.type(0.5), dt.type(100), dt.type(1e-4), dt.type(1e-5), dt.type(123456), dt.type(999999),
            dt.type(1e6), dt.type(1e15), dt.type(1e16), dt.type(1e17), dt.type(-2.5e-3), dt.type(65504),
            dt.type(1000), dt.type(999), dt.type(4097),
            fi.max, -fi.max, fi.tiny, -fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal,
            fi.tiny - fi.smallest_subnormal, fi.eps, one + fi.eps, one - fi.epsneg,
            dt.type(np.inf), dt.type(-np.inf)]
    if dt.itemsize > 8:
        vals += [np.longdouble("0.1"), np.longdouble(1) / np.longdouble(3), np.longdouble("1e-4940"),
                 np.longdouble("1e4000"), np.longdouble("3.14159265358979323846264338327950288")]
    a = np.array(vals, dtype=dt)
    # NaNs with payloads, signalling NaN, negative NaN, from bit patterns.
    if dt.itemsize == 2:
        nans = np.array([0x7E00, 0x7E01, 0x7C01, 0xFE00, 0x7FFF], "<u2").view("<f2")
    elif dt.itemsize == 4:
        nans = np.array([0x7FC00000, 0x7FC00001, 0x7F800001, 0xFFC00000, 0x7FFFFFFF], "<u4").view("<f4")
    elif dt.itemsize == 8:
        nans = np.array([0x7FF8000000000000, 0x7FF8000000000001, 0x7FF0000000000001, 0xFFF8000000000000,
                         0x7FFFFFFFFFFFFFFF], "<u8").view("<f8")
    else:
        raw = b""
        for mant, se in [(0xC000000000000000, 0x7FFF), (0xC000000000000001, 0x7FFF),
                         (0x8000000000000001, 0x7FFF), (0xC000000000000000, 0xFFFF)]:
            raw += struct.pack("<QH", mant, se) + bytes(dt.itemsize - 10)
        nans = np.frombuffer(raw, dtype=dt)
    span = {2: 4, 4: 30, 8: 200}.get(dt.itemsize, 2000)
    exps = rng_for("exp" + dt.str).integers(-span, span, 12).astype(dt)
    rnd = rng_for("floats" + dt.str).standard_normal(12).astype(dt) * (dt.type(10) ** exps)
    a = np.concatenate([a, nans.astype(dt), rnd.astype(dt)])
    return clean_longdouble(a)


def clean_longdouble(a):
    """Zero the padding bytes of 80-bit long doubles so files are deterministic."""
    a = np.ascontiguousarray(a)
    if (a.dtype.kind, a.dtype.itemsize) in (("f", 16), ("c", 32)) and a.dtype.byteorder != ">":
        u = a.view(np.uint8).reshape(-1, 16)
        u[:, 10:] = 0
    return a


def int_values(code, name):
    dt = np.dtype(code)
    ii = np.iinfo(dt)
    base = [ii.min, ii.max, 0, 1, ii.max - 1, ii.min + 1 if ii.min else 2]
    if ii.min:
        base += [-1, -2]
    rnd = rng_for(name).integers(ii.min, ii.max, 16 - len(base), dtype=dt, endpoint=True)
    return np.array(base + list(rnd), dtype=dt).reshape(2, 8)


def swap(a):
    """The same values with the other byte order (bits preserved, NaN payloads too)."""
    return a.byteswap().view(a.dtype.newbyteorder("S"))


UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]


def datetime_values(unit, name, kind="M"):
    r = rng_for(name)
    vals = [0, 1, -1, 59, 86399, 1000, 19000, -719528]
    lim = (1 << 59) if unit in ("Y", "W") else I64_MAX
    if unit not in ("Y", "W"):
        vals += [I64_MAX, I64_MIN + 1]
    vals += list(r.integers(-(1 << 40), 1 << 40, 4)) + list(r.integers(-lim, lim, 4))
    a = np.array(vals, dtype="i8").view("%s8[%s]" % (kind, unit))
    a = np.concatenate([a, np.array(["NaT"], dtype=a.dtype)])
    if kind == "M" and unit == "Y":
        # numpy's text is only sane while 1970 + v fits; make sure we stayed there.
        for v, s in zip(a.view("i8")[:-1], np.datetime_as_string(a[:-1])):
            assert int(s) == 1970 + int(v), (v, s)
    if kind == "M" and unit == "W":
        d = a[:-1].view("i8") * 7
        assert list(np.datetime_as_string(a[:-1])) == list(np.datetime_as_string(d.view("M8[D]")))
    return a


def structured_nested():
    dt = np.dtype([("pos", [("x", "<f4"), ("y", "<f4")]), ("id", "<i4"), ("vals", "<f8", (3,)),
                   ("name", "S8"), ("label", "<U4"), ("ok", "?"),
                   ("m", ">i2", (2, 3)),
                   ("pts", [("u", "<u2"), ("w", "<f2")], (2,)),
                   ("deep", [("a", [("b", "<i8"), ("c", "<c8")])])])
    n = 7
    r = rng_for("nested")
    a = np.zeros(n, dt)
    a["pos"]["x"] = r.standard_normal(n).astype("<f4")
    a["pos"]["y"] = np.arange(n, dtype="<f4") / 3
    a["id"] = np.arange(n) * 1000 - 3000
    a["vals"] = r.standard_normal((n, 3))
    a["vals"][2, 1] = np.nan
    a["vals"][3, 0] = -0.0
    a["name"] = [b"alpha", b"beta", b"", b"\xe9t\xe9", b"12345678", b"a\x00b", b"z"]
    a["label"] = ["un", "deux", "trés", "", "Δ", "ok", "end"]
    a["ok"] = [True, False, True, True, False, False, True]
    a["m"] = np.arange(n * 6).reshape(n, 2, 3) - 20
    a["pts"]["u"] = np.arange(n * 2).reshape(n, 2) * 7
    a["pts"]["w"] = (np.arange(n * 2).reshape(n, 2) / 7).astype("<f2")
    a["deep"]["a"]["b"] = [I64_MAX, I64_MIN, 0, 1, -1, 2, 3]
    a["deep"]["a"]["c"] = np.arange(n) + 1j * (np.arange(n) - 0.5)
    return a


def big_signal():
    n = 1_000_003
    return np.arange(n, dtype="<f8") * 0.5 - 1000.0


def volume(order="C"):
    r = rng_for("volume")
    v = (np.arange(16 * 40 * 30, dtype="<f4").reshape(16, 40, 30) / 8 + r.standard_normal((16, 40, 30)).astype("<f4"))
    return np.asfortranarray(v) if order == "F" else v


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

def gen_npy(c):
    """Files written by numpy (np.save / write_array)."""
    def save(rel, arr, what, version=None, cases=None, verify=0, allow_pickle=False):
        data = npy_bytes(arr, version=version, allow_pickle=allow_pickle)
        exp = {os.path.basename(rel): arr} if not allow_pickle else None
        return c.add(rel, data, what, "numpy.save", cases=cases, verify=verify, expect_arrays=exp)

    # Booleans, including raw bytes 2 and 255 that numpy reads as True.
    b = np.frombuffer(bytes([0, 1, 2, 255, 1, 0, 0, 1]), dtype="?").reshape(2, 4)
    save("npy/dtype_b1.npy", b, "bool, raw bytes 0/1/2/255")
    for code in ["i1", "u1"]:
        save("npy/dtype_%s.npy" % code, int_values("|" + code, code), "%s extremes and random" % code)
    for code in ["i2", "i4", "i8", "u2", "u4", "u8"]:
        a = int_values("<" + code, code)
        save("npy/dtype_le_%s.npy" % code, a, "<%s extremes and random" % code)
        save("npy/dtype_be_%s.npy" % code, swap(a), ">%s extremes and random" % code)
    for code in ["f2", "f4", "f8", "g"]:
        a = float_values("<" + code if code != "g" else np.longdouble)
        tag = code if code != "g" else "longdouble"
        save("npy/dtype_le_%s.npy" % tag, a, "%s specials: nan payloads, inf, -0.0, subnormals, max" % a.dtype.str,
             cases={os.path.basename("dtype_le_%s.npy" % tag): [("[-5:]", (), True), ("[::-7]", (), True)]})
        save("npy/dtype_be_%s.npy" % tag, swap(a),
             "%s specials, big-endian" % swap(a).dtype.str)
    g = float_values(np.longdouble)
    gp = g.copy()
    gp.view(np.uint8).reshape(-1, 16)[:, 10:] = 0xAB
    assert np.array_equal(g, gp, equal_nan=True)
    save("npy/dtype_longdouble_padding_garbage.npy", gp, "<f16 whose 6 padding bytes are 0xAB (ignored)")
    for code, comp in [("c8", "<f4"), ("c16", "<f8"), ("c32", np.longdouble)]:
        f = float_values(comp)
        r = np.roll(f, 5)
        a = np.empty(len(f), dtype=np.result_type(f.dtype, np.complex64))
        a.real = f
        a.imag = r
        a = clean_longdouble(a)
        assert a.dtype.itemsize == int(code[1:])
        save("npy/dtype_le_%s.npy" % code, a, "%s: pairs of float specials" % a.dtype.str)
        save("npy/dtype_be_%s.npy" % code, swap(a), "%s, big-endian" % swap(a).dtype.str)
    s = np.array([b"hello", b"", b"a\x00b", b"\xff\xe9\x80\x01", b"1234567", b"trail\x00", b"\x00x"], dtype="S7")
    save("npy/dtype_S7.npy", s, "bytes: empty, embedded NUL, latin-1 high bytes, full width")
    u = np.array(["héllo", "", "温度", "😀x", "a\x00b", "abcde", " sp "], dtype="<U5")
    save("npy/dtype_le_U5.npy", u, "unicode, little-endian")
    save("npy/dtype_be_U5.npy", swap(u), "unicode, big-endian")
    raw = np.array([[0xD800, 0x41, 0], [0x110000, 0x42, 0x43], [0x48, 0xDFFF, 0x49], [0x7FFFFFFF, 0, 0]], dtype="<u4")
    save("npy/dtype_U3_invalid.npy", raw.view("<U3").reshape(4), "unicode with surrogates and code points past U+10FFFF (U+FFFD)")
    save("npy/dtype_U3_invalid_be.npy", swap(raw.view("<U3").reshape(4)), "invalid code points, big-endian")
    v = np.frombuffer(bytes(rng_for("void").integers(0, 256, 30, dtype=np.uint8)) + bytes(6), dtype="V6")
    save("npy/dtype_V6.npy", v, "raw void bytes")
    for unit in UNITS:
        save("npy/dtype_M8_%s.npy" % unit, datetime_values(unit, "M" + unit), "datetime64[%s]" % unit)
        save("npy/dtype_m8_%s.npy" % unit, datetime_values(unit, "m" + unit, "m"), "timedelta64[%s]" % unit)
    save("npy/dtype_be_M8_ns.npy", swap(datetime_values("ns", "Mns")), "datetime64[ns], big-endian")
    save("npy/dtype_be_m8_us.npy", swap(datetime_values("us", "mus", "m")), "timedelta64[us], big-endian")
    save("npy/dtype_M8_generic.npy", np.array(["NaT", "NaT"], dtype="M8"), "generic datetime64 (only NaT fits)")
    save("npy/dtype_m8_generic.npy", np.array([5, -3, 0, "NaT"], dtype="m8"), "generic timedelta64")
    for spec, name in [("10s", "10s"), ("2D", "2D"), ("25ms", "25ms"), ("3M", "3M")]:
        a = np.concatenate([np.array([0, 1, -1, 1000, 123456789], "i8").view("M8[%s]" % spec),
                            np.array(["NaT"], "M8[%s]" % spec)])
        save("npy/dtype_M8_%s.npy" % name, a, "datetime64 with a count multiplier [%s]" % spec)
        save("npy/dtype_m8_%s.npy" % name, a.view("m8[%s]" % spec), "timedelta64 [%s]" % spec)

    # Versions.
    small = np.arange(6, dtype="<i4").reshape(2, 3)
    save("npy/version_2_0.npy", small, "format 2.0 forced with write_array(version=(2,0))", version=(2, 0))
    save("npy/version_3_0.npy", small, "format 3.0 forced", version=(3, 0))
    many = np.dtype([("field_%04d" % i, "<f4" if i % 3 else "|u1") for i in range(4000)])
    a = np.zeros(2, many)
    for i, n in enumerate(many.names[::97]):
        a[n] = [i, -i if many[n].kind == "f" else i * 2]
    e = save("npy/version_2_0_big_header.npy", a, "format 2.0 because the header is over 65535 bytes (4000 fields)",
             cases={"version_2_0_big_header.npy": [(None, ("field_0097",), True), ("[1]", ("field_3977",), True)]})
    assert e["info"]["members"][0]["npy"]["version"] == [2, 0] and e["info"]["members"][0]["npy"]["header_len"] > 65535
    u8 = np.zeros(3, dtype=[("温度", "<f4"), ("Δx", "<i2"), ("ok", "?")])
    u8["温度"] = [1.5, -2.25, 3]
    u8["Δx"] = [1, -2, 3]
    e = save("npy/version_3_0_utf8_names.npy", u8, "format 3.0: field names outside latin-1",
             cases={"version_3_0_utf8_names.npy": [(None, ("温度",), True)]})
    assert e["info"]["members"][0]["npy"]["version"] == [3, 0]
    l1 = np.zeros(2, dtype=[("é", "<f8"), ("ñ", "<u2")])
    l1["é"] = [0.5, -1]
    e = save("npy/latin1_field_names.npy", l1, "format 1.0 with latin-1 (non-ASCII) bytes in the header")
    assert e["info"]["members"][0]["npy"]["version"] == [1, 0]

    # Layout.
    f2 = np.asfortranarray(np.arange(12, dtype="<f8").reshape(3, 4) * 1.5)
    save("npy/fortran_2d.npy", f2, "Fortran order, 2-D",
         cases={"fortran_2d.npy": [("[1]", (), True), ("[:, 2]", (), True), ("[::-1, ::2]", (), True)]})
    f3 = np.asfortranarray((np.arange(2 * 3 * 4).reshape(2, 3, 4) - 5).astype(">i4"))
    save("npy/fortran_3d_be.npy", f3, "Fortran order, 3-D, big-endian",
         cases={"fortran_3d_be.npy": [("[1, :, ::2]", (), True), ("[..., 0]", (), True), ("[-1, -1, -1]", (), True)]})
    fs = np.asfortranarray(structured_nested()[:6].reshape(2, 3))
    save("npy/fortran_structured.npy", fs, "Fortran order, structured",
         cases={"fortran_structured.npy": [("[1]", ("pos.x",), True), (None, ("vals",), True)]})
    save("npy/zero_d_f8.npy", np.array(3.25), "0-d float64")
    save("npy/zero_d_struct.npy", structured_nested()[3:4].reshape(()), "0-d structured", cases={"zero_d_struct.npy": [(None, ("pos.y",), True)]})
    save("npy/zero_d_U.npy", np.array("zéro", dtype=">U4"), "0-d unicode, big-endian")
    save("npy/empty_0.npy", np.zeros(0, "<f8"), "shape (0,)")
    save("npy/empty_3x0.npy", np.zeros((3, 0), "<i2"), "shape (3, 0)")
    save("npy/empty_0x3_struct.npy", np.zeros((0, 3), structured_nested().dtype), "shape (0, 3), structured")

    # Structured.
    nested = structured_nested()
    save("npy/structured_nested.npy", nested, "nested, subarray fields, subarray of structs, S/U/bool/complex fields",
         cases={"structured_nested.npy": [
             (None, ("pos",), True), (None, ("pos.x",), True), (None, ("vals",), True), (None, ("m",), True),
             (None, ("pts",), True), (None, ("deep.a.c",), True), ("[1:4]", ("pos.y",), True),
             ("[::-2]", ("name",), True), ("[2]", ("vals",), True), (None, ("id", "name"), False),
             ("[-1]", ("label", "ok"), False)]})
    al = np.zeros(4, np.dtype([("a", "u1"), ("b", "<f8"), ("c", "<i2"), ("d", "<f4")], align=True))
    al["a"] = [1, 2, 3, 255]
    al["b"] = [0.25, -1e300, np.inf, 5e-324]
    al["c"] = [-1, 2, -3, 4]
    al["d"] = [1.5, np.nan, -0.0, 3.4e38]
    e = save("npy/structured_aligned.npy", al, "align=True: padding entries ('', '|V7') in the descr")
    assert any(f[0] == "" for f in e["info"]["members"][0]["npy"]["descr"])
    od = np.dtype({"names": ["x", "y"], "formats": ["<i4", "<i2"], "offsets": [4, 12], "itemsize": 20})
    o = np.zeros(3, od)
    o["x"] = [1, -2, 3]
    o["y"] = [7, 8, -9]
    save("npy/structured_offsets.npy", o, "explicit offsets: leading, middle and trailing padding")
    td = np.dtype([(("Temperature [C]", "t"), "<f4"), (("Pressure", "p"), ">f8"), ("n", "<u2")])
    t = np.zeros(3, td)
    t["t"] = [20.5, -3.25, 0]
    t["p"] = [101325.0, 99000.5, 0.001]
    t["n"] = [1, 2, 3]
    save("npy/structured_titles.npy", t, "field titles: values keyed by names", cases={"structured_titles.npy": [(None, ("t",), True)]})
    be = np.zeros(3, np.dtype([("a", ">i4"), ("b", ">f8"), ("c", "<f8"), ("d", ">c8"), ("e", ">M8[s]"), ("f", ">U2")]))
    be["a"] = [1, -2, 3]
    be["b"] = [0.1, -0.0, 1e-310]
    be["c"] = [0.1, 2, 3]
    be["d"] = [1 + 2j, -0.5j, 3]
    be["e"] = np.array([0, 1700000000, -1], "i8").view("M8[s]")
    be["f"] = ["ab", "é", ""]
    save("npy/structured_mixed_endian.npy", be, "big- and little-endian fields mixed")

    # Object arrays: never unpickled, reported as the member's error.
    obj = np.array([{"a": 1}, None, "x"], dtype=object)
    c.add("npy/object.npy", npy_bytes(obj, allow_pickle=True), "object array (pickle): member error, not a crash",
          "numpy.save", verify=None,
          extra=[fail_case(["dump", "--json", "{FILE}"])])

    # Dump failures that are about arguments or ranges.
    rel = "npy/dtype_le_i4.npy"
    ent = [f for f in c.files if f["path"] == rel][0]
    ent["dumps"] += [
        fail_case(["dump", "--json", "{FILE}", "--slice", "[2]"]),
        fail_case(["dump", "--json", "{FILE}", "--slice", "[0, 8]"]),
        fail_case(["dump", "--json", "{FILE}", "--slice", "[0, 0, 0]"]),
        fail_case(["dump", "--json", "{FILE}", "--field", "nope"]),
    ]
    ent = [f for f in c.files if f["path"] == "npy/structured_nested.npy"][0]
    ent["dumps"] += [fail_case(["dump", "--json", "{FILE}", "--field", "nope"]),
                     fail_case(["dump", "--json", "{FILE}", "--field", "pos.z"])]
    for expr in ["[1:2:0]", "[..., 0, ...]", "[1:2", "[a]", "[1:2:3:4]"]:
        c.usage.append({"cmd": ["dump", "--json", "{FILE}", "--slice", expr], "file": "npy/fortran_3d_be.npy", "exit": 64})
    c.usage.append({"cmd": ["info", "--json"], "file": None, "exit": 64})
    c.usage.append({"cmd": ["dump", "--json", "{FILE}", "--bogus-option"], "file": "npy/zero_d_f8.npy", "exit": 64})


def gen_other(c):
    """NPY files as other writers make them, hand-built with struct; values from numpy."""
    def add(rel, stream, ref, what, cases=None):
        got = numpy_read(stream)
        assert got.dtype == ref.dtype and got.shape == ref.shape and got.tobytes() == ref.tobytes(), rel
        return c.add(rel, stream, what, "struct (hand-built)", cases=cases, expect_arrays={os.path.basename(rel): ref})

    a = np.arange(12, dtype="<f8").reshape(3, 4) / 7
    add("other/align16_old_numpy.npy",
        handbuilt_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", a.tobytes(), align=16),
        a, "header padded to 16 bytes (older numpy)")
    i = np.arange(5, dtype="<i4") * -3
    add("other/cnpy_style.npy",
        handbuilt_npy("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }", i.tobytes(), align=16),
        i, "cnpy-style header (16-byte padding)")
    u = np.arange(7, dtype="<u2") * 1000
    s = handbuilt_npy("{'descr': '<u2', 'fortran_order': False, 'shape': (7,)}", u.tobytes())
    if (len(s) - u.nbytes) % 2 == 0:
        s = handbuilt_npy("{'descr': '<u2', 'fortran_order': False, 'shape': (7,) }", u.tobytes())
    assert (len(s) - u.nbytes) % 2 == 1
    add("other/unaligned_data.npy", s, u, "data offset not aligned at all (odd)")
    l = np.arange(12, dtype="<i8").reshape(3, 4) - 6
    add("other/python2_long_shape.npy",
        handbuilt_npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3L, 4L), }", l.tobytes(), align=16),
        l, "Python-2 header: shape (3L, 4L)")
    r = np.asfortranarray((np.arange(6).reshape(2, 3) + 0.5).astype(">f4"))
    add("other/reordered_keys.npy",
        handbuilt_npy("{'shape': (2, 3), 'fortran_order': True, 'descr': '>f4'}", r.tobytes(order="F"), align=64),
        r, "keys in another order; Fortran order", cases={"reordered_keys.npy": [("[:, 1]", (), True)]})
    w = np.array([[1 + 2j, -0.0], [np.inf, np.nan]], dtype="<c16")
    add("other/extra_whitespace.npy",
        handbuilt_npy("{  'descr' :\t'<c16' ,\n  'fortran_order' : False ,  'shape' : ( 2 ,  2 ) ,  }",
                      w.tobytes(), align=64),
        w, "extra whitespace, a tab and a newline inside the header")
    d = np.arange(3, dtype="<f4") - 1
    add("other/double_quotes.npy",
        handbuilt_npy('{"descr": "<f4", "fortran_order": False, "shape": (3,)}', d.tobytes(), align=64),
        d, "double-quoted strings in the header")
    n = np.array([7, 8, 9], dtype="|u1")
    add("other/header_no_newline.npy",
        handbuilt_npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", n.tobytes(), align=16, newline=False),
        n, "header padded with spaces but without the final newline")
    t = np.arange(4, dtype="<i2")
    add("other/trailing_bytes.npy",
        handbuilt_npy("{'descr': '<i2', 'fortran_order': False, 'shape': (4,), }", t.tobytes() + b"TRAILING GARBAGE", align=64),
        t, "bytes after the data (numpy ignores them)")
    v2 = np.arange(3, dtype=">i8")
    add("other/version_2_0_unaligned.npy",
        handbuilt_npy("{'descr': '>i8', 'fortran_order': False, 'shape': (3,), }", v2.tobytes(), version=(2, 0)),
        v2, "format 2.0 hand-built, not aligned")
    z = np.array(-7.5, dtype="<f8")
    add("other/zero_d_handbuilt.npy",
        handbuilt_npy("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", z.tobytes(), align=16),
        z, "0-d, shape () written by hand")


def savez_bytes(kind, *args, **kw):
    b = io.BytesIO()
    if kind == "savez":
        np.savez(b, *args, **kw)
    else:
        np.savez_compressed(b, *args, **kw)
    return b.getvalue()


def savez_noseek(kind, **kw):
    s = NoSeek()
    if kind == "savez":
        np.savez(s, **kw)
    else:
        np.savez_compressed(s, **kw)
    return bytes(s.buf)


def zipfile_bytes(items, compression=zipfile.ZIP_STORED, comment=b"", prefix=b"", force_zip64=False):
    """items: (name or ZipInfo, bytes, dict of ZipInfo attrs)."""
    b = io.BytesIO()
    b.write(prefix)
    with zipfile.ZipFile(b, "w", compression=compression) as zf:
        for it in items:
            name, data = it[0], it[1]
            attrs = it[2] if len(it) > 2 else {}
            zi = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6))
            if zi.is_dir():
                zi.external_attr = (0o40755 << 16) | 0x10
                zi.compress_type = zipfile.ZIP_STORED
                zf.writestr(zi, b"")
                continue
            zi.compress_type = attrs.get("compress_type", compression)
            if "comment" in attrs:
                zi.comment = attrs["comment"]
            if "level" in attrs:
                zi._compresslevel = attrs["level"]
            with zf.open(zi, "w", force_zip64=attrs.get("force_zip64", force_zip64)) as f:
                f.write(data)
        zf.comment = comment
    return b.getvalue()


def demo_arrays():
    r = rng_for("demo")
    return {
        "signal": np.sin(np.arange(500) / 20.0),
        "image": (np.arange(24 * 32, dtype="<i4").reshape(24, 32) * 37) % 255,
        "mask": np.arange(40) % 3 == 0,
        "labels": np.array(["red", "green", "blue", "ünïcode"], dtype="<U7"),
        "when": np.array(["2024-01-01T00:00:00", "2024-06-30T12:30:00", "NaT"], dtype="M8[ns]"),
        "volume_f": np.asfortranarray(r.standard_normal((4, 5, 6)).astype(">f4")),
        "scalar": np.array(42, dtype="<u8"),
        "empty": np.zeros((3, 0), dtype="<f4"),
        "records": structured_nested()[:4],
    }


def gen_npz(c):
    d = demo_arrays()
    cases = {"volume_f.npy": [("[1, :, ::2]", (), True), ("[..., 0]", (), True)],
             "records.npy": [(None, ("pos.x",), True), ("[1:]", ("vals",), True)]}
    keys = list(d)
    e = c.add("npz/savez.npz", savez_bytes("savez", **d), "np.savez: zip64 extras in local headers only", "numpy.savez",
              cases=cases, expect_arrays={k + ".npy": v for k, v in d.items()},
              extra=[fail_case(["dump", "--json", "{FILE}"], contains=keys),
                     fail_case(["dump", "--json", "{FILE}", "-m", "nope"]),
                     fail_case(["dump", "--json", "{FILE}", "-m", "signal", "--slice", "[500]"])])
    c.add("npz/savez_positional.npz", savez_bytes("savez", d["signal"][:10], d["image"][:2]), "np.savez(a, b): arr_0, arr_1",
          "numpy.savez")
    c.add("npz/savez_compressed.npz", savez_bytes("savez_compressed", **d), "np.savez_compressed", "numpy.savez_compressed",
          cases=cases, expect_arrays={k + ".npy": v for k, v in d.items()})
    c.add("npz/savez_unseekable.npz", savez_noseek("savez", signal=d["signal"], image=d["image"], when=d["when"]),
          "np.savez to a non-seekable stream: data descriptors (zip64 form)", "numpy.savez (stream)")
    c.add("npz/savez_compressed_unseekable.npz",
          savez_noseek("savez_compressed", signal=d["signal"], labels=d["labels"], records=d["records"]),
          "np.savez_compressed to a non-seekable stream: data descriptors", "numpy.savez_compressed (stream)")
    one = {"only": np.arange(10, dtype="<i2")}
    c.add("npz/single_member.npz", savez_bytes("savez", **one), "one member: dump without -m", "numpy.savez",
          extra=[dump_case(["dump", "--json", "{FILE}"], one["only"]),
                 dump_case(["dump", "--json", "{FILE}", "--slice", "[-3:]"], one["only"], "[-3:]")])

    n = lambda a: npy_bytes(a)
    c.add("npz/zipfile_stored_comments.npz",
          zipfile_bytes([("a.npy", n(d["signal"][:8]), {"comment": b"member comment"}),
                         ("b.npy", n(d["mask"]), {"comment": "über".encode("utf-8")})],
                        comment="archive comment: naïve ✓".encode("utf-8")),
          "ZIP_STORED with an UTF-8 archive comment and member comments", "zipfile")
    c.add("npz/zipfile_comment_cp437.npz",
          zipfile_bytes([("a.npy", n(d["signal"][:3]))], comment=b"caf\x82 \xff\xe9 not utf-8"),
          "archive comment that is not UTF-8 (cp437)", "zipfile")
    c.add("npz/zipfile_deflated_levels.npz",
          zipfile_bytes([("l1.npy", n(d["image"]), {"level": 1}), ("l9.npy", n(d["image"]), {"level": 9}),
                         ("l0.npy", n(d["signal"]), {"level": 0}),
                         ("st.npy", n(d["signal"]), {"compress_type": zipfile.ZIP_STORED})],
                        compression=zipfile.ZIP_DEFLATED),
          "ZIP_DEFLATED at levels 0, 1, 9 and a stored member", "zipfile")
    c.add("npz/zipfile_force_zip64.npz",
          zipfile_bytes([("v2.npy", npy_bytes(d["image"], version=(2, 0))), ("v3.npy", npy_bytes(d["labels"], version=(3, 0)))],
                        force_zip64=True),
          "force_zip64 members; NPY formats 2.0 and 3.0 inside", "zipfile")
    c.add("npz/zip64_end_record.npz",
          build_zip([Entry("a.npy", n(d["signal"][:16]), zip64=True),
                     Entry("b.npy", n(d["when"]), method=8, zip64=True),
                     Entry("c.npy", n(d["scalar"]))], zip64_end=True, comment=b"zip64 end"),
          "ZIP64 end of central directory record and locator; zip64 extras in both headers", "custom zip writer")
    c.add("npz/data_descriptor_32.npz",
          build_zip([Entry("a.npy", n(d["image"][:3]), method=8, descriptor=32),
                     Entry("b.npy", n(d["labels"]), descriptor=32)]),
          "data descriptors with 32-bit sizes", "custom zip writer")
    zb = zipfile_bytes([("a.npy", n(d["signal"][:5])), ("b.npy", n(d["image"][:2]))], compression=zipfile.ZIP_DEFLATED)
    prefix = b"#!/bin/sh\necho 'self-extracting stub'\nexit 0\n" + bytes(range(256)) * 3
    c.add("npz/prefixed_cat.npz", prefix + zb, "bytes prepended to an archive (offsets not adjusted, like cat)", "zipfile + cat")
    c.add("npz/prefixed_adjusted.npz",
          zipfile_bytes([("a.npy", n(d["signal"][:5]))], prefix=prefix),
          "archive written after leading bytes (offsets absolute, like zip -A)", "zipfile")
    c.add("npz/names_utf8.npz",
          zipfile_bytes([("données.npy", n(d["signal"][:4])), ("温度.npy", n(d["image"][:1])), ("sub/ß.npy", n(d["mask"][:5]))]),
          "UTF-8 names (flag bit 11)", "zipfile")
    c.add("npz/names_cp437.npz",
          build_zip([Entry("ñandú.npy".encode("cp437"), n(d["signal"][:4]), utf8=False),
                     Entry("é.npy".encode("utf-8"), n(d["mask"][:3]), utf8=False),
                     Entry("plain.npy", n(d["scalar"]))]),
          "cp437 names without flag bit 11 (also UTF-8 bytes without the flag: read as cp437)", "custom zip writer")
    c.add("npz/local_extra_differs.npz",
          build_zip([Entry("a.npy", n(d["signal"][:6]), local_extra=struct.pack("<HH", 0xD935, 60) + bytes(60)),
                     Entry("b.npy", n(d["image"][:2]), method=8, local_extra=struct.pack("<HH", 0xCAFE, 3) + b"abc",
                           central_extra=struct.pack("<HH", 0x5455, 5) + b"\x01\x00\x00\x00\x00")]),
          "local header extra fields that differ from the central directory's", "custom zip writer")

    obj = np.array([1, "two", None], dtype=object)
    sobj = np.zeros(2, dtype=[("a", "<i4"), ("b", "O")])
    mixed = zipfile_bytes([
        ("readme.txt", b"This archive mixes arrays with other things.\n"),
        (zipfile.ZipInfo("sub/", date_time=(2024, 1, 2, 3, 4, 6)), b""),
        ("sub/inner.npy", n(d["signal"][:7])),
        ("arr.npy", n(d["image"][:3, :4])),
        ("bz.npy", n(d["mask"]), {"compress_type": zipfile.ZIP_BZIP2}),
        ("xz.npy", n(d["mask"]), {"compress_type": zipfile.ZIP_LZMA}),
        ("obj.npy", npy_bytes(obj, allow_pickle=True), {"compress_type": zipfile.ZIP_DEFLATED}),
        ("sobj.npy", npy_bytes(sobj, allow_pickle=True)),
        ("empty_member.npy", b""),
    ])
    c.add("npz/mixed_members.npz", mixed,
          "non-.npy member, directory entry, bzip2 and lzma members, object arrays, empty member", "zipfile", verify=None,
          extra=[fail_case(["dump", "--json", "{FILE}", "-m", m], contains=["member '"]) for m in
                 ["readme.txt", "sub/", "bz.npy", "xz", "obj", "sobj.npy", "empty_member.npy"]] +
                [fail_case(["dump", "--json", "{FILE}"], contains=["sub/inner", "arr"])])
    dup = zipfile_bytes([("x.npy", n(np.arange(3, dtype="<i4"))), ("y.npy", n(d["mask"][:2])),
                         ("x.npy", n(np.arange(4, dtype="<f8") * 10))])
    c.add("npz/duplicate_names.npz", dup, "duplicate entry names: -m takes the last, as numpy does", "zipfile", verify=None)
    empty = zipfile_bytes([])
    c.add("npz/empty_archive.npz", empty, "an archive with no entries", "zipfile", verify=None,
          extra=[fail_case(["dump", "--json", "{FILE}"]), fail_case(["dump", "--json", "{FILE}", "-m", "x"])])
    arrs = {"big_header": np.zeros(2, np.dtype([("f%04d" % i, "<i2") for i in range(6000)])), "small": d["signal"][:3]}
    e = c.add("npz/big_header_deflated.npz", savez_bytes("savez_compressed", **arrs),
              "deflated member whose NPY header (format 2.0) is over 64 KiB", "numpy.savez_compressed",
              cases={"big_header.npy": [("[1]", ("f5999",), True)]})
    assert e["info"]["members"][0]["npy"]["header_len"] > 65536


def gen_big(c):
    sig = big_signal()
    vol = volume()
    volf = volume("F")
    sig_cases = [("[-5:]", (), True), ("[::-250000]", (), True), ("[123456:123460]", (), True), ("[-1]", (), True),
                 ("[2]", (), True), ("[999999:]", (), True)]
    vol_cases = [("[3, :, ::2]", (), True), ("[..., 0]", (), True), ("[::-3]", (), True), ("[2, 5, 7]", (), True),
                 ("[-1, -1]", (), True), ("[..., -1, 1:3]", (), True)]
    c.add("big/signal.npy", npy_bytes(sig), "1,000,003 float64", "numpy.save", cases={"signal.npy": sig_cases},
          expect_arrays={"signal.npy": sig})
    c.add("big/volume.npy", npy_bytes(vol), "(16, 40, 30) float32", "numpy.save", cases={"volume.npy": vol_cases})
    c.add("big/volume_fortran.npy", npy_bytes(volf), "(16, 40, 30) float32, Fortran order", "numpy.save",
          cases={"volume_fortran.npy": vol_cases})
    arrs = {"signal": sig, "volume": vol}
    cases = {"signal.npy": sig_cases, "volume.npy": vol_cases}
    c.add("big/big_stored.npz", savez_bytes("savez", **arrs), "np.savez of the big arrays (stored)", "numpy.savez",
          cases=cases, key_forms=False)
    e = c.add("big/big_deflated.npz", savez_bytes("savez_compressed", **arrs),
              "np.savez_compressed of the big arrays (many deflate blocks)", "numpy.savez_compressed",
              cases=cases, key_forms=False)
    e["dumps"].append(dump_case(["dump", "--json", "{FILE}", "-m", "signal", "--slice", "[-3:]"], sig, "[-3:]"))
    # numpy's text of chosen elements (str of the scalar), for the browser adapter's tests
    # (Tests/NPYBrowseUITests/NPYDocumentTests.swift): element index -> text.
    picks = [0, 1, 123457, 500000, sig.size - 5, sig.size - 2, sig.size - 1]
    with open(c.path("big/signal_text.json"), "w", encoding="utf-8") as f:
        json.dump({"size": int(sig.size), "text": {str(i): str(sig[i]) for i in picks}}, f, indent=1)


# ---------------------------------------------------------------------------
# Malformed files
# ---------------------------------------------------------------------------

NPY_CMDS = [["info", "--json", "{FILE}"], ["dump", "--json", "{FILE}"], ["verify", "{FILE}"]]


def npy_fails(header_too=True, contains=("at byte ",)):
    checks = [fail_case(cmd, contains=contains if cmd[0] != "verify" else ()) for cmd in NPY_CMDS]
    if header_too:
        checks.append(fail_case(["header", "{FILE}"], contains=contains))
    return checks


def zip_fails(member=None):
    cmds = [["info", "--json", "{FILE}"], ["ls", "{FILE}"], ["verify", "{FILE}"],
            ["dump", "--json", "{FILE}"] + (["-m", member] if member else [])]
    return [fail_case(cmd, contains=("at byte ",) if cmd[0] != "verify" else ()) for cmd in cmds]


def info_ok(c, rel):
    info, _, _ = describe_file(c.path(rel), rel)
    return {"cmd": ["info", "--json", "{FILE}"], "exit": 0, "info": info}


def member_fail(m):
    return fail_case(["dump", "--json", "{FILE}", "-m", m], contains=("member '", "at byte "))


def gen_malformed(c):
    good = npy_bytes(np.arange(40, dtype="<f8").reshape(5, 8) / 3)
    hl = struct.unpack_from("<H", good, 8)[0]
    M = "malformed/"
    # Truncation at every structural boundary of a .npy.
    for rel, cut, what in [("trunc_empty.npy", 0, "empty file"), ("trunc_magic.npy", 4, "cut inside the magic"),
                           ("trunc_version.npy", 7, "cut inside the version"),
                           ("trunc_header_len.npy", 9, "cut inside HEADER_LEN"),
                           ("trunc_header.npy", 10 + hl // 2, "cut inside the header"),
                           ("trunc_header_end.npy", 10 + hl - 1, "cut before the header's last byte"),
                           ("trunc_data.npy", 10 + hl + 100, "cut inside the data"),
                           ("trunc_data_last_byte.npy", len(good) - 1, "one data byte missing")]:
        c.bad(M + rel, good[:cut], what, npy_fails(header_too=cut < 10 + hl), offset_hint=cut)
    v2 = npy_bytes(np.arange(3, dtype="<i4"), version=(2, 0))
    c.bad(M + "trunc_header_len_v2.npy", v2[:11], "format 2.0 cut inside the 4-byte HEADER_LEN", npy_fails(), offset_hint=8)

    def patch(b, off, new):
        return b[:off] + new + b[off + len(new):]

    c.bad(M + "bad_magic_byte.npy", patch(good, 0, b"\x92"), "first magic byte flipped", npy_fails(), offset_hint=0)
    c.bad(M + "bad_magic_text.npy", patch(good, 1, b"NUMPX"), "magic text wrong", npy_fails(), offset_hint=1)
    c.bad(M + "bad_version_4.npy", patch(good, 6, b"\x04\x00"), "version 4.0", npy_fails(), offset_hint=6)
    c.bad(M + "bad_version_1_1.npy", patch(good, 6, b"\x01\x01"), "version 1.1", npy_fails(), offset_hint=6)
    c.bad(M + "header_len_past_end.npy", patch(good, 8, struct.pack("<H", 60000)), "HEADER_LEN 60000 past the end",
          npy_fails(), offset_hint=8)
    c.bad(M + "header_len_huge_v2.npy", patch(v2, 8, struct.pack("<I", 0xFFFFFFF0)), "format 2.0 HEADER_LEN ~4 GiB",
          npy_fails(), offset_hint=8, max_rss_mib=256)
    big_hdr = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), " + " " * (HEADER_LIMIT + 4096) + "}"
    c.bad(M + "header_over_limit.npy", handbuilt_npy(big_hdr, bytes(16), version=(2, 0), align=64),
          "a valid header of 1.0 MiB + 4 KiB: over design.md's 1 MiB limit", npy_fails(header_too=False), offset_hint=8)
    deep = "{'descr': " + "[" * 200000 + "]" * 200000 + ", 'fortran_order': False, 'shape': (1,), }"
    c.bad(M + "deep_nesting.npy", handbuilt_npy(deep, bytes(8), version=(2, 0), align=64),
          "descr nested 200000 lists deep (must not overflow the stack)", npy_fails(header_too=False), offset_hint=12)

    def hdr_bad(rel, text, what, data=bytes(64)):
        c.bad(M + rel, handbuilt_npy(text, data, align=64), what, npy_fails(header_too=False), offset_hint=10)

    hdr_bad("not_a_dict.npy", "['<f8', False, (3,)]", "header is a list, not a dict")
    hdr_bad("header_syntax.npy", "{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }", "unterminated string")
    hdr_bad("missing_key.npy", "{'descr': '<f8', 'shape': (3,), }", "no fortran_order key")
    hdr_bad("extra_key.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'foo': 1, }", "an extra key")
    hdr_bad("bad_fortran_order.npy", "{'descr': '<f8', 'fortran_order': 'yes', 'shape': (3,), }", "fortran_order is a string")
    hdr_bad("bad_fortran_order_int.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }", "fortran_order is 0")
    hdr_bad("negative_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 4), }", "negative dimension")
    hdr_bad("shape_float.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3.5,), }", "non-integer dimension")
    hdr_bad("shape_list.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': [3], }", "shape is a list (numpy refuses)")
    hdr_bad("unknown_descr.npy", "{'descr': '<q9', 'fortran_order': False, 'shape': (3,), }", "unknown descr '<q9'")
    hdr_bad("descr_int.npy", "{'descr': 8, 'fortran_order': False, 'shape': (3,), }", "descr is an int")
    hdr_bad("overflow_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }",
            "element count overflows int64")
    hdr_bad("overflow_bytes.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }",
            "element count fits int64, byte size does not")
    hdr_bad("shape_past_int64.npy", "{'descr': '<u1', 'fortran_order': False, 'shape': (1180591620717411303424,), }",
            "dimension larger than int64")
    hdr_bad("huge_but_short.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,), }",
            "declares 8 GB of data, holds 64 bytes")
    c.bad(M + "v3_bad_utf8.npy",
          handbuilt_npy("{'descr': [('X', '<f4')], 'fortran_order': False, 'shape': (1,), }", bytes(4),
                        version=(3, 0), align=64).replace(b"('X'", b"('\xff'"),
          "format 3.0 header that is not valid UTF-8", npy_fails(header_too=False), offset_hint=12)

    # Seeded random byte flips inside a header: only "no crash" is required.
    r = rng_for("flips")
    for k in range(8):
        pos = int(r.integers(10, 10 + hl - 1))
        b = bytearray(good)
        b[pos] ^= int(r.integers(1, 256))
        c.bad(M + "flip_header_%d.npy" % k, bytes(b), "random byte flip at %d in the header" % pos, [], offset_hint=pos)

    # ---- archives ----
    d = demo_arrays()
    n = lambda a: npy_bytes(a)
    base = zipfile_bytes([("a.npy", n(d["signal"][:50])), ("b.npy", n(d["image"][:4])),
                          ("c.npy", n(d["labels"]))], comment=b"base archive")
    z, ents = parse_zip(base)
    eocd = len(base) - 22 - len(b"base archive")
    cd = z["central_directory_offset"]
    b_lho = ents[1]["lho"]
    c.bad(M + "trunc_comment.npz", base[:-4], "cut inside the archive comment (readers differ: no crash only)", [])
    for rel, cut, what in [("trunc_eocd.npz", eocd + 10, "cut inside the end record"),
                           ("trunc_cd.npz", cd + 30, "cut inside the central directory"),
                           ("trunc_local_header.npz", b_lho + 12, "cut inside a local header"),
                           ("trunc_member_data.npz", ents[1]["data_offset"] + 40, "cut inside member data"),
                           ("trunc_tiny.npz", 4, "only a local header signature")]:
        c.bad(M + rel, base[:cut], what, zip_fails("b"), offset_hint=cut)
    c.bad(M + "no_end_record.npz", patch(base, eocd, b"PK\x05\x07"), "end record signature flipped", zip_fails("b"),
          offset_hint=eocd)
    cd_b = ents[1]["cd_pos"]
    c.bad(M + "cd_bad_signature.npz", patch(base, cd_b, b"PK\x01\x03"),
          "second central directory record's signature flipped", zip_fails("b"), offset_hint=cd_b)
    c.bad(M + "cd_offset_past_end.npz", patch(base, eocd + 16, struct.pack("<I", 0x7FFFFFF0)),
          "end record: directory offset past the end", zip_fails("b"), offset_hint=eocd + 16)
    c.bad(M + "cd_size_too_big.npz", patch(base, eocd + 12, struct.pack("<I", len(base))),
          "end record: directory size larger than the file", zip_fails("b"), offset_hint=eocd + 12)
    c.bad(M + "entries_too_many.npz", patch(base, eocd + 8, struct.pack("<HH", 65000, 65000)),
          "end record claims 65000 entries in a 3-entry directory", zip_fails("b"), offset_hint=eocd + 8,
          max_rss_mib=256)
    c.bad(M + "cd_name_len_past_cd.npz", patch(base, cd + 28, struct.pack("<H", 0xFFFF)),
          "a central directory name length that runs past the directory", zip_fails("b"), offset_hint=cd + 28)

    def readable(rel, data, what, bad_members, extra=(), verify=1, **kw):
        c.write(M + rel, data)
        checks = [info_ok(c, M + rel), {"cmd": ["ls", "{FILE}"], "exit": 0}]
        info = checks[0]["info"]
        for m in info["members"]:
            if m["name"] in bad_members:
                assert "error" in m, (rel, m)
                checks.append(member_fail(m["name"]))
            else:
                assert "npy" in m, (rel, m)
        if verify is not None:
            checks.append({"cmd": ["verify", "{FILE}"], "exit": verify, "stderr_contains": []})
        checks += list(extra)
        return c.bad(M + rel, None, what, checks, **kw)

    c_lho = ents[1]["lho"]
    readable("local_signature_bad.npz", patch(base, c_lho, b"PK\x03\x05"), "b.npy's local header signature flipped",
             ["b.npy"], offset_hint=c_lho)
    readable("cd_local_offset_past_end.npz", patch(base, cd_b + 42, struct.pack("<I", 0x7FFFFF00)),
             "directory says b.npy's local header is past the end", ["b.npy"], offset_hint=cd_b + 42)

    # A stored member whose sizes were cut: declared data longer than the member.
    short_ents = [Entry("a.npy", n(d["signal"][:20])), Entry("b.npy", n(d["image"])[:300]), Entry("c.npy", n(d["mask"]))]
    readable("member_data_short.npz", build_zip(short_ents), "b.npy holds 300 bytes of a 3000-byte array",
             ["b.npy"])
    # Bad NPY streams inside an archive whose directory is fine.
    good_small = n(np.arange(3, dtype="<f8"))

    def hb(text, data=bytes(24)):
        return handbuilt_npy(text, data, align=64)

    bad_members = [
        ("not_npy.npy", b"this is not an npy stream at all" * 3),
        ("bad_magic.npy", b"\x92" + good_small[1:]),
        ("bad_version.npy", good_small[:6] + b"\x09\x00" + good_small[8:]),
        ("header_len_past_end.npy", good_small[:8] + struct.pack("<H", 5000) + good_small[10:]),
        ("not_a_dict.npy", hb("['<f8', False, (3,)]")),
        ("missing_key.npy", hb("{'descr': '<f8', 'shape': (3,), }")),
        ("bad_fortran.npy", hb("{'descr': '<f8', 'fortran_order': 'no', 'shape': (3,), }")),
        ("negative_shape.npy", hb("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }")),
        ("unknown_descr.npy", hb("{'descr': '<z8', 'fortran_order': False, 'shape': (3,), }")),
        ("overflow_shape.npy", hb("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")),
        ("data_short.npy", hb("{'descr': '<f8', 'fortran_order': False, 'shape': (30,), }")),
        ("truncated_header.npy", good_small[:40]),
        ("empty.npy", b""),
    ]
    ents2 = [Entry("ok.npy", good_small)] + [Entry(nm, data, method=8 if i % 2 else 0) for i, (nm, data) in enumerate(bad_members)]
    readable("bad_headers.npz", build_zip(ents2), "one member per NPY header problem; ok.npy is fine",
             [nm for nm, _ in bad_members],
             extra=[dump_case(["dump", "--json", "{FILE}", "-m", "ok"], np.arange(3, dtype="<f8"))])

    # Unknown and unsupported methods by number and name.
    meth = build_zip([Entry("ok.npy", good_small), Entry("d64.npy", good_small, method=9),
                      Entry("aes.npy", good_small, method=99), Entry("m77.npy", good_small, method=77)])
    readable("methods_unsupported.npz", meth, "methods deflate64 (9), aes (99) and 77: listed, error by name or number",
             ["d64.npy", "aes.npy", "m77.npy"], verify=None)

    # Deflate corruption.
    r = rng_for("deflate")
    payload = n((np.arange(40000) % 1000) * 0.125 + r.integers(0, 4, 40000))
    # Corruption as an invalid block type (BTYPE 11) right after a full flush: zlib must fail there.
    cut = len(payload) * 3 // 5
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    p1 = co.compress(payload[:cut]) + co.flush(zlib.Z_FULL_FLUSH)
    p2 = co.compress(payload[cut:]) + co.flush()
    assert zlib.decompressobj(-15).decompress(p1 + p2) == payload
    bad = p1 + b"\x06" + p2
    try:
        zlib.decompressobj(-15).decompress(bad)
        raise AssertionError("corrupt stream inflated")
    except zlib.error:
        pass
    assert zlib.decompressobj(-15).decompress(bad, cut - 1) == payload[:cut - 1]
    e = Entry("x.npy", payload, method=8, raw=bad)
    readable("deflate_corrupt_data.npz", build_zip([Entry("ok.npy", good_small), e]),
             "x.npy: invalid deflate block after 60% of the data (info fine; dump and verify fail)", [],
             extra=[fail_case(["dump", "--json", "{FILE}", "-m", "x"], contains=("member '", "at byte "))],
             offset_hint=len(p1))
    bad2 = b"\x06" + p1 + p2
    try:
        zlib.decompressobj(-15).decompress(bad2, 8)
        raise AssertionError("corrupt stream inflated")
    except zlib.error:
        pass
    e = Entry("x.npy", payload, method=8, raw=bad2)
    readable("deflate_corrupt_head.npz", build_zip([Entry("ok.npy", good_small), e]),
             "x.npy: invalid deflate block type at its first byte (member error)", ["x.npy"], offset_hint=0)
    # CRC and size mismatches.
    readable("crc_mismatch_deflated.npz",
             build_zip([Entry("ok.npy", good_small), Entry("x.npy", payload, method=8, crc=zlib.crc32(payload) ^ 0x1234)]),
             "x.npy (deflated): CRC-32 in both headers wrong; info fine, verify and a full dump fail", [],
             extra=[fail_case(["dump", "--json", "{FILE}", "-m", "x"], contains=("member '", "at byte "))])
    readable("crc_mismatch_stored.npz",
             build_zip([Entry("ok.npy", good_small), Entry("x.npy", good_small, crc=zlib.crc32(good_small) ^ 1)]),
             "x.npy (stored): CRC-32 wrong; verify fails", [])
    readable("size_mismatch.npz",
             build_zip([Entry("ok.npy", good_small), Entry("x.npy", payload, method=8, usize=len(payload) + 1000)]),
             "x.npy: uncompressed size 1000 bytes more than the stream inflates to; verify fails", [])
    small = n(np.arange(128, dtype="<f8"))
    readable("claims_4gib.npz",
             build_zip([Entry("ok.npy", good_small), Entry("x.npy", small, method=8, usize=1 << 32, zip64=True)]),
             "x.npy claims 4 GiB uncompressed (zip64), holds 1 KiB: must not allocate 4 GiB", [],
             extra=[dump_case(["dump", "--json", "{FILE}", "-m", "x", "--slice", "[-2:]"], np.arange(128, dtype="<f8"), "[-2:]")],
             max_rss_mib=256, timeout_s=60)

    # Zip bomb, declared honestly: ~1 GiB of zeros in ~1 MiB.
    count = 1 << 27
    hdr = handbuilt_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (%d,), }" % count, b"", align=64)
    chunk = bytes(1 << 20)
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = co.compress(hdr + chunk) + co.flush(zlib.Z_FULL_FLUSH)
    rep = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    assert rep == co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    nchunks = (count * 8) >> 20
    raw = first + rep * (nchunks - 2) + co.compress(chunk) + co.flush()
    crc = zlib.crc32(hdr)
    for _ in range(nchunks):
        crc = zlib.crc32(chunk, crc)
    usize = len(hdr) + count * 8
    dd = zlib.decompressobj(-15)
    total, pos2 = 0, 0
    while pos2 < len(raw):
        total += len(dd.decompress(raw[pos2:pos2 + (1 << 16)]))
        pos2 += 1 << 16
    total += len(dd.flush())
    assert total == usize and dd.eof, (total, usize)
    bomb = build_zip([Entry("zeros.npy", b"", method=8, raw=raw, crc=crc, usize=usize, zip64=True)])
    c.write(M + "zip_bomb.npz", bomb)
    zinfo, _, _ = describe_file(c.path(M + "zip_bomb.npz"), M + "zip_bomb.npz")
    zeros = np.zeros(count, "<f8")
    c.bad(M + "zip_bomb.npz", None,
          "zeros.npy inflates 1 MiB to 1 GiB of zeros, sizes declared honestly: valid, but must be streamed",
          [{"cmd": ["info", "--json", "{FILE}"], "exit": 0, "info": zinfo},
           {"cmd": ["verify", "{FILE}"], "exit": 0, "stderr_contains": []},
           dump_case(["dump", "--json", "{FILE}", "-m", "zeros", "--slice", "[-3:]"], zeros, "[-3:]"),
           dump_case(["dump", "--json", "{FILE}", "-m", "zeros", "--slice", "[67108864]"], zeros, "[67108864]")],
          max_rss_mib=256, timeout_s=180, no_full_dump=True)
    del zeros
    # Seeded random flips in the central directory and end record: only "no crash" is required.
    r = rng_for("cdflips")
    for k in range(8):
        p = int(r.integers(cd, len(base)))
        b = bytearray(base)
        b[p] ^= int(r.integers(1, 256))
        c.bad(M + "flip_directory_%d.npz" % k, bytes(b), "random byte flip at %d in the directory" % p, [], offset_hint=p)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_corpus.py OUTDIR   (writes OUTDIR/corpus/...)")
    assert np.dtype(np.longdouble).itemsize == 16 and np.finfo(np.longdouble).nmant == 63, \
        "the corpus assumes x86_64's 80-bit long double stored in 16 bytes"
    c = Corpus(sys.argv[1])
    gen_npy(c)
    gen_other(c)
    gen_npz(c)
    gen_big(c)
    gen_malformed(c)
    text = c.finish()
    nfiles = sum(len(fs) for _, _, fs in os.walk(c.root))
    size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(c.root) for f in fs)
    ndump = sum(len(f["dumps"]) for f in c.files)
    print("corpus: %d files, %.1f MB (expected.json %.1f MB); %d readable files, %d malformed, %d dump cases, "
          "%d dtypes, writers: %s" % (nfiles, size / 1e6, len(text.encode()) / 1e6, len(c.files), len(c.malformed),
                                      ndump, len(c.dtypes), ", ".join(sorted(c.writers))))


if __name__ == "__main__":
    main()
