#!/usr/bin/env python3
"""Writes ZIP/npz fixtures for ZIPTests.swift, and expected.json describing them.

Usage: python3 Tests/Fixtures/gen_zip_cases.py Tests/Fixtures/generated/zip

Every expected value is computed here by Python (zipfile reading the finished file; data offsets
by parsing the local header), never typed by hand. The only hand-written expectations are the
kinds of structural problems an archive was built to have ("problems": substrings of messages).

Archives:
  savez.npz, savez_compressed.npz    numpy's own writers (zip64 extras in the local headers only)
  savez_stream.npz                   np.savez to a non-seekable stream: data descriptors (flag bit 3)
  comment.zip                        archive and entry comments, stored + deflated, a directory entry
  comment_cp437.zip                  an archive comment that is not UTF-8
  force_zip64.zip                    zipfile force_zip64=True (local zip64 extras)
  zip64_small.zip                    zipfile with lowered zip64 limits: central zip64 extras, a zip64 end record
  zip64_saturated.zip                the same with the end record's fields set to 0xFFFF/0xFFFFFFFF
  prefixed.zip, prefixed_zip64.zip   bytes prepended (self-extracting style)
  names_utf8.zip, names_cp437.zip    non-ASCII names with and without flag bit 11
  names_bad_utf8.zip                 flag bit 11 set on names that are not UTF-8 (read as cp437)
  duplicates.zip                     the same name twice
  trailing.zip                       junk after the end record
  locator_lookalike.zip              an entry comment that looks like a zip64 locator
  empty.zip                          no entries
  zipcli.zip, zipcli_stream.zip      made by Info-ZIP `zip` (skipped when it is not installed)
  hundred_k.zip                      100,000 tiny members; described in expected_100k.json
"""
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile

import numpy as np


class NonSeekable(io.RawIOBase):
    """A write-only stream without seek/tell, like a pipe."""

    def __init__(self, f):
        self.f = f

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)


class CP437Info(zipfile.ZipInfo):
    """A ZipInfo whose name is stored in cp437 without flag bit 11 (zipfile only writes ASCII or UTF-8)."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits


def arrays():
    rec = np.zeros(3, dtype=[("x", "<f4"), ("n", "<i2"), ("s", "S3")])
    rec["x"] = [1.5, 2.5, 3.5]
    return {
        "a": np.arange(10, dtype="<i8"),
        "b": np.linspace(0, 1, 12).reshape(3, 4),
        "rec": rec,
        "scalar": np.float32(3.25),
        "big": np.arange(5000, dtype="<f8") % 7,
    }


def comment_text(b, utf8_flag=True):
    """The archive comment's rule: UTF-8 if valid, else cp437."""
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp437")


def local_header(data, off):
    sig, ver, flags, method, t, d, crc, csize, usize, n, e = struct.unpack("<IHHHHHIIIHH", data[off:off + 30])
    assert sig == 0x04034B50, hex(sig)
    return {"offset": off, "data_offset": off + 30 + n + e, "name_length": n, "extra_length": e,
            "flags": flags, "method": method, "crc": crc, "csize": csize, "usize": usize}


def describe(path, problems=(), name_override=None):
    """Everything zipfile knows about the archive at `path`, plus local-header data offsets."""
    data = open(path, "rb").read()
    with open(path, "rb") as f:
        endrec = zipfile._EndRecData(f)
    zip64 = endrec[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64
    concat = endrec[zipfile._ECD_LOCATION] - endrec[zipfile._ECD_SIZE] - endrec[zipfile._ECD_OFFSET]
    if zip64:
        concat -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zf = zipfile.ZipFile(path)
    entries = []
    central = zf.start_dir
    for i, zi in enumerate(zf.infolist()):
        utf8 = bool(zi.flag_bits & 0x800)
        raw = zi.orig_filename.encode("utf-8" if utf8 else "cp437")
        name = zi.orig_filename
        if name_override is not None:
            name, raw = name_override[i]
        lh = local_header(data, zi.header_offset)
        y, mo, d, h, mi, s = zi.date_time
        entries.append({
            "index": i,
            "name": name,
            "raw_name_hex": raw.hex(),
            "flags": zi.flag_bits,
            "method": zi.compress_type,
            "crc": zi.CRC,
            "compressed_size": zi.compress_size,
            "uncompressed_size": zi.file_size,
            "header_offset": zi.header_offset,
            "central_header_offset": central,
            "data_offset": lh["data_offset"],
            "comment": zi.comment.decode("utf-8") if utf8 else zi.comment.decode("cp437"),
            "version_made_by": zi.create_system << 8 | zi.create_version,
            "version_needed": zi.extract_version,
            "external_attributes": zi.external_attr,
            "internal_attributes": zi.internal_attr,
            "mod_time": h << 11 | mi << 5 | s // 2,
            "mod_date": (y - 1980) << 9 | mo << 5 | d,
            "is_dir": zi.is_dir(),
            "extra_length": len(zi.extra),
            "local_name_length": lh["name_length"],
            "local_extra_length": lh["extra_length"],
        })
        central += 46 + len(raw) + len(zi.extra) + len(zi.comment)
    zf.close()
    return {
        "file": os.path.basename(path),
        "size": len(data),
        "comment": comment_text(endrec[zipfile._ECD_COMMENT]),
        "comment_hex": endrec[zipfile._ECD_COMMENT].hex(),
        "entry_count": endrec[zipfile._ECD_ENTRIES_TOTAL],
        "cd_offset": endrec[zipfile._ECD_OFFSET] + concat,
        "cd_size": endrec[zipfile._ECD_SIZE],
        "zip64": zip64,
        "base_offset": concat,
        "end_record_offset": endrec[zipfile._ECD_LOCATION],
        "problems": list(problems),
        "entries": entries,
    }


def with_patched_limits(zip64_limit, count_limit, fn):
    saved = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = zip64_limit, count_limit
    try:
        fn()
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_zip_cases.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    cases = []

    np.savez(p("savez.npz"), **arrays())
    cases.append(describe(p("savez.npz")))
    np.savez_compressed(p("savez_compressed.npz"), **arrays())
    cases.append(describe(p("savez_compressed.npz")))
    with open(p("savez_stream.npz"), "wb") as f:
        np.savez(NonSeekable(f), **arrays())
    cases.append(describe(p("savez_stream.npz")))

    with zipfile.ZipFile(p("comment.zip"), "w") as zf:
        zf.comment = "archive comment: caf\u00e9 \u2713".encode("utf-8")
        zf.writestr("stored.txt", b"hello stored\n" * 3, compress_type=zipfile.ZIP_STORED)
        zi = zipfile.ZipInfo("deflated.txt", date_time=(2021, 6, 7, 8, 9, 10))
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.comment = b"entry comment"
        zf.writestr(zi, b"deflate me " * 200)
        zi = zipfile.ZipInfo("cp437comment.txt")
        zi.comment = bytes([0x80, 0x81, 0xE9, 0xFE])
        zf.writestr(zi, b"x")
        zf.writestr("dir/", b"")
        zf.writestr("dir/inner.npy", b"\x93NUMPY")
    cases.append(describe(p("comment.zip")))

    with zipfile.ZipFile(p("comment_cp437.zip"), "w") as zf:
        zf.comment = bytes([0x80, 0x81, 0x82, 0xFF]) + b" not utf-8"
        zf.writestr("a.txt", b"a")
    cases.append(describe(p("comment_cp437.zip")))

    with zipfile.ZipFile(p("force_zip64.zip"), "w") as zf:
        with zf.open("stored.bin", "w", force_zip64=True) as w:
            w.write(bytes(range(256)) * 4)
        zf.compression = zipfile.ZIP_DEFLATED
        with zf.open("deflated.bin", "w", force_zip64=True) as w:
            w.write(b"abc" * 1000)
    cases.append(describe(p("force_zip64.zip")))

    def zip64_small():
        with zipfile.ZipFile(p("zip64_small.zip"), "w") as zf:
            zf.writestr("small.txt", b"tiny")
            zf.writestr("big.txt", b"0123456789" * 30)
            zf.writestr("deflated.txt", b"z" * 500, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr("last.txt", b"last one")
    with_patched_limits(100, 2, zip64_small)
    cases.append(describe(p("zip64_small.zip")))

    # The same archive with the end record's fields saturated: only the zip64 end record has values.
    data = bytearray(open(p("zip64_small.zip"), "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HHHHII", data, eocd + 4, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    open(p("zip64_saturated.zip"), "wb").write(data)
    cases.append(describe(p("zip64_saturated.zip")))

    prefix = b"#!/bin/sh\necho 'self-extracting stub'\nexit 0\n" + bytes(range(256))
    open(p("prefixed.zip"), "wb").write(prefix + open(p("savez.npz"), "rb").read())
    cases.append(describe(p("prefixed.zip"), problems=["bytes before"]))
    open(p("prefixed_zip64.zip"), "wb").write(prefix + open(p("zip64_small.zip"), "rb").read())
    cases.append(describe(p("prefixed_zip64.zip"), problems=["bytes before"]))

    with zipfile.ZipFile(p("names_utf8.zip"), "w") as zf:
        for name in ["caf\u00e9.npy", "\u65e5\u672c\u8a9e/\u30c7\u30fc\u30bf.npy", "emoji \U0001F600.npy", "plain.npy"]:
            zf.writestr(name, name.encode("utf-8"))
    cases.append(describe(p("names_utf8.zip")))

    cp437_names = [bytes(range(0x80 + 32 * k, 0x80 + 32 * (k + 1))).decode("cp437") + ".npy" for k in range(4)]
    with zipfile.ZipFile(p("names_cp437.zip"), "w") as zf:
        for name in cp437_names:
            zf.writestr(CP437Info(name), b"data")
    cases.append(describe(p("names_cp437.zip")))

    # Flag bit 11 set on names that are not valid UTF-8: the reader falls back to cp437. zipfile
    # itself refuses such names, so the expected names are its cp437 reading of the archive before
    # the flag was set.
    with zipfile.ZipFile(p("names_bad_utf8.zip"), "w") as zf:
        zf.writestr(CP437Info("bad \u00e9\u00e8.npy"), b"1")
        zf.writestr(CP437Info("ok.npy"), b"2")
    before = describe(p("names_bad_utf8.zip"))
    data = bytearray(open(p("names_bad_utf8.zip"), "rb").read())
    for e in before["entries"]:
        for off in (e["central_header_offset"] + 8, e["header_offset"] + 6):
            struct.pack_into("<H", data, off, struct.unpack_from("<H", data, off)[0] | 0x800)
        e["flags"] |= 0x800
    open(p("names_bad_utf8.zip"), "wb").write(data)
    cases.append(before)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(p("duplicates.zip"), "w") as zf:
            zf.writestr("x.npy", b"first")
            zf.writestr("y.npy", b"other")
            zf.writestr("x.npy", b"second")
    cases.append(describe(p("duplicates.zip"), problems=["again"]))

    open(p("trailing.zip"), "wb").write(open(p("comment.zip"), "rb").read() + b"TRAILING JUNK" * 3)
    cases.append(describe(p("trailing.zip"), problems=["more bytes"]))

    # The last entry's comment ends right before the end record and looks like a zip64 locator
    # (Go's issue 12449 is a real file like this): the end record needs no zip64 values, so the
    # lookalike is reported and ignored.
    with zipfile.ZipFile(p("locator_lookalike.zip"), "w") as zf:
        zf.writestr("first.npy", b"1")
        zi = zipfile.ZipInfo("last.npy")
        zi.comment = b"PK\x06\x07" + struct.pack("<IQI", 0, 12345, 1)
        zf.writestr(zi, b"2")
    cases.append(describe(p("locator_lookalike.zip"), problems=["ignored"]))

    with zipfile.ZipFile(p("empty.zip"), "w"):
        pass
    cases.append(describe(p("empty.zip")))

    if shutil.which("zip"):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "tree", "sub"))
            for rel, content in [("tree/a.txt", b"alpha\n" * 50), ("tree/sub/b.bin", bytes(range(256))),
                                 ("tree/empty.txt", b"")]:
                with open(os.path.join(tmp, rel), "wb") as f:
                    f.write(content)
            target = os.path.abspath(p("zipcli.zip"))
            if os.path.exists(target):
                os.remove(target)
            subprocess.run(["zip", "-q", "-r", target, "tree"], cwd=tmp, check=True)
            cases.append(describe(target))
            # Output to a pipe (not seekable): zip writes data descriptors and zip64 local extras.
            piped = subprocess.run(["zip", "-q", "-", "-"], input=b"streamed through a pipe\n" * 100,
                                   stdout=subprocess.PIPE, check=True).stdout
            with open(p("zipcli_stream.zip"), "wb") as f:
                f.write(piped)
            cases.append(describe(p("zipcli_stream.zip")))

    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"generator": "Tests/Fixtures/gen_zip_cases.py", "numpy": np.__version__,
                   "archives": cases}, f, indent=1, ensure_ascii=False)

    # 100,000 tiny members: a zip64 end record (the count exceeds 65535) and a big directory.
    n = 100_000
    with zipfile.ZipFile(p("hundred_k.zip"), "w") as zf:
        for i in range(n):
            zf.writestr(zipfile.ZipInfo(f"m{i:06d}.npy", date_time=(2024, 1, 1, 0, 0, 0)), str(i % 997).encode())
    big = describe(p("hundred_k.zip"))
    columns = {k: [e[k] for e in big["entries"]]
               for k in ("name", "crc", "compressed_size", "uncompressed_size", "header_offset", "data_offset")}
    summary = {k: v for k, v in big.items() if k != "entries"}
    with open(os.path.join(out, "expected_100k.json"), "w") as f:
        json.dump({"archive": summary, "columns": columns}, f)
    print(f"wrote {len(cases) + 1} archives to {out}")


if __name__ == "__main__":
    main()
