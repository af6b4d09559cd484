#!/usr/bin/env python3
"""Write the small example files in Samples/ (run from anywhere; needs numpy).

    python3 Samples/make_samples.py

Deterministic: the same numpy gives the same bytes. Each file stays well under 500 KB.
"""

import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def signal(n=4000):
    """A chirp with a little noise, sampled at 1 kHz."""
    t = np.arange(n) / 1000.0
    return np.sin(2 * np.pi * (5 + 20 * t) * t) + 0.05 * rng.standard_normal(n)


def image(h=96, w=128):
    """An int32 test pattern: rings plus a gradient."""
    y, x = np.mgrid[0:h, 0:w]
    r = np.hypot(y - h / 2, x - w / 2)
    return ((np.sin(r / 3) + 1) * 1000 + x * 4 + y).astype(np.int32)


def volume(n=24):
    """A float32 3-D Gaussian blob with noise."""
    z, y, x = np.mgrid[0:n, 0:n, 0:n].astype(np.float32) - (n - 1) / 2
    blob = np.exp(-(x * x + y * y + z * z) / (2 * (n / 6) ** 2))
    return (blob + 0.01 * rng.standard_normal(blob.shape)).astype(np.float32)


def timeline(n=48):
    start = np.datetime64("2024-03-01T00:00:00", "s")
    t = start + np.arange(n) * np.timedelta64(30, "m")
    t[7] = np.datetime64("NaT")
    return t


def main():
    sig = signal()
    img = image()
    vol = volume()
    mask = img > np.median(img)
    labels = np.array(["background", "edge", "ring", "centre", "ünïcode ✓", ""], dtype="U12")
    when = timeline()

    np.savez(os.path.join(HERE, "mixed.npz"),
             signal=sig, image=img, volume=vol, mask=mask, labels=labels, timeline=when)
    np.savez_compressed(os.path.join(HERE, "compressed.npz"),
                        signal=sig, image=img, volume=vol, mask=mask, labels=labels, timeline=when,
                        counts=np.bincount(img.ravel() % 97).astype(np.uint16))

    particle = np.dtype([
        ("id", "<u4"),
        ("pos", [("x", "<f4"), ("y", "<f4"), ("z", "<f4")]),
        ("vel", "<f8", (3,)),
        ("cov", "<f4", (2, 2)),
        ("species", "S8"),
        ("label", "<U6"),
        ("alive", "?"),
        ("seen", "<M8[ms]"),
    ])
    n = 200
    p = np.zeros(n, particle)
    p["id"] = np.arange(n) + 1000
    for f in "xyz":
        p["pos"][f] = rng.uniform(-1, 1, n)
    p["vel"] = rng.standard_normal((n, 3))
    p["cov"] = np.eye(2) * rng.uniform(0.5, 2, (n, 1, 1))
    p["species"] = np.array([b"proton", b"neutron", b"electron", b"muon"])[np.arange(n) % 4]
    p["label"] = np.array(["alpha", "beta", "gamma", "δelta"])[np.arange(n) % 4]
    p["alive"] = np.arange(n) % 5 != 0
    p["seen"] = np.datetime64("2024-03-01T12:00:00.000", "ms") + np.arange(n) * np.timedelta64(1500, "ms")
    np.save(os.path.join(HERE, "structured.npy"), p)

    np.save(os.path.join(HERE, "volume.npy"), volume(40))
    np.save(os.path.join(HERE, "bigendian.npy"), signal(2000).astype(">f8"))
    np.save(os.path.join(HERE, "fortran.npy"), np.asfortranarray(np.arange(60 * 80, dtype=np.float64).reshape(60, 80) / 7))

    total = 0
    for name in sorted(os.listdir(HERE)):
        if name.endswith((".npy", ".npz")):
            size = os.path.getsize(os.path.join(HERE, name))
            assert size < 500_000, (name, size)
            total += size
            print("%-16s %8d bytes" % (name, size))
    assert total < 2_000_000, total
    print("%-16s %8d bytes" % ("total", total))


if __name__ == "__main__":
    main()
