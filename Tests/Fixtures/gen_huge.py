#!/usr/bin/env python3
"""Writes files over 4 GiB, sparse (a few MB of real disk), and expected.json describing them.

Usage: python3 Tests/Fixtures/gen_huge.py Tests/Fixtures/generated/huge

  big.npy     float64, 4 GiB + 8 MiB of data (numpy's open_memmap: the file is sparse), known
              values at both ends
  zip64.npz   a zip64 archive as numpy writes them (zip64 extra in the local header), whose
              stored member big.npy holds the same 4 GiB + 8 MiB array, followed by a deflated
              member small.npy that starts past 4 GiB (its offset only fits in a zip64 extra
              of the central directory), a zip64 end record and locator

The archive is laid out by hand so the zeros in the middle are never written (zipfile would
write all 4 GiB). Expected facts come from zipfile reading the finished archive and from numpy
(np.load with mmap_mode for the .npy, np.load of the small member's bytes); the CRC-32 is
zlib's over the member's bytes.
"""
import io
import json
import os
import struct
import sys
import zipfile
import zlib

import numpy as np

N = (4 * (1 << 30) + 8 * (1 << 20)) // 8  # elements: 4 GiB + 8 MiB of float64
HEAD = np.arange(5, dtype="<f8") * 0.5 + 0.25
TAIL = np.arange(5, dtype="<f8") * -1.5 + 1e9


def npy_header(shape):
    f = io.BytesIO()
    header = np.lib.format.header_data_from_array_1_0(np.empty(0, "<f8"))
    header["shape"] = shape
    np.lib.format.write_array_header_1_0(f, header)
    return f.getvalue()


def write_big_npy(path):
    a = np.lib.format.open_memmap(path, mode="w+", dtype="<f8", shape=(N,))
    a[:5] = HEAD
    a[-5:] = TAIL
    a.flush()
    del a


def crc_of_sparse(header, n_bytes):
    """CRC-32 of header + HEAD + zeros + TAIL (n_bytes of data in all)."""
    crc = zlib.crc32(header)
    crc = zlib.crc32(HEAD.tobytes(), crc)
    zeros = n_bytes - HEAD.nbytes - TAIL.nbytes
    block = bytes(16 << 20)
    while zeros > 0:
        k = min(zeros, len(block))
        crc = zlib.crc32(block[:k] if k < len(block) else block, crc)
        zeros -= k
    return zlib.crc32(TAIL.tobytes(), crc)


def write_zip64(path):
    header = npy_header((N,))
    big_size = len(header) + N * 8
    big_crc = crc_of_sparse(header, N * 8)
    small = np.arange(12, dtype="<i4").reshape(3, 4) * 7 - 5
    sf = io.BytesIO()
    np.lib.format.write_array(sf, small)
    small_raw = sf.getvalue()
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    small_deflated = comp.compress(small_raw) + comp.flush()
    small_crc = zlib.crc32(small_raw)

    central = []
    with open(path, "wb") as f:
        # big.npy: stored, sizes in a zip64 extra of the local header (as numpy writes it).
        name = b"big.npy"
        extra = struct.pack("<HHQQ", 1, 16, big_size, big_size)
        f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, big_crc,
                            0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra)) + name + extra)
        data_start = f.tell()
        f.write(header + HEAD.tobytes())
        f.seek(data_start + big_size - TAIL.nbytes)
        f.write(TAIL.tobytes())
        central.append((name, 0, 0, big_crc, big_size, big_size, 0))
        # small.npy: deflated, starting past 4 GiB.
        small_off = f.tell()
        assert small_off > 0xFFFFFFFF
        name = b"small.npy"
        f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, small_crc,
                            len(small_deflated), len(small_raw), len(name), 0) + name)
        f.write(small_deflated)
        central.append((name, 8, 0, small_crc, len(small_deflated), len(small_raw), small_off))
        # Central directory: zip64 extras carry exactly the fields saturated in the record.
        cd_start = f.tell()
        for name, method, flags, crc, csize, usize, off in central:
            z64 = b""
            fields = []
            if usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF:
                fields += [usize, csize]
            if off >= 0xFFFFFFFF:
                fields.append(off)
            if fields:
                z64 = struct.pack("<HH", 1, 8 * len(fields)) + struct.pack("<%dQ" % len(fields), *fields)
            sat = lambda v: 0xFFFFFFFF if v >= 0xFFFFFFFF else v
            big = usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
            f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45 if z64 else 20, flags, method, 0, 0x21, crc,
                                0xFFFFFFFF if big else csize, 0xFFFFFFFF if big else usize,
                                len(name), len(z64), 0, 0, 0, 0, sat(off)) + name + z64)
        cd_size = f.tell() - cd_start
        z64_end = f.tell()
        f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(central), len(central), cd_size, cd_start))
        f.write(struct.pack("<IIQI", 0x07064B50, 0, z64_end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), cd_size, 0xFFFFFFFF, 0))
    return small


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    npy_path = os.path.join(out, "big.npy")
    zip_path = os.path.join(out, "zip64.npz")
    write_big_npy(npy_path)
    write_zip64(zip_path)

    # The reference readers, on the finished files.
    a = np.load(npy_path, mmap_mode="r")
    zf = zipfile.ZipFile(zip_path)
    members = []
    for zi in zf.infolist():
        with open(zip_path, "rb") as f:
            f.seek(zi.header_offset)
            n, e = struct.unpack("<26xHH", f.read(30))
        members.append({"name": zi.filename, "method": {0: "stored", 8: "deflate"}[zi.compress_type],
                        "compressed_size": zi.compress_size, "uncompressed_size": zi.file_size,
                        "crc32": zi.CRC, "local_header_offset": zi.header_offset,
                        "data_offset": zi.header_offset + 30 + n + e})
    small = np.load(io.BytesIO(zf.read("small.npy")))
    # The big member's array, read by numpy through a memmap at the member's data offset.
    big_member = members[0]
    with open(zip_path, "rb") as f:
        f.seek(big_member["data_offset"])
        np.lib.format.read_magic(f)
        shape, _, dtype = np.lib.format.read_array_header_1_0(f)
        array_offset = f.tell()
    big = np.memmap(zip_path, dtype=dtype, mode="r", offset=array_offset, shape=shape)
    expected = {
        "npy": {"file": "big.npy", "file_size": os.path.getsize(npy_path), "shape": list(a.shape),
                "data_offset": int(a.offset), "first": [float(x) for x in a[:3]], "last": [float(x) for x in a[-3:]]},
        "npz": {"file": "zip64.npz", "file_size": os.path.getsize(zip_path), "members": members,
                "big_shape": list(shape), "big_array_offset": array_offset, "big_first": [float(x) for x in big[:3]], "big_last": [float(x) for x in big[-3:]],
                "small_shape": list(small.shape), "small_values": small.tolist()},
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
