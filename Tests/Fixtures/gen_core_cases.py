#!/usr/bin/env python3
"""Cases for the NPY core unit tests, computed by numpy: basic-indexing results and descr facts.

Usage: gen_core_cases.py OUTDIR   (writes OUTDIR/core_cases.json)
"""
import json, os, random, sys
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = random.Random(1234)

def rand_item(d):
    r = rng.random()
    if r < 0.25:
        return str(rng.randint(-d - 1, d)) if d > 0 else ":"
    def b():
        return "" if rng.random() < 0.3 else str(rng.randint(-d - 3, d + 3))
    step = rng.choice(["", "", "1", "2", "3", "-1", "-2", "-5", "7"])
    return f"{b()}:{b()}" + (f":{step}" if step else "")

slices = []
for _ in range(400):
    nd = rng.randint(0, 4)
    shape = tuple(rng.randint(0, 6) for _ in range(nd))
    order = rng.choice("CF")
    n_items = rng.randint(0, nd + 1)
    items = [rand_item(shape[i] if i < nd else 3) for i in range(n_items)]
    if items and rng.random() < 0.3:
        items.insert(rng.randint(0, len(items)), "...")
    text = "[" + ", ".join(items) + "]"
    a = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape, order=order)
    try:
        r = eval("a" + text if items else "a[...]")
        slices.append({"shape": list(shape), "fortran": order == "F", "slice": text,
                       "result_shape": list(np.shape(r)), "storage": np.ravel(np.asarray(r), order="C").tolist()})
    except IndexError as e:
        slices.append({"shape": list(shape), "fortran": order == "F", "slice": text, "index_error": str(e)})

dtypes = []
specs = ["?", "i1", "<i2", ">i2", "<i4", ">u4", "<i8", ">u8", "u1", "<f2", ">f2", "<f4", ">f8", "<f8", np.longdouble,
         "<c8", ">c16", np.clongdouble, "S0", "S7", "<U5", ">U1", "V9", "O",
         "<M8", "<M8[Y]", ">M8[ns]", "<M8[10s]", "<m8[as]", ">m8[3D]", "<m8",
         [("a", "<i4"), ("b", [("x", "<f8"), ("y", ">f4", (2, 3))])],
         {"names": ["a", "b"], "formats": ["u1", "<f8"], "offsets": [0, 8], "itemsize": 24},
         [(("the title", "t"), "<i2"), ("u", "S3")],
         np.dtype([("p", "<f4"), ("q", "u1")], align=True)]
for s in specs:
    d = np.dtype(s)
    descr = np.lib.format.dtype_to_descr(d)
    dtypes.append({"descr_repr": repr(descr), "str": d.str, "itemsize": d.itemsize,
                   "fields": (list(d.names) if d.names else None)})

import io
headers = []
for arr in [np.zeros(()), np.zeros(5), np.zeros((3, 4), order="F"), np.zeros((0, 7), ">i2"), np.zeros((2, 1, 3), "U4"),
            np.zeros(2, [("a", "<i4"), ("b", "<f8", (2,))]), np.zeros((10**6,), "?"), np.zeros((1, 1, 1, 1), "M8[ns]")]:
    for version in [(1, 0), (2, 0), (3, 0)]:
        buf = io.BytesIO()
        np.lib.format.write_array(buf, arr, version=version)
        raw = buf.getvalue()
        n = int.from_bytes(raw[8:10], "little") if version == (1, 0) else int.from_bytes(raw[8:12], "little")
        start = 10 if version == (1, 0) else 12
        headers.append(raw[start:start + n].decode("latin-1"))

with open(os.path.join(out, "core_cases.json"), "w") as f:
    json.dump({"slices": slices, "dtypes": dtypes, "headers": headers}, f)
print(f"core cases: {len(slices)} slices, {len(dtypes)} dtypes", file=sys.stderr)
